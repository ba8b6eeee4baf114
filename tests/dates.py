"""Small date helpers for tests that build journals by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(day: date | str, clock_time: str = "08:00") -> datetime:
    """A local, timezone-aware moment on ``day`` at ``HH:MM``."""
    return datetime.fromisoformat(f"{day}T{clock_time}").astimezone()


def days(first: str, last: str, skip: tuple[str, ...] = ()) -> list[date]:
    """Every day from ``first`` to ``last`` inclusive, except those in ``skip``."""
    start, end = d(first), d(last)
    every = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return [day for day in every if day.isoformat() not in skip]
