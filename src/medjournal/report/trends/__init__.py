"""report/trends: see docs/architecture.md."""
