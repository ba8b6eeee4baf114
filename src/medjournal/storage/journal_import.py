"""Writing a checked import (``storage.csv_plan.ImportPlan``) into the journal: all of it in one transaction.

New medications are added taken as needed from the day of their first imported dose (their schedule is set later
in Medications); every entry written carries its source (``csv``, ``medtimer``) so History shows it as imported and
the summary counts it. A taken dose counts against a tracked stock like any other dose. Conflicts are left as the
journal has them unless the plan says the file's version wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medjournal.domain import entries
from medjournal.domain.errors import ValidationError
from medjournal.storage.journal_base import JournalBase

if TYPE_CHECKING:
    from medjournal.storage.csv_plan import ImportPlan

IMPORT_SOURCES = ("csv", "medtimer")


class ImportMixin(JournalBase):
    def apply_import(self, plan: ImportPlan) -> dict[str, int]:
        """Write ``plan``; returns how many entries of each kind were added or changed."""
        if plan.refused:
            raise ValidationError(f"{len(plan.refused)} rows of the file were refused; nothing was written.")
        if plan.look_alikes:
            name, other = plan.look_alikes[0]
            raise ValidationError(
                f"{name!r} looks like {other!r} in the journal: say whether it is the same medication; "
                "nothing was written."
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
            for name, values in plan.doses:
                row = {
                    **values,
                    "medication_id": ids[name.casefold()],
                    "source": source,
                    "recorded_at": stamp,
                }
                self._insert("dose_logs", row)
                self._adjust_stock("dose_logs", row, +1)
                counts["dose_logs"] += 1
            for values in plan.checkins:
                self._insert("checkins", {**values, "source": source, "recorded_at": stamp})
                counts["checkins"] += 1
            for values in plan.side_effects:
                self._insert("side_effects", {**values, "source": source, "recorded_at": stamp})
                counts["side_effects"] += 1
            if plan.prefer_file:
                for conflict in plan.conflicts:
                    self._replace(conflict.table, conflict.entry_id, {**conflict.values, "source": source})
                    counts["conflicts_replaced"] += 1
        return counts

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
