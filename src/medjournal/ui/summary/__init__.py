"""ui/summary: see docs/architecture.md."""
