"""ui/today: see docs/architecture.md."""
