"""report/summary: see docs/architecture.md."""
