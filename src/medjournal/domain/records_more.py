"""The records that the read commands (``today --json``, ``med list``, ``stock``) never build: treatments, safety
answers, visits and measures.

``records.py`` names them too (``from medjournal.domain.records import Visit`` works as before) but loads this
module only at the first use of one: each frozen dataclass costs about a millisecond of CPU to create at import,
and a status bar calls ``today --json`` every minute (docs/architecture.md, *Start-up*).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from medjournal.domain.records import DayRecord, later_day
from medjournal.domain.value import record


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Treatment(DayRecord):
    """A treatment other than medication on a day: physical therapy, exercise or other."""

    table: ClassVar[str] = "treatments"
    kind: str
    minutes: int | None = None
    note: str = ""


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class SafetyEvent(DayRecord):
    """A safety answer. ``day`` is the day it is about (its questionnaire's or check-in's day, the clinical
    date); ``recorded_at`` is when it was written, later than ``day`` for an answer typed in afterwards."""

    table: ClassVar[str] = "safety_events"
    occurred_at: str
    kind: str
    detail: str = ""
    shown: str = ""
    source: str = ""  # "questionnaire" or "checkin": the table of the answer it came from
    source_id: int | None = None

    @property
    def recorded_on(self) -> date | None:
        """The day it was written, when later than the day it is about (else None)."""
        return later_day(self.recorded_at, self.day)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Visit(DayRecord):
    """A visit to the doctor on a day, with a note."""

    table: ClassVar[str] = "visits"
    note: str = ""


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Measure(DayRecord):
    """A weight (``value`` in kg), a blood pressure (``value`` the upper number, ``diastolic`` the lower, mmHg;
    ``pulse`` beats a minute) or the drinks of the week ending on ``day`` (domain/measures.py)."""

    table: ClassVar[str] = "measures"
    kind: str
    value: float
    diastolic: int | None = None
    pulse: int | None = None
    note: str = ""
