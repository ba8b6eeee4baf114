"""The Journal API: the one way in to the data for the window, the command line and the summary.

Every write validates through :mod:`medjournal.domain.entries`, runs in one short transaction, and is committed
before the method returns: a returned record is an acknowledged, durable entry.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from medjournal.domain import entries, instruments
from medjournal.domain import validation as v
from medjournal.domain.clock import Clock, SystemClock
from medjournal.domain.errors import JournalFileError, NotFoundError, ValidationError
from medjournal.domain.records import (
    DOSE_STATUSES,
    CheckIn,
    DaySlot,
    DoseLog,
    Medication,
    Question,
    QuestionnaireResult,
    Record,
    Refill,
    Regimen,
    SafetyEvent,
    SideEffect,
    Treatment,
    Visit,
)
from medjournal.domain.schedule import SlotMatch, day_slots, match_dose, named_slot_day, regimen_on
from medjournal.paths import backup_dir_for
from medjournal.storage import schema
from medjournal.storage.autobackup import AutoBackup, attach_auto_backup
from medjournal.storage.database import open_database, tolerate_damaged_text, write_transaction

log = logging.getLogger(__name__)
R = TypeVar("R", bound=Record)

# Tables whose rows are "entries" a person can edit and delete from History.
EDITABLE = {
    "checkins": (CheckIn, entries.checkin),
    "side_effects": (SideEffect, entries.side_effect),
    "treatments": (Treatment, entries.treatment),
    "questionnaires": (QuestionnaireResult, entries.questionnaire),
    "dose_logs": (DoseLog, entries.dose_log),
    "refills": (Refill, entries.refill),
    "visits": (Visit, entries.visit),
}


@dataclass(frozen=True)
class DeletedEntry:
    """What a delete removed, in insert order, so that undo can put it back exactly."""

    rows: tuple[tuple[str, dict[str, Any]], ...]

    @property
    def table(self) -> str:
        return self.rows[0][0]


class Journal:
    """A journal file opened for reading and writing.

    >>> from medjournal.domain.clock import FixedClock
    >>> journal = Journal.in_memory(FixedClock(datetime(2026, 1, 5, 9, 0).astimezone()))
    >>> journal.add_checkin(pain=6, mood=5).pain
    6
    """

    def __init__(
        self,
        db: Database,
        path: Path | None = None,
        clock: Clock | None = None,
        backup_dir: Path | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.clock: Clock = clock or SystemClock()
        self.backup_dir = backup_dir
        self.changes_since_backup = 0
        self.auto_backup: AutoBackup | None = None  # set by open_journal (storage/autobackup.py)

    @classmethod
    def in_memory(cls, clock: Clock | None = None) -> Journal:
        db = Database(memory=True, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        schema.migrations.apply(db)
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        return cls(db, None, clock)

    def close(self) -> None:
        self.db.close()

    # -- time -------------------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    # -- low-level helpers ------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Database]:
        try:
            with write_transaction(self.db):
                yield self.db
        except sqlite3.OperationalError as exc:
            raise JournalFileError(_write_failure(self.path, exc)) from None
        self.changes_since_backup += 1
        if self.auto_backup is not None:
            self.auto_backup.after_write()

    def _insert(self, table: str, values: Mapping[str, Any]) -> int:
        row = dict(values)
        row.setdefault("recorded_at", self._stamp())
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        return int(cursor.lastrowid or 0)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.db.execute(sql, list(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except (sqlite3.OperationalError, UnicodeDecodeError) as exc:
            if not tolerate_damaged_text(self.db, exc):
                raise
            return self._rows(sql, params)

    def _fetch(
        self, cls: type[R], table: str, where: str = "", params: Sequence[Any] = (), order: str = "id"
    ) -> list[R]:
        clause = f" WHERE {where}" if where else ""
        return [
            cls.from_row(row) for row in self._rows(f"SELECT * FROM {table}{clause} ORDER BY {order}", params)
        ]

    def _get(self, cls: type[R], table: str, entry_id: int) -> R:
        found = self._fetch(cls, table, "id = ?", [entry_id])
        if not found:
            raise NotFoundError(f"There is no entry {entry_id} in {table.replace('_', ' ')}.")
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

    # -- medications and regimens -----------------------------------------------------------------------

    def add_medication(
        self,
        name: str,
        dose: object,
        unit: str = "mg",
        times: str | Sequence[str] | None = None,
        as_needed: bool = False,
        max_daily: object = None,
        start: object = None,
        purpose: str = "",
        form: str = "",
        notes: str = "",
        stock_units: object = None,
        unit_size: object = None,
        refill_warning_days: object = None,
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
            }
        )
        start_day = entries.as_day(start, "start date") if start not in (None, "") else self.today()
        v.check_not_future(start_day, self.today(), timedelta(days=366), "start date")
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
                f"A medication called {medication['name']} is already in the journal.", "name"
            )
        with self._write():
            medication_id = self._insert("medications", medication)
            self._insert("regimens", {**regimen, "medication_id": medication_id})
        return self.medication(medication_id)

    def _medication_row(self, name: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM medications WHERE name = ? COLLATE NOCASE", [v.normalise_name(name)])
        return rows[0] if rows else None

    def medication(self, name_or_id: str | int) -> Medication:
        """A medication by id or by name (case-insensitive)."""
        if isinstance(name_or_id, int):
            return self._get(Medication, "medications", name_or_id)
        row = self._medication_row(" ".join(str(name_or_id).split()))
        if row is None:
            known = ", ".join(m.name for m in self.medications(include_archived=True)) or "none yet"
            raise NotFoundError(
                f"There is no medication called {name_or_id!r} in the journal (known: {known})."
            )
        return Medication.from_row(row)

    def medications(self, include_archived: bool = False) -> list[Medication]:
        where = "" if include_archived else "archived = 0"
        return self._fetch(Medication, "medications", where, order="name COLLATE NOCASE")

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
                )
            },
            **changes,
        }
        cleaned = entries.medication(merged)
        other = self._medication_row(cleaned["name"])
        if other is not None and other["id"] != current.id:
            raise ValidationError(f"A medication called {cleaned['name']} is already in the journal.", "name")
        with self._write():
            sets = ", ".join(f"{k} = ?" for k in cleaned)
            self.db.execute(f"UPDATE medications SET {sets} WHERE id = ?", [*cleaned.values(), current.id])
        return self.medication(current.id)

    def archive_medication(self, name_or_id: str | int, archived: bool = True) -> Medication:
        return self.update_medication(name_or_id, archived=archived)

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

    def change_dose(
        self,
        name_or_id: str | int,
        dose: object,
        from_date: object,
        times: str | Sequence[str] | None = None,
        reason: str = "",
        as_needed: bool | None = None,
        max_daily: object = None,
    ) -> Regimen:
        """Start a new dose step on ``from_date``; the step it replaces ends the day before."""
        medication = self.medication(name_or_id)
        start = entries.as_day(from_date, "date of the change")
        steps = self.regimens(medication.id)
        first = steps[0]
        if start <= first.start_date:
            raise ValidationError(
                f"A dose change must come after {medication.name} started ({first.start_date.isoformat()}).",
                "from_date",
            )
        previous = regimen_on(steps, start - timedelta(days=1))
        if previous is None:
            raise ValidationError(
                f"{medication.name} was not being taken on {(start - timedelta(days=1)).isoformat()}; "
                "restart it with a new start instead.",
                "from_date",
            )
        later = [s for s in steps if s.start_date >= start]
        if later:
            raise ValidationError(
                f"{medication.name} already has a dose step from {later[0].start_date.isoformat()}; "
                "a new dose step must start after the last one.",
                "from_date",
            )
        keep_as_needed = bool(previous.as_needed) if as_needed is None else as_needed
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

    def stop_medication(self, name_or_id: str | int, on: object, reason: str = "") -> Regimen:
        """Stop after ``on`` (the last day taken is the day before ``on``)."""
        medication = self.medication(name_or_id)
        stop_day = entries.as_day(on, "stop date")
        reason = v.check_note(reason, "reason")
        steps = self.regimens(medication.id)
        current = regimen_on(steps, stop_day - timedelta(days=1))
        if current is None or (
            current.end_date is not None and current.end_date < stop_day - timedelta(days=1)
        ):
            raise ValidationError(f"{medication.name} is not being taken on {stop_day.isoformat()}.", "on")
        if any(s.start_date >= stop_day for s in steps):
            raise ValidationError(f"{medication.name} has a dose step starting on or after {stop_day}.", "on")
        with self._write():
            self.db.execute(
                "UPDATE regimens SET end_date = ?, stop_reason = ? WHERE id = ?",
                [(stop_day - timedelta(days=1)).isoformat(), reason or "stopped", current.id],
            )
        return self._get(Regimen, "regimens", current.id)

    def restart_medication(
        self,
        name_or_id: str | int,
        dose: object,
        start: object,
        times: str | Sequence[str] | None = None,
        as_needed: bool = False,
        max_daily: object = None,
        reason: str = "",
    ) -> Regimen:
        medication = self.medication(name_or_id)
        start_day = entries.as_day(start, "start date")
        steps = self.regimens(medication.id)
        if regimen_on(steps, start_day) is not None or any(s.start_date >= start_day for s in steps):
            raise ValidationError(
                f"{medication.name} is already being taken on {start_day.isoformat()}.", "start"
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

    # -- doses ------------------------------------------------------------------------------------------

    def record_dose(
        self,
        name_or_id: str | int,
        status: str = "taken",
        at: object = None,
        amount: object = None,
        note: str = "",
        slot: str | None = None,
        day: object = None,
    ) -> DoseLog:
        """Log a dose taken or skipped at ``at`` (default now).

        With no ``slot``, :func:`medjournal.domain.schedule.match_dose` picks it: the nearest open slot within
        4 hours (the evening before, for a dose just after midnight); failing that, a taken dose fills the latest
        open slot of the day that has passed (late), or else is an extra dose. A taken dose for a slot logged as
        skipped turns that skip into taken (same entry). ``slot`` (with ``day``, default the day of ``at``, or the
        evening before just after midnight) names the slot instead. A dose before the first start is refused.
        """
        medication = self.medication(name_or_id)
        status = v.check_choice(status, DOSE_STATUSES, "dose status")
        moment = entries.as_moment(at, "time") if at not in (None, "") else self.now()
        regimens = self.regimens(medication.id)
        wanted_day = entries.as_day(day, "day") if day not in (None, "") else None
        first_day = min((wanted_day or moment.date()) - timedelta(days=1), moment.date() - timedelta(days=1))
        nearby = self.dose_logs(first_day, max(wanted_day or moment.date(), moment.date()), medication.id)
        if slot is None:
            match = match_dose(regimens, nearby, moment, status)
        else:
            match = self._named_slot(medication, regimens, nearby, moment, status, slot, wanted_day)
        if regimens and match.day < min(r.start_date for r in regimens):
            start = min(r.start_date for r in regimens).isoformat()
            raise ValidationError(
                f"{medication.name} was started on {start}, so no dose can be logged on {match.day.isoformat()}.",
                "at",
            )
        if status == "skipped" and match.slot is None:
            if match.blocked_by is not None:
                raise ValidationError(_already_logged(medication.name, match.blocked_by), "at")
            raise ValidationError(
                f"There is no scheduled dose of {medication.name} near {moment.strftime('%Y-%m-%d %H:%M')} "
                "to skip.",
                "at",
            )
        if amount in (None, "") and status == "taken":
            amount = match.regimen.dose if match.regimen is not None else None
        if match.replaces is not None and note in (None, ""):
            note = match.replaces.note  # the reason given for the skip is the person's text: keep it
        cleaned = entries.dose_log(
            {
                "taken_at": moment,
                "day": match.day,
                "slot": match.slot,
                "status": status,
                "amount": amount,
                "note": note,
            },
            self.today(),
        )
        if cleaned["day"] != match.day.isoformat():
            raise ValidationError(
                f"The {match.slot} dose of {match.day.isoformat()} can only be logged that day or up to "
                "4 hours after it.",
                "day",
            )
        with self._write():
            if match.replaces is None:
                entry_id = self._insert("dose_logs", {**cleaned, "medication_id": medication.id})
            else:
                entry_id = match.replaces.id
                old = self._rows("SELECT * FROM dose_logs WHERE id = ?", [entry_id])[0]
                sets = ", ".join(f"{k} = ?" for k in cleaned)
                self.db.execute(f"UPDATE dose_logs SET {sets} WHERE id = ?", [*cleaned.values(), entry_id])
                self._adjust_stock("dose_logs", old, -1)
            self._adjust_stock("dose_logs", {**cleaned, "medication_id": medication.id}, +1)
        return self._get(DoseLog, "dose_logs", entry_id)

    def _named_slot(
        self,
        medication: Medication,
        regimens: Sequence[Regimen],
        nearby: Sequence[DoseLog],
        moment: datetime,
        status: str,
        slot: str,
        wanted_day: date | None,
    ) -> SlotMatch:
        """The match for a dose whose slot the caller named (a reminder, a row of the day's list)."""
        slot = v.parse_clock_time(slot, "slot").strftime("%H:%M")
        slot_day = wanted_day or named_slot_day(regimens, nearby, moment, slot, status)
        regimen = regimen_on(regimens, slot_day)
        if regimen is None or regimen.as_needed or slot not in regimen.times:
            raise ValidationError(
                f"{medication.name} has no dose scheduled at {slot} on {slot_day.isoformat()}.", "slot"
            )
        logged = next((log for log in nearby if log.day == slot_day and log.slot == slot), None)
        if logged is not None and not (status == "taken" and logged.status == "skipped"):
            raise ValidationError(_already_logged(medication.name, logged), "slot")
        return SlotMatch(regimen, slot_day, slot, replaces=logged)

    def dose_logs(
        self, start: date | None = None, end: date | None = None, medication_id: int | None = None
    ) -> list[DoseLog]:
        where, params = self._range(start, end)
        if medication_id is not None:
            where = " AND ".join(filter(None, [where, "medication_id = ?"]))
            params.append(str(medication_id))
        return self._fetch(DoseLog, "dose_logs", where, params, order="taken_at, id")

    def day_slots(self, day: date | None = None, now: datetime | None = None) -> list[DaySlot]:
        target = day or self.today()
        return day_slots(
            self.medications(include_archived=True),
            self.regimens_by_medication(),
            self.dose_logs(target, target),
            target,
            now or self.now(),
        )

    # -- daily entries ----------------------------------------------------------------------------------

    def add_checkin(
        self,
        pain: object = None,
        mood: object = None,
        sleep: object = None,
        sleep_hours: object = None,
        locations: object = None,
        note: str = "",
        day: object = None,
        at: object = None,
        self_harm_thoughts: object = None,
    ) -> CheckIn:
        now = self.now()
        target = entries.as_day(day, "date") if day not in (None, "") else now.date()
        moment = (
            entries.as_moment(at, "time")
            if at not in (None, "")
            else datetime.combine(target, now.time().replace(microsecond=0), tzinfo=now.tzinfo)
        )
        cleaned = entries.checkin(
            {
                "day": target,
                "time": moment,
                "pain": pain,
                "mood": mood,
                "sleep": sleep,
                "sleep_hours": sleep_hours,
                "locations": locations,
                "note": note,
                "self_harm_thoughts": self_harm_thoughts,
            },
            self.today(),
        )
        with self._write():
            entry_id = self._insert("checkins", cleaned)
            if cleaned["self_harm_thoughts"]:
                self._insert_safety_event(
                    "self_harm_question",
                    "Answered yes to the journal's question about "
                    "thoughts of being better off dead or of self-harm.",
                    moment,
                )
        return self._get(CheckIn, "checkins", entry_id)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        where, params = self._range(start, end)
        return self._fetch(CheckIn, "checkins", where, params, order="day, time, id")

    def add_side_effect(
        self, symptom: str, severity: object, day: object = None, note: str = ""
    ) -> SideEffect:
        cleaned = entries.side_effect(
            {
                "symptom": symptom,
                "severity": severity,
                "note": note,
                "day": day if day not in (None, "") else self.today(),
            },
            self.today(),
        )
        with self._write():
            entry_id = self._insert("side_effects", cleaned)
        return self._get(SideEffect, "side_effects", entry_id)

    def side_effects(self, start: date | None = None, end: date | None = None) -> list[SideEffect]:
        where, params = self._range(start, end)
        return self._fetch(SideEffect, "side_effects", where, params, order="day, id")

    def add_questionnaire(
        self,
        instrument: str,
        answers: Sequence[object] | str,
        day: object = None,
        medication: str | int | None = None,
    ) -> QuestionnaireResult:
        medication_id = self.medication(medication).id if medication not in (None, "") else None
        if instrument == "pgic" and medication_id is None:
            medication_id = self._pgic_medication(day)
        cleaned = entries.questionnaire(
            {
                "instrument": instrument,
                "answers": answers,
                "medication_id": medication_id,
                "day": day if day not in (None, "") else self.today(),
            },
            self.today(),
        )
        values = json.loads(cleaned["answers"])
        with self._write():
            entry_id = self._insert("questionnaires", cleaned)
            if instruments.self_harm_answer(cleaned["instrument"], values) > 0:
                answer = instruments.PHQ_CHOICES[values[instruments.PHQ9_SELF_HARM_ITEM - 1]]
                self._insert_safety_event(
                    "phq9_item9",
                    f"PHQ-9 item 9 answered {answer!r} (questionnaire of {cleaned['day']}).",
                    self.now(),
                )
        return self._get(QuestionnaireResult, "questionnaires", entry_id)

    def _pgic_medication(self, day: object) -> int:
        """PGIC asks about one medication ("since starting X"): the only scheduled one taken that day, if unique."""
        target = entries.as_day(day, "date") if day not in (None, "") else self.today()
        grouped = self.regimens_by_medication()
        active = [
            m
            for m in self.medications(include_archived=True)
            if (step := regimen_on(grouped.get(m.id, []), target)) is not None and not step.as_needed
        ]
        if len(active) != 1:
            names = ", ".join(m.name for m in active) or "none is being taken on a schedule"
            raise ValidationError(
                f"Say which medication this impression of change is about (--medication NAME; {names}).",
                "medication",
            )
        return active[0].id

    def questionnaires(
        self, start: date | None = None, end: date | None = None, instrument: str | None = None
    ) -> list[QuestionnaireResult]:
        where, params = self._range(start, end)
        if instrument is not None:
            where = " AND ".join(filter(None, [where, "instrument = ?"]))
            params.append(instrument)
        return self._fetch(QuestionnaireResult, "questionnaires", where, params, order="day, id")

    def add_treatment(
        self, kind: str, day: object = None, minutes: object = None, note: str = ""
    ) -> Treatment:
        cleaned = entries.treatment(
            {
                "kind": kind,
                "minutes": minutes,
                "note": note,
                "day": day if day not in (None, "") else self.today(),
            },
            self.today(),
        )
        with self._write():
            entry_id = self._insert("treatments", cleaned)
        return self._get(Treatment, "treatments", entry_id)

    def treatments(self, start: date | None = None, end: date | None = None) -> list[Treatment]:
        where, params = self._range(start, end)
        return self._fetch(Treatment, "treatments", where, params, order="day, id")

    # -- safety -----------------------------------------------------------------------------------------

    def _insert_safety_event(self, kind: str, detail: str, moment: datetime, shown: str = "") -> int:
        cleaned = entries.safety_event(
            {"occurred_at": moment, "kind": kind, "detail": detail, "shown": shown}
        )
        return self._insert("safety_events", cleaned)

    def record_safety_event(
        self, kind: str, detail: str = "", shown: str = "", at: datetime | None = None
    ) -> SafetyEvent:
        with self._write():
            entry_id = self._insert_safety_event(kind, detail, at or self.now(), shown)
        return self._get(SafetyEvent, "safety_events", entry_id)

    def note_safety_panel_shown(self, event_id: int, shown: str) -> None:
        """Record what the safety panel showed for an event (the numbers and the country)."""
        with self._write():
            self.db.execute(
                "UPDATE safety_events SET shown = ? WHERE id = ?", [v.check_note(shown), event_id]
            )

    def safety_events(self, start: date | None = None, end: date | None = None) -> list[SafetyEvent]:
        where, params = self._range(start, end)
        return self._fetch(SafetyEvent, "safety_events", where, params, order="occurred_at, id")

    # -- visits, questions, refills, warnings -----------------------------------------------------------

    def add_visit(self, day: object = None, note: str = "") -> Visit:
        cleaned = entries.visit(
            {"day": day if day not in (None, "") else self.today(), "note": note}, self.today()
        )
        with self._write():
            entry_id = self._insert("visits", cleaned)
        return self._get(Visit, "visits", entry_id)

    def visits(self) -> list[Visit]:
        return self._fetch(Visit, "visits", order="day, id")

    def last_visit(self, before: date | None = None) -> Visit | None:
        limit = (before or self.today()).isoformat()
        found = self._fetch(Visit, "visits", "day <= ?", [limit], order="day DESC, id DESC")
        return found[0] if found else None

    def add_question(self, text: str) -> Question:
        cleaned = entries.question({"text": text})
        with self._write():
            entry_id = self._insert("questions", cleaned)
        return self._get(Question, "questions", entry_id)

    def questions(self, include_asked: bool = False) -> list[Question]:
        return self._fetch(Question, "questions", "" if include_asked else "asked_on IS NULL", order="id")

    def mark_question_asked(self, question_id: int, day: object = None, asked: bool = True) -> Question:
        self._get(Question, "questions", question_id)
        value = entries.as_day(day or self.today(), "date asked").isoformat() if asked else None
        with self._write():
            self.db.execute("UPDATE questions SET asked_on = ? WHERE id = ?", [value, question_id])
        return self._get(Question, "questions", question_id)

    def add_refill(self, name_or_id: str | int, units: object, day: object = None, note: str = "") -> Refill:
        medication = self.medication(name_or_id)
        cleaned = entries.refill(
            {"units": units, "note": note, "day": day if day not in (None, "") else self.today()},
            self.today(),
        )
        with self._write():
            entry_id = self._insert("refills", {**cleaned, "medication_id": medication.id})
            self.db.execute(
                "UPDATE medications SET stock_units = ROUND(COALESCE(stock_units, 0) + ?, 6) WHERE id = ?",
                [cleaned["units"], medication.id],
            )
        return self._get(Refill, "refills", entry_id)

    def refills(self, medication_id: int | None = None) -> list[Refill]:
        if medication_id is None:
            return self._fetch(Refill, "refills", order="day, id")
        return self._fetch(Refill, "refills", "medication_id = ?", [medication_id], order="day, id")

    def acknowledge_warning(self, key: str) -> None:
        key = v.check_name(key, "warning")
        with self._write():
            self.db.execute(
                "INSERT OR IGNORE INTO warning_acks (key, acknowledged_at) VALUES (?, ?)",
                [key, self._stamp()],
            )

    def acknowledged_warnings(self) -> set[str]:
        return {row["key"] for row in self._rows("SELECT key FROM warning_acks")}

    # -- settings ---------------------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    def settings(self) -> dict[str, Any]:
        return {row["key"]: json.loads(row["value"]) for row in self._rows("SELECT key, value FROM settings")}

    # -- editing any entry (History) --------------------------------------------------------------------

    def entry(self, table: str, entry_id: int) -> Record:
        cls, _ = _editable(table)
        return self._get(cls, table, entry_id)

    def update_entry(self, table: str, entry_id: int, changes: Mapping[str, Any]) -> Record:
        """Change fields of an entry; the result goes through the same validation as a new entry."""
        cls, validate = _editable(table)
        current = self._rows(f"SELECT * FROM {table} WHERE id = ?", [entry_id])
        if not current:
            raise NotFoundError(f"There is no entry {entry_id} in {table.replace('_', ' ')}.")
        merged = {**current[0], **changes}
        for key in ("locations", "answers"):
            if isinstance(merged.get(key), str) and merged[key].startswith("["):
                merged[key] = json.loads(merged[key])
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
                f"{medication.name} was started on {start}, so no dose can be logged on {cleaned['day']}.",
                "at",
            )
        if cleaned["slot"] is None:
            if cleaned["status"] == "skipped":
                raise ValidationError(
                    "A skipped dose must be one of the scheduled doses (give its time).", "slot"
                )
            return
        other = self._rows(
            "SELECT id FROM dose_logs WHERE medication_id = ? AND day = ? AND slot = ? AND id != ?",
            [medication_id, cleaned["day"], cleaned["slot"], entry_id],
        )
        if other:
            raise ValidationError(
                f"The {cleaned['slot']} dose of {cleaned['day']} is already logged; edit that entry instead.",
                "slot",
            )

    def delete_entry(self, table: str, entry_id: int) -> DeletedEntry:
        """Delete an entry; returns what was removed so that :meth:`restore_entry` can undo it."""
        if table == "medications":
            return self.delete_medication(entry_id)
        _editable(table)
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [entry_id])
        if not rows:
            raise NotFoundError(f"There is no entry {entry_id} in {table.replace('_', ' ')}.")
        with self._write():
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [entry_id])
            self._adjust_stock(table, rows[0], -1)
        return DeletedEntry(rows=((table, rows[0]),))

    def _adjust_stock(self, table: str, row: Mapping[str, Any], sign: int) -> None:
        """Keep a tracked stock in step when a taken dose or a refill is deleted (-1), put back or edited (+1)."""
        if table == "refills":
            delta = float(row["units"])
        elif table == "dose_logs" and row.get("status") == "taken":
            found = self._rows("SELECT unit_size FROM medications WHERE id = ?", [row["medication_id"]])
            if not found:
                return
            delta = -units_for_dose(row.get("amount"), found[0]["unit_size"])
        else:
            return
        self.db.execute(
            "UPDATE medications SET stock_units = ROUND(stock_units + ?, 6) "
            "WHERE id = ? AND stock_units IS NOT NULL",
            [sign * delta, row["medication_id"]],
        )

    def delete_medication(self, medication_id: int) -> DeletedEntry:
        """Delete a medication with its dose steps, dose logs and refills (undo puts all of them back)."""
        removed: list[tuple[str, dict[str, Any]]] = []
        med_rows = self._rows("SELECT * FROM medications WHERE id = ?", [medication_id])
        if not med_rows:
            raise NotFoundError(f"There is no medication {medication_id}.")
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
                            "This entry cannot be put back: its medication was deleted since."
                        )
                if table == "medications" and self._medication_row(values["name"]) is not None:
                    raise ValidationError(
                        f"{values['name']} cannot be put back: a medication of that name was "
                        "added since. Rename or delete that one first.",
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

    # -- overview ---------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in schema.DATA_TABLES
        }

    def is_empty(self) -> bool:
        return all(count == 0 for table, count in self.counts().items() if table != "settings")

    def date_span(self) -> tuple[date, date] | None:
        """The first and last day with any daily entry, or None for a journal without entries."""
        parts = " UNION ALL ".join(f"SELECT min(day) AS first, max(day) AS last FROM {t}" for t in DAY_TABLES)
        row = self.db.execute(f"SELECT min(first), max(last) FROM ({parts})").fetchone()
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def days_with_entries(self, start: date, end: date) -> set[date]:
        parts = " UNION ".join(f"SELECT day FROM {t} WHERE day BETWEEN ? AND ?" for t in DAY_TABLES)
        params = [start.isoformat(), end.isoformat()] * len(DAY_TABLES)
        return {date.fromisoformat(row[0]) for row in self.db.execute(parts, params).fetchall()}


DAY_TABLES = ("checkins", "dose_logs", "side_effects", "questionnaires", "treatments")


def _already_logged(medication_name: str, log: DoseLog) -> str:
    detail = f"taken at {log.moment.strftime('%H:%M')}" if log.status == "taken" else "skipped"
    return f"The {log.slot} dose of {medication_name} on {log.day.isoformat()} is already logged ({detail})."


def units_for_dose(amount: float | None, unit_size: float | None) -> float:
    """Stock units used by one dose: the dose over the unit size (e.g. 60 mg of 30 mg capsules = 2); 1 if unknown."""
    if amount is None or not unit_size:
        return 1.0
    return amount / unit_size


def _editable(table: str) -> tuple[type[Record], Any]:
    if table not in EDITABLE:
        raise NotFoundError(f"Entries of kind {table!r} cannot be edited here.")
    return EDITABLE[table]


def _write_failure(path: Path | None, exc: sqlite3.OperationalError) -> str:
    from medjournal.storage.database import sqlite_error_message

    return sqlite_error_message(path or Path(":memory:"), exc) + " The entry was not saved."


def open_journal(path: Path, clock: Clock | None = None, backup_dir: Path | None = None) -> Journal:
    """Open the journal file at ``path`` (created if missing), checked and migrated."""
    folder = backup_dir or backup_dir_for(path)
    db = open_database(path, folder, (clock or SystemClock()).now())
    journal = Journal(db, path, clock, folder)
    # Automatic backups (storage/autobackup.py): into the "backup_dir" setting's folder unless one was given.
    attach_auto_backup(journal, folder, use_setting=backup_dir is None)
    return journal
