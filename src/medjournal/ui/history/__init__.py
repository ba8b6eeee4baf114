"""ui/history: see docs/architecture.md."""
