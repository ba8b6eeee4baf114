"""Daily entries (check-ins, side effects, questionnaires, treatments), safety events, visits, questions for the
doctor, acknowledged warnings and settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from medjournal.domain import entries, instruments
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.localtime import local_moment
from medjournal.domain.raw_input import (
    JsonValue,
    RawAnswers,
    RawDay,
    RawLocations,
    RawMoment,
    RawNumber,
    RawYesNo,
)
from medjournal.domain.records import (
    CheckIn,
    Question,
    QuestionnaireResult,
    SafetyEvent,
    SideEffect,
    Treatment,
    Visit,
)
from medjournal.domain.schedule import regimen_on
from medjournal.i18n import _
from medjournal.storage.journal_base import R
from medjournal.storage.journal_reads import ReadsMixin

SELF_HARM_DETAIL = (
    "Answered yes to the journal's question about thoughts of being better off dead or of self-harm."
)


class EntriesMixin(ReadsMixin):
    def add_checkin(
        self,
        pain: RawNumber | None = None,
        mood: RawNumber | None = None,
        sleep: RawNumber | None = None,
        sleep_hours: RawNumber | None = None,
        locations: RawLocations | None = None,
        note: str = "",
        day: RawDay | None = None,
        at: RawMoment | None = None,
        self_harm_thoughts: RawYesNo | None = None,
    ) -> CheckIn:
        now = self.now()
        target = entries.as_day(day, "date") if day not in (None, "") else now.date()
        moment = entries.as_moment(at, "time") if at not in (None, "") else _same_time_on(target, now)
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
                    SELF_HARM_DETAIL,
                    moment,
                    day=cleaned["day"],
                    source=("checkin", entry_id),
                )
        return self._get(CheckIn, "checkins", entry_id)

    def _add_dated(
        self,
        kind: type[R],
        validate: Callable[[Mapping[str, Any], date], dict[str, Any]],
        values: dict[str, Any],
        day: RawDay | None,
    ) -> R:
        """Validate one entry of a day (no day: today), write it in its own transaction, return it as stored."""
        cleaned = validate({**values, "day": day if day not in (None, "") else self.today()}, self.today())
        with self._write():
            entry_id = self._insert(kind.table, cleaned)
        return self._get(kind, kind.table, entry_id)

    def add_side_effect(
        self, symptom: str, severity: RawNumber, day: RawDay | None = None, note: str = ""
    ) -> SideEffect:
        values = {"symptom": symptom, "severity": severity, "note": note}
        return self._add_dated(SideEffect, entries.side_effect, values, day)

    def add_questionnaire(
        self,
        instrument: str,
        answers: RawAnswers,
        day: RawDay | None = None,
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
                    day=cleaned["day"],
                    source=("questionnaire", entry_id),
                )
        return self._get(QuestionnaireResult, "questionnaires", entry_id)

    def _pgic_medication(self, day: RawDay | None) -> int:
        """PGIC asks about one medication ("since starting X"): the only scheduled one taken that day, if unique."""
        target = entries.as_day(day, "date") if day not in (None, "") else self.today()
        grouped = self.regimens_by_medication()
        active = [
            m
            for m in self.medications(include_archived=True)
            if (step := regimen_on(grouped.get(m.id, []), target)) is not None and not step.as_needed
        ]
        if len(active) != 1:
            names = ", ".join(m.name for m in active) or _("none is being taken on a schedule")
            raise ValidationError(
                _(
                    "Say which medication this impression of change is about (--medication NAME; {names})."
                ).format(names=names),
                "medication",
            )
        return active[0].id

    def add_treatment(
        self, kind: str, day: RawDay | None = None, minutes: RawNumber | None = None, note: str = ""
    ) -> Treatment:
        return self._add_dated(
            Treatment, entries.treatment, {"kind": kind, "minutes": minutes, "note": note}, day
        )

    def _insert_safety_event(
        self,
        kind: str,
        detail: str,
        moment: datetime,
        shown: str = "",
        day: RawDay | None = None,
        source: tuple[str, int] | None = None,
    ) -> int:
        """``day``: the day the answer is about (its questionnaire's or check-in's), ``source`` its row."""
        cleaned = entries.safety_event(
            {
                "occurred_at": moment,
                "kind": kind,
                "detail": detail,
                "shown": shown,
                "day": day,
                "source": source[0] if source else "",
                "source_id": source[1] if source else None,
            }
        )
        return self._insert("safety_events", cleaned)

    def record_safety_event(
        self,
        kind: str,
        detail: str = "",
        shown: str = "",
        at: datetime | None = None,
        day: RawDay | None = None,
        source: tuple[str, int] | None = None,
    ) -> SafetyEvent:
        with self._write():
            entry_id = self._insert_safety_event(kind, detail, at or self.now(), shown, day, source)
        return self._get(SafetyEvent, "safety_events", entry_id)

    def note_safety_panel_shown(self, event_id: int, shown: str) -> None:
        """Record what the safety panel showed for an event (the numbers and the country)."""
        with self._write():
            self.db.execute(
                "UPDATE safety_events SET shown = ? WHERE id = ?", [v.check_note(shown), event_id]
            )

    def add_visit(self, day: RawDay | None = None, note: str = "") -> Visit:
        return self._add_dated(Visit, entries.visit, {"note": note}, day)

    def add_question(self, text: str) -> Question:
        cleaned = entries.question({"text": text})
        with self._write():
            entry_id = self._insert("questions", cleaned)
        return self._get(Question, "questions", entry_id)

    def mark_question_asked(
        self, question_id: int, day: RawDay | None = None, asked: bool = True
    ) -> Question:
        self._get(Question, "questions", question_id)
        value = entries.as_day(day or self.today(), "date asked").isoformat() if asked else None
        with self._write():
            self.db.execute("UPDATE questions SET asked_on = ? WHERE id = ?", [value, question_id])
        return self._get(Question, "questions", question_id)

    def acknowledge_warning(self, key: str) -> None:
        key = v.check_name(key, "warning")
        with self._write():
            self.db.execute(
                "INSERT OR IGNORE INTO warning_acks (key, acknowledged_at) VALUES (?, ?)",
                [key, self._stamp()],
            )

    def set_setting(self, key: str, value: JsonValue) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )


def _same_time_on(day: date, now: datetime) -> datetime:
    """Now's wall-clock time on ``day``, with that day's own offset (an hour the clocks skipped: now's offset)."""
    if day == now.date():
        return now.replace(microsecond=0)
    try:
        return local_moment(day, now.time(), now)
    except ValidationError:
        return datetime.combine(day, now.time().replace(microsecond=0), tzinfo=now.tzinfo)
