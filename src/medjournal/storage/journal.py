"""The Journal API: the one way in to the data for the window, the command line and the summary.

Every write validates through :mod:`medjournal.domain.entries`, runs in one short transaction, and is committed
before the method returns: a returned record is an acknowledged, durable entry. The API is split by subject into
``journal_base`` (connection, transactions, lookups), ``journal_reads`` (the reads a read-only journal has too),
``journal_medications``, ``journal_doses``, ``journal_entries``, ``journal_measures`` and ``journal_editing``;
:class:`Journal` puts them together.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medjournal.domain.clock import Clock, SystemClock
from medjournal.paths import backup_dir_for
from medjournal.storage import schema
from medjournal.storage.database import open_database
from medjournal.storage.journal_activities import ActivitiesMixin
from medjournal.storage.journal_doses import DosesMixin
from medjournal.storage.journal_editing import DeletedEntry, EditingMixin
from medjournal.storage.journal_entries import EntriesMixin
from medjournal.storage.journal_import import ImportMixin
from medjournal.storage.journal_measures import MeasuresMixin
from medjournal.storage.journal_medications import MedicationsMixin

__all__ = ["DAY_TABLES", "DeletedEntry", "Journal", "open_journal"]

# Tables of daily entries, each with a ``day`` column.
DAY_TABLES = (
    "checkins",
    "dose_logs",
    "side_effects",
    "questionnaires",
    "treatments",
    "measures",
    "activity_ratings",
)


class Journal(
    MedicationsMixin, DosesMixin, EntriesMixin, MeasuresMixin, EditingMixin, ImportMixin, ActivitiesMixin
):
    """A journal file opened for reading and writing.

    >>> from datetime import datetime
    >>> from medjournal.domain.clock import FixedClock
    >>> journal = Journal.in_memory(FixedClock(datetime(2026, 1, 5, 9, 0).astimezone()))
    >>> journal.add_checkin(pain=6, mood=5).pain
    6
    """

    @classmethod
    def in_memory(cls, clock: Clock | None = None) -> Journal:
        from medjournal.storage.sqlite_lib import Database

        db = Database(memory=True, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        schema.migrations.apply(db)
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        return cls(db, None, clock)

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in schema.DATA_TABLES
        }

    def clear(self) -> None:
        """Delete every entry, medication and setting in one transaction (the demo's ``--force``; the caller
        backs the journal up first). The file, its schema and its backups stay."""
        with self._write() as db:
            for table in reversed(schema.DATA_TABLES):
                db.execute(f"DELETE FROM {table}")

    def is_empty(self) -> bool:
        return all(count == 0 for table, count in self.counts().items() if table != "settings")

    def date_span(self) -> tuple[date, date] | None:
        """The first and last day with any daily entry, or None for a journal without entries."""
        # one min() or max() per subquery: SQLite then reads it from the day index instead of scanning the table
        parts = " UNION ALL ".join(
            f"SELECT (SELECT min(day) FROM {t}) AS first, (SELECT max(day) FROM {t}) AS last"
            for t in DAY_TABLES
        )
        row = self.db.execute(f"SELECT min(first), max(last) FROM ({parts})").fetchone()
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def entries_after(self, day: date) -> int:
        """How many daily entries are dated after ``day`` (typed with a wrong date, or while the computer's clock
        was ahead): a summary up to ``day`` leaves them out and says how many (docs/data-safety.md)."""
        parts = " UNION ALL ".join(f"SELECT count(*) AS n FROM {t} WHERE day > ?" for t in DAY_TABLES)
        row = self.db.execute(f"SELECT sum(n) FROM ({parts})", [day.isoformat()] * len(DAY_TABLES)).fetchone()
        return int(row[0] or 0)

    def days_with_entries(self, start: date, end: date) -> set[date]:
        parts = " UNION ".join(f"SELECT day FROM {t} WHERE day BETWEEN ? AND ?" for t in DAY_TABLES)
        params = [start.isoformat(), end.isoformat()] * len(DAY_TABLES)
        return {date.fromisoformat(row[0]) for row in self.db.execute(parts, params).fetchall()}


def open_journal(
    path: Path,
    clock: Clock | None = None,
    backup_dir: Path | None = None,
    background_backups: bool = False,
    first_backup_later: bool = False,
) -> Journal:
    """Open the journal file at ``path`` (created if missing), checked and migrated. With
    ``background_backups`` (the window) the automatic backups run in a thread (storage/autobackup.py); with
    ``first_backup_later`` the day's first one is left to the caller (``journal.auto_backup.on_open()``)."""
    from medjournal.storage.autobackup import attach_auto_backup  # not needed by the read-only open
    from medjournal.storage.in_use import hold_shared

    folder = backup_dir or backup_dir_for(path)
    hold = hold_shared(path)  # a conversion never replaces the file under an open journal
    try:
        db = open_database(path, folder, (clock or SystemClock()).now())
    except BaseException:
        hold.release()
        raise
    journal = Journal(db, path, clock, folder)
    journal.in_use = hold
    # Automatic backups (storage/autobackup.py): into the "backup_dir" setting's folder unless one was given.
    attach_auto_backup(
        journal,
        folder,
        use_setting=backup_dir is None,
        background=background_backups,
        take_first=not first_backup_later,
    )
    return journal
