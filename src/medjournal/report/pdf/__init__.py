"""report/pdf: see docs/architecture.md."""
