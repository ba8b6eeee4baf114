"""Taking away a journal a refused command started (docs/command-line.md, "A journal that is not there").

A writing command on a path with no journal starts one; when the command is then refused, the journal it started
goes, unless something was written into it. Another medjournal may have found the new journal in the moment
between, so the files are removed only while this process holds the journal against every other opening (the
in-use lock a conversion takes, :mod:`medjournal.storage.in_use`; not waited for: anyone else holding it keeps the
journal) and only if the journal is still empty when read under that lock.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from medjournal.domain.errors import MedjournalError
from medjournal.storage import schema
from medjournal.storage.in_use import GATE_SUFFIX, USERS_SUFFIX, held_exclusively


def remove_if_empty(journal: Path, made: list[Path]) -> bool:
    """Remove the files in ``made`` (the journal and the files beside it that its opening made) when nobody else
    has the journal open and it holds no record or setting; True when they were removed. The in-use lock files
    go when the hold is released, as the last holder's always do."""
    try:
        with held_exclusively(journal, wait_s=0):
            if _holds_anything(journal):
                return False
            for file in made:
                if not file.name.endswith((USERS_SUFFIX, GATE_SUFFIX)):
                    file.unlink(missing_ok=True)
    except (MedjournalError, OSError):  # in use by another medjournal, or not removable: it stays
        return False
    return True


def _holds_anything(journal: Path) -> bool:
    """Whether ``journal`` holds any record or setting, read with plain SQLite; as if so when it cannot be read."""
    if not journal.exists():
        return False
    try:
        connection = sqlite3.connect(f"{journal.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return any(
                connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
                for table in schema.DATA_TABLES
            )
        finally:
            connection.close()
    except sqlite3.Error:
        return True
