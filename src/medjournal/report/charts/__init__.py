"""report/charts: see docs/architecture.md."""
