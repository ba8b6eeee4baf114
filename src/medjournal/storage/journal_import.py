"""Writing a checked import (``storage.csv_plan.ImportPlan``) into the journal: all of it in one transaction.

New medications are added taken as needed from the day of their first imported dose (their schedule is set later
in Medications); every entry written carries its source (``csv``, ``medtimer``) so History shows it as imported and
the summary counts it. A taken dose counts against a tracked stock like any other dose. Conflicts are left as the
journal has them unless the plan says the file's version wins.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from medjournal.domain import entries
from medjournal.domain.errors import ValidationError
from medjournal.domain.stock import changes_stock, units_for_dose
from medjournal.i18n import _, ngettext
from medjournal.storage import collector
from medjournal.storage.bulk_insert import indexes_made_after
from medjournal.storage.journal_base import JournalBase

if TYPE_CHECKING:
    from medjournal.storage.csv_plan import ImportPlan

IMPORT_SOURCES = ("csv", "medtimer")


class ImportMixin(JournalBase):
    def apply_import(self, plan: ImportPlan) -> dict[str, int]:
        """Write ``plan``; returns how many entries of each kind were added or changed."""
        with collector.paused():  # storage/collector.py
            return self._apply_import(plan)

    def _apply_import(self, plan: ImportPlan) -> dict[str, int]:
        if plan.refused:
            raise ValidationError(
                ngettext(
                    "{n} row of the file was refused; nothing was written.",
                    "{n} rows of the file were refused; nothing was written.",
                    len(plan.refused),
                ).format(n=len(plan.refused))
            )
        if plan.look_alikes:
            name, other = plan.look_alikes[0]
            raise ValidationError(
                _(
                    "{name} looks like {other} in the journal: say whether it is the same medication; "
                    "nothing was written."
                ).format(name=repr(name), other=repr(other))
            )
        source = plan.source
        counts = {"medications": 0, "dose_logs": 0, "checkins": 0, "side_effects": 0, "conflicts_replaced": 0}
        with self._write():
            ids = {m["name"].casefold(): int(m["id"]) for m in self._rows("SELECT id, name FROM medications")}
            for name, spec in plan.new_specs.items():
                medication = entries.medication({"name": name, "unit": spec["unit"]})
                regimen = entries.regimen(
                    {
                        "start_date": spec["start"],
                        "dose": spec["dose"],
                        "unit": spec["unit"],
                        "as_needed": True,
                        "reason": "added by an import",
                    }
                )
                medication_id = self._insert("medications", medication)
                self._insert("regimens", {**regimen, "medication_id": medication_id})
                ids[medication["name"].casefold()] = medication_id
                counts["medications"] += 1
            stamp = self._stamp()
            owners = {name: ids[name.casefold()] for name in {name for name, _values in plan.doses}}
            doses = [(values, (owners[name],)) for name, values in plan.doses]
            counts["dose_logs"] = self._insert_many(
                "dose_logs", doses, ("medication_id", "source", "recorded_at"), (source, stamp)
            )
            self._take_from_stock(doses)
            for table, rows in (("checkins", plan.checkins), ("side_effects", plan.side_effects)):
                counts[table] = self._insert_many(
                    table, [(values, ()) for values in rows], ("source", "recorded_at"), (source, stamp)
                )
            if plan.prefer_file:
                for conflict in plan.conflicts:
                    self._replace(conflict.table, conflict.entry_id, {**conflict.values, "source": source})
                    counts["conflicts_replaced"] += 1
        return counts

    def _insert_many(
        self,
        table: str,
        rows: list[tuple[dict[str, Any], tuple[Any, ...]]],
        extras: Sequence[str],
        shared: tuple[Any, ...],
    ) -> int:
        """Insert rows that share their columns. Each row is one validator's output (a dict: the columns are
        those of the first row's) and the row's own values of the first of ``extras``; ``shared`` holds the values
        of the rest of ``extras``, the same for every row. A row goes to the database as one tuple."""
        if not rows:
            return 0
        fields = [c for c in rows[0][0] if c not in extras]  # the extras' values replace the validator's
        columns = [*fields, *extras]
        marks = ", ".join("?" for _ in columns)
        pick = operator.itemgetter(*fields) if len(fields) > 1 else lambda values: (values[fields[0]],)
        conn = self.db.conn
        # Into a table that holds nothing yet, the table's indexes are made once the rows are in, as the JSON
        # import does (storage/bulk_insert.py); into one with entries, each row goes into them as it is written.
        empty = conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        with indexes_made_after(conn, [table]) if empty else contextlib.nullcontext():
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [pick(values) + own + shared for values, own in rows],
            )
        return len(rows)

    def _take_from_stock(self, doses: list[tuple[dict[str, Any], tuple[int]]]) -> None:
        """A tracked stock goes down by the imported taken doses, as for doses logged one by one: those taken at
        or after the moment of the count (domain.stock.changes_stock)."""
        tracked = {
            int(r["id"]): (r["unit_size"], r["stock_counted_at"])
            for r in self._rows(
                "SELECT id, unit_size, stock_counted_at FROM medications WHERE stock_units IS NOT NULL"
            )
        }
        used: dict[int, float] = {}
        for values, (medication_id,) in doses if tracked else ():
            if values["status"] != "taken" or medication_id not in tracked:
                continue
            unit_size, counted_at = tracked[medication_id]
            if changes_stock(datetime.fromisoformat(values["taken_at"]), counted_at):
                units = units_for_dose(values.get("amount"), unit_size)
                used[medication_id] = used.get(medication_id, 0.0) + units
        for medication_id, units in used.items():
            self.db.execute(
                "UPDATE medications SET stock_units = ROUND(stock_units - ?, 6) WHERE id = ?",
                [units, medication_id],
            )

    def _replace(self, table: str, entry_id: int, values: dict[str, Any]) -> None:
        old = self._rows(f"SELECT * FROM {table} WHERE id = ?", [entry_id])[0]
        sets = ", ".join(f"{k} = ?" for k in values)
        self.db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), entry_id])
        self._adjust_stock(table, old, -1)
        self._adjust_stock(table, {**old, **values}, +1)

    def imported_counts(self) -> dict[str, dict[str, int]]:
        """Per source, how many doses, check-ins and side effects were imported."""
        counts: dict[str, dict[str, int]] = {}
        for table in ("dose_logs", "checkins", "side_effects"):
            for source, count in self.db.execute(
                f"SELECT source, count(*) FROM {table} WHERE source != '' GROUP BY source"
            ).fetchall():
                counts.setdefault(str(source), {})[table] = int(count)
        return counts
