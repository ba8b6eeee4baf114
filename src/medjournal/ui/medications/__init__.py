"""ui/medications: see docs/architecture.md."""
