"""Clocks are passed in, never read from globals deep inside (docs/contributing.md §2), so tests can fix the time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current local time, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """A clock that only moves when told to. Used by tests and by the demo generator."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            moment = moment.astimezone()
        self._moment = moment

    def now(self) -> datetime:
        return self._moment

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            moment = moment.astimezone()
        self._moment = moment

    def advance(self, delta: timedelta) -> None:
        self._moment = self._moment + delta


def today(clock: Clock) -> date:
    return clock.now().date()
