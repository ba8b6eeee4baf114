"""The shared core of the Journal API: the connection, the clock, one short transaction per write, and lookups
of medications and dose steps that every part of the API uses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from medjournal.domain.clock import Clock, SystemClock
from medjournal.domain.errors import JournalClosedError, JournalFileError, NotFoundError
from medjournal.domain.records import (
    Medication,
    Record,
    Regimen,
)
from medjournal.domain.schedule import regimen_on
from medjournal.domain.stock import changes_stock, refill_moment, units_for_dose
from medjournal.i18n import _
from medjournal.storage.database import tolerate_damaged_text, write_transaction
from medjournal.storage.entry_gone import gone

if TYPE_CHECKING:
    from sqlite_utils import Database

    from medjournal.storage.autobackup import AutoBackup
    from medjournal.storage.in_use import Hold

R = TypeVar("R", bound=Record)


class JournalBase:
    """A journal file opened for reading and writing; :class:`medjournal.storage.journal.Journal` adds the rest."""

    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        clock: Clock | None = None,
        backup_dir: Path | None = None,
    ) -> None:
        self._db: Database | None = db
        self._batch_depth = 0
        self.path = path
        self.clock: Clock = clock or SystemClock()
        self.backup_dir = backup_dir
        self.changes_since_backup = 0
        self.auto_backup: AutoBackup | None = None  # set by open_journal (storage/autobackup.py)
        self.in_use: Hold | None = None  # set by the openings of a file (storage/in_use.py)

    @property
    def db(self) -> Database:
        """The open connection; :class:`JournalClosedError` once :meth:`close` has run."""
        if self._db is None:
            raise JournalClosedError(_closed_message(self.path))
        return self._db

    @property
    def closed(self) -> bool:
        return self._db is None

    @property
    def encrypted(self) -> bool:
        """Whether the file is protected with a passphrase (docs/data-safety.md, *Encryption*)."""
        from medjournal.storage.cipher import key_of

        return self._db is not None and key_of(self._db.conn) is not None

    def close(self) -> None:
        """Close the file; every later call raises :class:`JournalClosedError`. Closing twice is harmless.
        A backup running in the background is let finish first (storage/autobackup.py)."""
        if self.auto_backup is not None:
            self.auto_backup.wait()
        db, self._db = self._db, None
        if db is not None:
            db.close()
        if self.in_use is not None:
            self.in_use.release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes as one: they share one IMMEDIATE transaction and are committed together when the
        block ends, or not at all when anything in it raises (the exception is raised again).

        Writes inside the block join it, as do nested ``batch()`` blocks; an automatic backup waits for the
        end of the outermost block.

        >>> from datetime import datetime
        >>> from medjournal.domain.clock import FixedClock
        >>> from medjournal.domain.errors import MedjournalError
        >>> from medjournal.storage.journal import Journal
        >>> journal = Journal.in_memory(FixedClock(datetime(2026, 1, 5, 9, 0).astimezone()))
        >>> try:
        ...     with journal.batch():
        ...         _ = journal.add_checkin(pain=6)
        ...         _ = journal.add_checkin(pain=11)
        ... except MedjournalError as exc:
        ...     print(exc)
        The pain must be from 0 to 10; 11 is outside.
        >>> journal.checkins()
        []
        """
        if self._batch_depth:
            self._batch_depth += 1
            try:
                with self._translated(), self.db.atomic():
                    yield
            finally:
                self._batch_depth -= 1
            return
        self._batch_depth = 1
        try:
            with self._translated(), write_transaction(self.db):
                yield
        finally:
            self._batch_depth = 0
        self._after_write()

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One write: its own short transaction, or a savepoint inside a :meth:`batch`."""
        with self._translated(), write_transaction(self.db):
            yield self.db
        self.changes_since_backup += 1
        if not self._batch_depth:
            self._after_write()

    def _after_write(self) -> None:
        if self.auto_backup is not None and not self.closed:
            self.auto_backup.after_write()

    @contextmanager
    def _translated(self, writing: bool = True) -> Iterator[None]:
        """SQLite's own errors become the project's: nothing above storage/ sees an ``sqlite3`` exception."""
        try:
            yield
        except sqlite3.ProgrammingError as exc:
            if self.closed or "closed" in str(exc):
                raise JournalClosedError(_closed_message(self.path)) from None
            raise
        except sqlite3.DatabaseError as exc:
            raise _failure(self.path, exc, writing) from None

    def _insert(self, table: str, values: Mapping[str, Any]) -> int:
        row = dict(values)
        row.setdefault("recorded_at", self._stamp())
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        return int(cursor.lastrowid or 0)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        columns, rows = self._tuples(sql, params)
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The query's column names and its rows as tuples."""
        db = self.db
        with self._translated(writing=False):
            try:
                return _read(db, sql, params)
            except (sqlite3.OperationalError, UnicodeDecodeError) as exc:
                if not tolerate_damaged_text(db, exc):
                    raise
            return _read(db, sql, params)

    def _fetch(
        self, cls: type[R], table: str, where: str = "", params: Sequence[Any] = (), order: str = "id"
    ) -> list[R]:
        clause = f" WHERE {where}" if where else ""
        return cls.from_rows(*self._tuples(f"SELECT * FROM {table}{clause} ORDER BY {order}", params))

    def _get(self, cls: type[R], table: str, entry_id: int) -> R:
        found = self._fetch(cls, table, "id = ?", [entry_id])
        if not found:
            raise NotFoundError(gone(table))
        return found[0]

    @staticmethod
    def _range(start: date | None, end: date | None, column: str = "day") -> tuple[str, list[str]]:
        clauses, params = [], []
        if start is not None:
            clauses.append(f"{column} >= ?")
            params.append(start.isoformat())
        if end is not None:
            clauses.append(f"{column} <= ?")
            params.append(end.isoformat())
        return " AND ".join(clauses), params

    def _in_range(
        self, cls: type[R], start: date | None, end: date | None, order: str = "day, id", **equal: str | None
    ) -> list[R]:
        """The records of ``cls`` whose day lies from ``start`` to ``end`` (None: open at that end), whose
        columns named in ``equal`` hold the values given (None: not filtered on), in ``order``."""
        where, params = self._range(start, end)
        for column, value in equal.items():
            if value is not None:
                where = " AND ".join(filter(None, [where, f"{column} = ?"]))
                params.append(value)
        return self._fetch(cls, cls.table, where, params, order=order)

    def _medication_row(self, name: str) -> dict[str, Any] | None:
        from medjournal.domain.validation import normalise_name  # the read-only open loads no validators

        rows = self._rows("SELECT * FROM medications WHERE name = ? COLLATE NOCASE", [normalise_name(name)])
        return rows[0] if rows else None

    def medication(self, name_or_id: str | int) -> Medication:
        """A medication by id or by name (case-insensitive)."""
        if isinstance(name_or_id, int):
            return self._get(Medication, "medications", name_or_id)
        row = self._medication_row(" ".join(str(name_or_id).split()))
        if row is None:
            known = ", ".join(m.name for m in self.medications(include_archived=True)) or _("none yet")
            raise NotFoundError(
                _("There is no medication called {name} in the journal (known: {known}).").format(
                    name=repr(name_or_id), known=known
                )
            )
        return Medication.from_row(row)

    def medications(self, include_archived: bool = False) -> list[Medication]:
        where = "" if include_archived else "archived = 0"
        return self._fetch(Medication, "medications", where, order="name COLLATE NOCASE")

    def regimens(self, medication_id: int | None = None) -> list[Regimen]:
        if medication_id is None:
            return self._fetch(Regimen, "regimens", order="medication_id, start_date, id")
        return self._fetch(Regimen, "regimens", "medication_id = ?", [medication_id], order="start_date, id")

    def regimens_by_medication(self) -> dict[int, list[Regimen]]:
        grouped: dict[int, list[Regimen]] = {}
        for regimen in self.regimens():
            grouped.setdefault(regimen.medication_id, []).append(regimen)
        return grouped

    def current_regimen(self, medication_id: int, day: date | None = None) -> Regimen | None:
        return regimen_on(self.regimens(medication_id), day or self.today())

    def _adjust_stock(self, table: str, row: Mapping[str, Any], sign: int) -> None:
        """Keep a tracked stock in step when a taken dose or a refill is written (+1), deleted (-1), put back or
        edited (-1 for the old row, +1 for the new): only one at or after the moment of the count changes it
        (domain.stock.changes_stock)."""
        if table not in ("refills", "dose_logs") or (table == "dose_logs" and row.get("status") != "taken"):
            return
        found = self._rows(
            "SELECT unit_size, stock_counted_at FROM medications WHERE id = ? AND stock_units IS NOT NULL",
            [row["medication_id"]],
        )
        if not found:
            return
        if table == "refills":
            moment = refill_moment(
                date.fromisoformat(str(row["day"])), str(row.get("recorded_at") or self._stamp())
            )
            delta = float(row["units"])
        else:
            moment = datetime.fromisoformat(str(row["taken_at"]))
            delta = -units_for_dose(row.get("amount"), found[0]["unit_size"])
        if not changes_stock(moment, found[0]["stock_counted_at"]):
            return
        from medjournal.domain.validation import MAX_STOCK_UNITS

        # The count stays within what can be entered, exported and imported back (±1,000,000 units): beyond
        # that it no longer counts anything real (docs/export-format.md).
        self.db.execute(
            "UPDATE medications SET stock_units = MIN(?, MAX(?, ROUND(stock_units + ?, 6))) "
            "WHERE id = ? AND stock_units IS NOT NULL",
            [MAX_STOCK_UNITS, -MAX_STOCK_UNITS, sign * delta, row["medication_id"]],
        )

    def _apply_entries_since_count(self, medication_id: int, sign: int = +1) -> None:
        """A count given for an earlier moment than now: the taken doses and refills already in the journal from
        that moment on change it, as each would have had it been typed in after the count (``sign`` -1: given
        back, to move the count's moment)."""
        for table in ("dose_logs", "refills"):
            for row in self._rows(f"SELECT * FROM {table} WHERE medication_id = ?", [medication_id]):
                self._adjust_stock(table, row, sign)


def _read(db: Database, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    cursor = db.execute(sql, list(params))
    return [d[0] for d in cursor.description], cursor.fetchall()


def _failure(path: Path | None, exc: sqlite3.Error, writing: bool) -> JournalFileError:
    """The error for a read or write SQLite refused: a :class:`DiskFullError` when the disk is full."""
    from medjournal.storage.database import sqlite_problem
    from medjournal.storage.file_problem import FileProblem

    problem = sqlite_problem(path or Path(":memory:"), exc)
    if writing:
        problem = FileProblem(problem.reason, problem.message + " " + _("The entry was not saved."))
    return problem.error()


def _closed_message(path: Path | None) -> str:
    return _("The journal {path} is closed; open it again to go on.").format(path=path or _("(in memory)"))
