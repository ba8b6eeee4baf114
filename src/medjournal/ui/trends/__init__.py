"""ui/trends: see docs/architecture.md."""
