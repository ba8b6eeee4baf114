"""ui/journal: see docs/architecture.md."""
