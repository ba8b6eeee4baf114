"""The summary reads the journal by date range: its cost follows the period, not the history."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from medjournal.report.summary.summary import build_summary
from medjournal.storage import Journal

RANGED = ("checkins", "dose_logs", "side_effects", "questionnaires", "treatments", "safety_events")


def test_every_read_is_bounded_by_the_period_or_a_14_day_baseline(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten years of history before the period: one check-in a month and a medication started long ago.
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2016-03-01")
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start="2026-03-05")
    day = date(2016, 1, 1)
    while day < date(2026, 3, 1):
        journal.add_checkin(pain=5, day=day, at=datetime.combine(day, datetime.min.time()).astimezone())
        day += timedelta(days=30)
    calls: list[tuple[str, date | None, date | None]] = []
    for name in RANGED:
        original = getattr(journal, name)

        def spy(
            start: date | None = None,
            end: date | None = None,
            *args: Any,
            _name: str = name,
            _original: Any = original,
            **kwargs: Any,
        ) -> Any:
            calls.append((_name, start, end))
            return _original(start, end, *args, **kwargs)

        monkeypatch.setattr(journal, name, spy)
    report = build_summary(journal, start=date(2026, 1, 1), end=date(2026, 3, 15))
    assert calls, "the summary read nothing"
    for name, start, end in calls:
        assert start is not None and end is not None, f"{name} read without a date range"
        assert (end - start).days + 1 <= report.period.days + 6, (name, start, end)
    # The medication started ten years ago has no recent baseline (methods.md): its old baseline is not read.
    assert all(start >= date(2025, 1, 1) for _, start, _ in calls if start is not None), calls
    duloxetine = next(m for m in report.medications if m.medication.name == "Duloxetine")
    assert duloxetine.recent_start is False and duloxetine.response.baseline is None
    assert duloxetine.response.baseline_start is None and duloxetine.response.baseline_days == 0
