"""Editing and deleting any entry from History, with undo that puts back exactly what was removed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from medjournal.domain import activities, entries, measures
from medjournal.domain.activities import ActivityRating
from medjournal.domain.errors import NotFoundError, ValidationError
from medjournal.domain.records import (
    CheckIn,
    DoseLog,
    Measure,
    QuestionnaireResult,
    Record,
    Refill,
    SideEffect,
    Treatment,
    Visit,
)
from medjournal.i18n import _
from medjournal.storage.entry_gone import gone, not_editable
from medjournal.storage.journal_base import JournalBase

# Tables whose rows are "entries" a person can edit and delete from History.
EDITABLE = {
    "checkins": (CheckIn, entries.checkin),
    "side_effects": (SideEffect, entries.side_effect),
    "treatments": (Treatment, entries.treatment),
    "questionnaires": (QuestionnaireResult, entries.questionnaire),
    "dose_logs": (DoseLog, entries.dose_log),
    "refills": (Refill, entries.refill),
    "visits": (Visit, entries.visit),
    "measures": (Measure, measures.measure),
    "activity_ratings": (ActivityRating, activities.rating_row),
}


@dataclass(frozen=True)
class DeletedEntry:
    """What a delete removed, in insert order, so that undo can put it back exactly."""

    rows: tuple[tuple[str, dict[str, Any]], ...]

    @property
    def table(self) -> str:
        return self.rows[0][0]


class EditingMixin(JournalBase):
    def entry(self, table: str, entry_id: int) -> Record:
        cls, _ = _editable(table)
        return self._get(cls, table, entry_id)

    def update_entry(self, table: str, entry_id: int, changes: Mapping[str, Any]) -> Record:
        """Change fields of an entry; the result goes through the same validation as a new entry."""
        cls, validate = _editable(table)
        current = self._rows(f"SELECT * FROM {table} WHERE id = ?", [entry_id])
        if not current:
            raise NotFoundError(gone(table))
        merged = {**current[0], **changes}
        for key in ("locations", "answers"):
            if isinstance(merged.get(key), str) and merged[key].startswith("["):
                merged[key] = json.loads(merged[key])
        if table == "dose_logs":  # a dose is a moment: it is checked against now, not only today
            cleaned = entries.dose_log(merged, self.today(), self.now())
        else:
            cleaned = validate(merged, self.today())
        if table == "dose_logs":
            self._check_dose_slot(entry_id, int(current[0]["medication_id"]), cleaned)
        with self._write():
            sets = ", ".join(f"{k} = ?" for k in cleaned)
            self.db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*cleaned.values(), entry_id])
            self._adjust_stock(table, current[0], -1)
            self._adjust_stock(table, {**current[0], **cleaned}, +1)
        return self._get(cls, table, entry_id)

    def _check_dose_slot(self, entry_id: int, medication_id: int, cleaned: Mapping[str, Any]) -> None:
        """An edited dose keeps the rules of a new one: not before the start, one log per scheduled slot, and a
        skip names its slot."""
        steps = self.regimens(medication_id)
        if steps and cleaned["day"] < min(r.start_date for r in steps).isoformat():
            medication = self.medication(medication_id)
            start = min(r.start_date for r in steps).isoformat()
            raise ValidationError(
                _("{name} was started on {start}, so no dose can be logged on {day}.").format(
                    name=medication.name, start=start, day=cleaned["day"]
                ),
                "at",
            )
        if cleaned["slot"] is None:
            if cleaned["status"] == "skipped":
                raise ValidationError(
                    _("A skipped dose must be one of the scheduled doses (give its time)."), "slot"
                )
            return
        other = self._rows(
            "SELECT id FROM dose_logs WHERE medication_id = ? AND day = ? AND slot = ? AND id != ?",
            [medication_id, cleaned["day"], cleaned["slot"], entry_id],
        )
        if other:
            raise ValidationError(
                _("The {slot} dose of {day} is already logged; edit that entry instead.").format(
                    slot=cleaned["slot"], day=cleaned["day"]
                ),
                "slot",
            )

    def delete_entry(self, table: str, entry_id: int) -> DeletedEntry:
        """Delete an entry; returns what was removed so that :meth:`restore_entry` can undo it."""
        if table == "medications":
            return self.delete_medication(entry_id)
        _editable(table)
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [entry_id])
        if not rows:
            raise NotFoundError(gone(table))
        with self._write():
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [entry_id])
            self._adjust_stock(table, rows[0], -1)
        return DeletedEntry(rows=((table, rows[0]),))

    def delete_medication(self, medication_id: int) -> DeletedEntry:
        """Delete a medication with its dose steps, dose logs and refills (undo puts all of them back)."""
        removed: list[tuple[str, dict[str, Any]]] = []
        med_rows = self._rows("SELECT * FROM medications WHERE id = ?", [medication_id])
        if not med_rows:
            raise NotFoundError(gone("medications"))
        removed.append(("medications", med_rows[0]))
        for table in ("regimens", "dose_logs", "refills"):
            removed += [
                (table, r)
                for r in self._rows(f"SELECT * FROM {table} WHERE medication_id = ?", [medication_id])
            ]
        questionnaire_links = self._rows(
            "SELECT id FROM questionnaires WHERE medication_id = ?", [medication_id]
        )
        with self._write():
            self.db.execute("DELETE FROM medications WHERE id = ?", [medication_id])
        return (
            DeletedEntry(
                rows=tuple(removed),
            )
            if not questionnaire_links
            else DeletedEntry(
                rows=(
                    *removed,
                    *(
                        ("questionnaires:link", {"id": r["id"], "medication_id": medication_id})
                        for r in questionnaire_links
                    ),
                )
            )
        )

    def restore_entry(self, deleted: DeletedEntry) -> int:
        """Undo a delete: put every removed row back and return the id of the first one.

        Rows keep their original ids when those are still free; a row written since the delete may have taken an
        id (SQLite reuses the highest one), and then the restored row gets a new id (and rows that point at it
        follow). Nothing is restored when it can no longer fit: a medication of the same name was added since,
        or the medication an entry belongs to was deleted since.
        """
        moved: dict[tuple[str, int], int] = {}  # (table, original id) -> id given on restore
        first_id: int | None = None
        with self._write():
            for table, row in deleted.rows:
                if table == "questionnaires:link":
                    medication_id = moved.get(("medications", row["medication_id"]), row["medication_id"])
                    self.db.execute(
                        "UPDATE questionnaires SET medication_id = ? WHERE id = ?", [medication_id, row["id"]]
                    )
                    continue
                values = dict(row)
                if values.get("medication_id") is not None:
                    values["medication_id"] = moved.get(
                        ("medications", values["medication_id"]), values["medication_id"]
                    )
                    if table != "questionnaires" and not self._rows(
                        "SELECT 1 FROM medications WHERE id = ?", [values["medication_id"]]
                    ):
                        raise NotFoundError(
                            _("This entry cannot be put back: its medication was deleted since.")
                        )
                if table == "medications" and self._medication_row(values["name"]) is not None:
                    raise ValidationError(
                        _(
                            "{name} cannot be put back: a medication of that name was added since. Rename or "
                            "delete that one first."
                        ).format(name=values["name"]),
                        "name",
                    )
                original_id = int(values["id"])
                if self._rows(f"SELECT 1 FROM {table} WHERE id = ?", [original_id]):
                    del values["id"]
                columns = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                cursor = self.db.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
                )
                new_id = original_id if "id" in values else int(cursor.lastrowid or 0)
                moved[(table, original_id)] = new_id
                first_id = new_id if first_id is None else first_id
                if deleted.table != "medications":  # a restored medication row already holds its stock
                    self._adjust_stock(table, values, +1)
        return first_id or 0


def _editable(table: str) -> tuple[type[Record], Any]:
    if table not in EDITABLE:
        raise NotFoundError(not_editable())
    return EDITABLE[table]
