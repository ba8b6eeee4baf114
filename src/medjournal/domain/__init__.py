"""Plain-Python core of medjournal: records, validation, instruments, schedules and analysis.

Nothing in this package imports Qt or SQL; it is tested without a screen or a database.
"""
