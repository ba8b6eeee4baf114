"""Medications and their dose steps: add, change the dose from a date, stop, restart, edit, archive."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from medjournal.domain import entries
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.raw_input import RawDay, RawNumber
from medjournal.domain.records import (
    Medication,
    Regimen,
)
from medjournal.domain.schedule import regimen_on
from medjournal.domain.stock import check_count_moment
from medjournal.i18n import _
from medjournal.storage.journal_base import JournalBase


class MedicationsMixin(JournalBase):
    def add_medication(
        self,
        name: str,
        dose: RawNumber,
        unit: str = "mg",
        times: str | Sequence[str] | None = None,
        as_needed: bool = False,
        max_daily: RawNumber | None = None,
        start: RawDay | None = None,
        purpose: str = "",
        form: str = "",
        notes: str = "",
        stock_units: RawNumber | None = None,
        unit_size: RawNumber | None = None,
        refill_warning_days: RawNumber | None = None,
        known_as: str = "",
    ) -> Medication:
        medication = entries.medication(
            {
                "name": name,
                "purpose": purpose,
                "form": form,
                "unit": unit,
                "notes": notes,
                "stock_units": stock_units,
                "unit_size": unit_size,
                "refill_warning_days": refill_warning_days,
                "known_as": known_as,
            }
        )
        start_day = entries.as_day(start, "start date") if start not in (None, "") else self.today()
        v.check_planned_day(start_day, self.today(), "start date")
        regimen = entries.regimen(
            {
                "start_date": start_day,
                "dose": dose,
                "unit": unit,
                "times": times,
                "as_needed": as_needed,
                "max_daily": max_daily,
            }
        )
        if self._medication_row(medication["name"]) is not None:
            raise ValidationError(
                _("A medication called {name} is already in the journal.").format(name=medication["name"]),
                "name",
            )
        self._refuse_look_alike(medication["name"])
        if medication["stock_units"] is not None:
            medication["stock_counted_at"] = self._stamp()  # the count is true now (domain/stock.py)
        with self._write():
            medication_id = self._insert("medications", medication)
            self._insert("regimens", {**regimen, "medication_id": medication_id})
        return self.medication(medication_id)

    def update_medication(self, name_or_id: str | int, **changes: Any) -> Medication:
        current = self.medication(name_or_id)
        merged = {
            **{
                k: getattr(current, k)
                for k in (
                    "name",
                    "purpose",
                    "form",
                    "unit",
                    "notes",
                    "archived",
                    "stock_units",
                    "unit_size",
                    "refill_warning_days",
                    "known_as",
                    "stock_counted_at",
                )
            },
            **changes,
        }
        # A moment given without a count moves the count as it was given: the doses and refills since the old
        # moment are given back first, then those since the new one taken (giving the same moment twice changes
        # nothing; applying them to the count on hand would take them twice).
        moved = (
            "stock_counted_at" in changes and "stock_units" not in changes and current.stock_units is not None
        )
        cleaned = entries.medication(merged)
        if cleaned["stock_units"] is None:
            cleaned["stock_counted_at"] = None
        elif "stock_counted_at" in changes:  # a count made before it is typed in: it holds from then (below)
            first_day = min(regimen.start_date for regimen in self.regimens(current.id))
            given = datetime.fromisoformat(cleaned["stock_counted_at"])
            check_count_moment(given, self.now(), first_day)
        elif current.stock_units is None or abs(cleaned["stock_units"] - current.stock_units) > 1e-6:
            cleaned["stock_counted_at"] = self._stamp()  # a new count, true now (domain/stock.py)
        other = self._medication_row(cleaned["name"])
        if other is not None and other["id"] != current.id:
            raise ValidationError(
                _("A medication called {name} is already in the journal.").format(name=cleaned["name"]),
                "name",
            )
        self._refuse_look_alike(cleaned["name"], current.id)
        with self._write():
            if moved:
                self._apply_entries_since_count(
                    current.id, -1
                )  # the count as it was given, at its old moment
                cleaned = {k: v for k, v in cleaned.items() if k != "stock_units"}
            sets = ", ".join(f"{k} = ?" for k in cleaned)
            self.db.execute(f"UPDATE medications SET {sets} WHERE id = ?", [*cleaned.values(), current.id])
            if "stock_counted_at" in changes and (moved or cleaned["stock_units"] is not None):
                self._apply_entries_since_count(current.id)
        return self.medication(current.id)

    def _refuse_look_alike(self, name: str, own_id: int | None = None) -> None:
        """One medication per name as it looks: "Duloxеtine" (a Cyrillic е) or "Duloxetíne" is not a second
        Duloxetine (domain.validation.name_skeleton)."""
        skeleton = v.name_skeleton(name)
        for row in self._rows("SELECT id, name FROM medications"):
            if row["id"] != own_id and v.name_skeleton(str(row["name"])) == skeleton:
                raise ValidationError(
                    _("{name} looks the same as {other}, already in the journal; use that one.").format(
                        name=repr(name), other=repr(row["name"])
                    ),
                    "name",
                )

    def _not_far_ahead(self, day: date, what: str) -> date:
        """The same limit as a start date: up to a year ahead (9999-12-31 would block every later change)."""
        return v.check_planned_day(day, self.today(), what)

    def archive_medication(self, name_or_id: str | int, archived: bool = True) -> Medication:
        return self.update_medication(name_or_id, archived=archived)

    def change_dose(
        self,
        name_or_id: str | int,
        dose: RawNumber,
        from_date: RawDay | None,
        times: str | Sequence[str] | None = None,
        reason: str = "",
        as_needed: bool | None = None,
        max_daily: RawNumber | None = None,
    ) -> Regimen:
        """Start a new dose step on ``from_date``; the step it replaces ends the day before."""
        medication = self.medication(name_or_id)
        start = self._not_far_ahead(entries.as_day(from_date, "date of the change"), "date of the change")
        previous = self._step_before_change(medication, start)
        keep_as_needed = bool(previous.as_needed) if as_needed is None else as_needed
        if keep_as_needed and times:
            raise ValidationError(
                _(
                    "{name} is taken as needed, so a dose change cannot give it times of day; leave the times "
                    "out, or give it fixed times in the window's Change dose."
                ).format(name=medication.name),
                "times",
            )
        regimen = entries.regimen(
            {
                "start_date": start,
                "dose": dose,
                "unit": previous.unit,
                "times": None if keep_as_needed else (times or list(previous.times)),
                "as_needed": keep_as_needed,
                "max_daily": previous.max_daily if max_daily is None else max_daily,
                "reason": reason,
                "end_date": previous.end_date,
            }
        )
        with self._write():
            self.db.execute(
                "UPDATE regimens SET end_date = ? WHERE id = ?",
                [(start - timedelta(days=1)).isoformat(), previous.id],
            )
            regimen_id = self._insert("regimens", {**regimen, "medication_id": medication.id})
        return self._get(Regimen, "regimens", regimen_id)

    def _step_before_change(self, medication: Medication, start: date) -> Regimen:
        """The dose step a change on ``start`` replaces; refused when the change cannot start then."""
        steps = self.regimens(medication.id)
        first = steps[0]
        if start <= first.start_date:
            raise ValidationError(
                _("A dose change must come after {name} started ({start}).").format(
                    name=medication.name, start=first.start_date.isoformat()
                ),
                "from_date",
            )
        previous = regimen_on(steps, start - timedelta(days=1))
        if previous is None:
            raise ValidationError(
                _("{name} was not being taken on {day}; restart it with a new start instead.").format(
                    name=medication.name, day=(start - timedelta(days=1)).isoformat()
                ),
                "from_date",
            )
        later = [s for s in steps if s.start_date >= start]
        if later:
            raise ValidationError(
                _(
                    "{name} already has a dose step from {day}; a new dose step must start after the last one."
                ).format(name=medication.name, day=later[0].start_date.isoformat()),
                "from_date",
            )
        return previous

    def stop_medication(self, name_or_id: str | int, on: RawDay | None, reason: str = "") -> Regimen:
        """Stop after ``on`` (the last day taken is the day before ``on``)."""
        medication = self.medication(name_or_id)
        stop_day = self._not_far_ahead(entries.as_day(on, "stop date"), "stop date")
        reason = v.check_note(reason, "reason")
        steps = self.regimens(medication.id)
        current = regimen_on(steps, stop_day - timedelta(days=1))
        if current is None or (
            current.end_date is not None and current.end_date < stop_day - timedelta(days=1)
        ):
            raise ValidationError(
                _("{name} is not being taken on {day}.").format(
                    name=medication.name, day=stop_day.isoformat()
                ),
                "on",
            )
        if any(s.start_date >= stop_day for s in steps):
            raise ValidationError(
                _("{name} has a dose step starting on or after {day}.").format(
                    name=medication.name, day=stop_day.isoformat()
                ),
                "on",
            )
        with self._write():
            self.db.execute(
                "UPDATE regimens SET end_date = ?, stop_reason = ? WHERE id = ?",
                [(stop_day - timedelta(days=1)).isoformat(), reason or "stopped", current.id],
            )
        return self._get(Regimen, "regimens", current.id)

    def restart_medication(
        self,
        name_or_id: str | int,
        dose: RawNumber,
        start: RawDay | None,
        times: str | Sequence[str] | None = None,
        as_needed: bool = False,
        max_daily: RawNumber | None = None,
        reason: str = "",
    ) -> Regimen:
        medication = self.medication(name_or_id)
        start_day = self._not_far_ahead(entries.as_day(start, "start date"), "start date")
        steps = self.regimens(medication.id)
        if regimen_on(steps, start_day) is not None or any(s.start_date >= start_day for s in steps):
            raise ValidationError(
                _("{name} is already being taken on {day}.").format(
                    name=medication.name, day=start_day.isoformat()
                ),
                "start",
            )
        regimen = entries.regimen(
            {
                "start_date": start_day,
                "dose": dose,
                "unit": medication.unit,
                "times": times,
                "as_needed": as_needed,
                "max_daily": max_daily,
                "reason": reason,
            }
        )
        with self._write():
            regimen_id = self._insert("regimens", {**regimen, "medication_id": medication.id})
            self.db.execute("UPDATE medications SET archived = 0 WHERE id = ?", [medication.id])
        return self._get(Regimen, "regimens", regimen_id)
