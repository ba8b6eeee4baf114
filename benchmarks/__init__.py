"""Benchmarks for medjournal: measured as ratios against a baseline run in the same process (docs/design.md §5)."""
