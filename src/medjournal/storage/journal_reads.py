"""The Journal's reads of daily entries, doses, refills, activities, acknowledged warnings and settings.

Apart from the writing mixins so that the read-only open (``read_only.py``) can build a journal of reads only:
``today --json``, ``med list`` and ``stock`` then load neither the validators of ``domain.entries`` nor the
writing half of the API (docs/data-safety.md, "Opening for reading"). The full :class:`Journal` has these
methods too; each is written once, here.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from medjournal.domain.errors import NotFoundError
from medjournal.domain.records import (
    CheckIn,
    DaySlot,
    DoseLog,
    Question,
    QuestionnaireResult,
    Refill,
    SideEffect,
)
from medjournal.domain.schedule import day_slots
from medjournal.i18n import _
from medjournal.storage.journal_base import JournalBase

if TYPE_CHECKING:
    from medjournal.domain.activities import Activity, ActivityRating
    from medjournal.domain.raw_input import JsonValue
    from medjournal.domain.records_more import SafetyEvent, Treatment, Visit


class ReadsMixin(JournalBase):
    def dose_logs(
        self, start: date | None = None, end: date | None = None, medication_id: int | None = None
    ) -> list[DoseLog]:
        medication = None if medication_id is None else str(medication_id)
        return self._in_range(DoseLog, start, end, "taken_at, id", medication_id=medication)

    def day_slots(self, day: date | None = None, now: datetime | None = None) -> list[DaySlot]:
        target = day or self.today()
        return day_slots(
            self.medications(include_archived=True),
            self.regimens_by_medication(),
            self.dose_logs(target, target),
            target,
            now or self.now(),
        )

    def refills(self, medication_id: int | None = None) -> list[Refill]:
        if medication_id is None:
            return self._fetch(Refill, "refills", order="day, id")
        return self._fetch(Refill, "refills", "medication_id = ?", [medication_id], order="day, id")

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        return self._in_range(CheckIn, start, end, "day, time, id")

    def side_effects(self, start: date | None = None, end: date | None = None) -> list[SideEffect]:
        return self._in_range(SideEffect, start, end)

    def questionnaires(
        self, start: date | None = None, end: date | None = None, instrument: str | None = None
    ) -> list[QuestionnaireResult]:
        return self._in_range(QuestionnaireResult, start, end, instrument=instrument)

    # Treatments, safety answers and visits: their records load at the first read of one
    # (domain/records_more.py); today --json reads none.

    def treatments(self, start: date | None = None, end: date | None = None) -> list[Treatment]:
        from medjournal.domain.records_more import Treatment

        return self._in_range(Treatment, start, end)

    def safety_events(self, start: date | None = None, end: date | None = None) -> list[SafetyEvent]:
        from medjournal.domain.records_more import SafetyEvent

        return self._in_range(SafetyEvent, start, end, "day, occurred_at, id")

    def safety_events_typed_in_later(self, start: date, end: date) -> list[SafetyEvent]:
        """The safety answers written from ``start`` to ``end`` (local days of ``recorded_at``) about a day before
        ``start``: the answers typed in during a period for a day before it (report/summary/summary.py)."""
        from medjournal.domain.records_more import SafetyEvent

        return self._fetch(
            SafetyEvent, "safety_events", *_typed_in_later(start, end), order="day, occurred_at, id"
        )

    def questionnaires_typed_in_later(self, start: date, end: date) -> list[QuestionnaireResult]:
        """The questionnaires written from ``start`` to ``end`` about a day before ``start``."""
        return self._fetch(
            QuestionnaireResult, "questionnaires", *_typed_in_later(start, end), order="day, id"
        )

    def visits(self) -> list[Visit]:
        from medjournal.domain.records_more import Visit

        return self._fetch(Visit, "visits", order="day, id")

    def last_visit(self, before: date | None = None) -> Visit | None:
        from medjournal.domain.records_more import Visit

        limit = (before or self.today()).isoformat()
        found = self._fetch(Visit, "visits", "day <= ?", [limit], order="day DESC, id DESC")
        return found[0] if found else None

    def questions(self, include_asked: bool = False) -> list[Question]:
        return self._fetch(Question, "questions", "" if include_asked else "asked_on IS NULL", order="id")

    def acknowledged_warnings(self) -> set[str]:
        return {row["key"] for row in self._rows("SELECT key FROM warning_acks")}

    def setting(self, key: str, default: JsonValue = None) -> Any:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(rows[0]["value"]) if rows else default

    def settings(self) -> dict[str, Any]:
        return {row["key"]: json.loads(row["value"]) for row in self._rows("SELECT key, value FROM settings")}

    # Activities (domain/activities.py, loaded by the first read of them: today --json reads none).

    def activities(self, include_retired: bool = False) -> list[Activity]:
        """The activities in the order they were added; retired ones only with ``include_retired``."""
        from medjournal.domain.activities import Activity

        where = "" if include_retired else "retired_on IS NULL"
        return self._fetch(Activity, "activities", where, order="id")

    def activity(self, name_or_id: str | int) -> Activity:
        """An activity by id, or by name (case, accents and look-alike letters aside)."""
        every = self.activities(include_retired=True)
        if isinstance(name_or_id, int):
            found = [a for a in every if a.id == name_or_id]
        else:
            from medjournal.domain.validation import name_skeleton

            skeleton = name_skeleton(name_or_id)
            found = [a for a in every if name_skeleton(a.name) == skeleton]
        if not found:
            known = ", ".join(_("“{name}”").format(name=a.name) for a in every) or _("none yet")
            raise NotFoundError(
                _("There is no activity called “{name}” in the journal (known: {known}).").format(
                    name=name_or_id, known=known
                )
            )
        return found[0]

    def activity_ratings(
        self, start: date | None = None, end: date | None = None, activity_id: int | None = None
    ) -> list[ActivityRating]:
        from medjournal.domain.activities import ActivityRating

        where, days = self._range(start, end)
        params: list[object] = list(days)
        if activity_id is not None:
            where = " AND ".join(filter(None, [where, "activity_id = ?"]))
            params.append(activity_id)
        return self._fetch(ActivityRating, "activity_ratings", where, params, order="day, id")


# Rows about a day before a period, written during it: ``recorded_at`` is a moment written with the offset it was
# made in, so its first ten characters are the local day it was written.
TYPED_IN_LATER_SQL = "day < ? AND substr(recorded_at, 1, 10) BETWEEN ? AND ?"


def _typed_in_later(start: date, end: date) -> tuple[str, list[str]]:
    """The condition and parameters of the rows about a day before ``start`` written from ``start`` to ``end``."""
    return TYPED_IN_LATER_SQL, [start.isoformat(), start.isoformat(), end.isoformat()]
