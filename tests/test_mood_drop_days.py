"""The mood-fall warning reads only the days its rule looks at (domain/mood_warnings.mood_drop_days), and gives
the same answer as when it read every check-in of the last year (what Today read before)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from medjournal.domain.mood_warnings import MOOD_LOOKBACK_DAYS, merge_ranges, mood_drop, mood_drop_days
from medjournal.domain.records import CheckIn, Medication, Regimen
from medjournal.domain.warnings import journal_warnings
from medjournal.storage import Journal

DULOXETINE = Medication(1, "Duloxetine")
FIRST = date(2024, 6, 1)


def steps(*spans: tuple[date, date | None]) -> list[Regimen]:
    return [Regimen(n, 1, a, b, 60, "mg", ("08:00",)) for n, (a, b) in enumerate(spans, 1)]


def four_a_day(rng: random.Random, moods: dict[date, float], last: date) -> list[CheckIn]:
    """Four check-ins a day from FIRST to ``last``, around each day's mood; a few days with none."""
    found: list[CheckIn] = []
    day = FIRST
    while day <= last:
        if rng.random() > 0.1:
            level = moods.get(day, 6.0)
            for hour in range(7, 23, 4):
                mood = max(0, min(10, round(level + rng.gauss(0, 1))))
                found.append(CheckIn(len(found) + 1, day, f"{day}T{hour:02d}:00:00+00:00", 5, mood))
        day += timedelta(days=1)
    return found


def test_the_ranges_are_the_current_windows_and_the_baseline_before_the_start() -> None:
    today = date(2026, 3, 15)
    started = date(2025, 10, 1)
    assert mood_drop_days(steps((started, None)), today) == [
        (started - timedelta(days=14), started - timedelta(days=1)),
        (today - timedelta(days=28 + 13), today),
    ]
    # A start more than a year ago: its baseline is outside what the rule reads, only the recent days are.
    assert mood_drop_days(steps((date(2006, 3, 1), None)), today) == [(today - timedelta(days=41), today)]
    # Not taken today: nothing to read.
    assert mood_drop_days(steps((date(2025, 1, 1), date(2026, 3, 1))), today) == []


def test_a_restart_in_the_last_weeks_reads_both_baselines() -> None:
    today = date(2026, 3, 15)
    regimens = steps((date(2025, 9, 1), date(2026, 2, 10)), (date(2026, 3, 1), None))  # a 19-day break
    assert mood_drop_days(regimens, today) == [
        (date(2025, 8, 18), date(2025, 8, 31)),
        (date(2026, 2, 2), today),  # the restart's baseline (Feb 15-28) joins the current windows
    ]


def test_merge_ranges_clips_and_joins_touching_ranges() -> None:
    d = date(2026, 1, 1)
    one = timedelta(days=1)
    assert merge_ranges(
        [(d + 10 * one, d + 12 * one), (d, d + 3 * one), (d + 4 * one, d + 5 * one)], d, d + 11 * one
    ) == [
        (d, d + 5 * one),
        (d + 10 * one, d + 11 * one),
    ]
    assert merge_ranges([(d - 9 * one, d - one)], d, d + one) == []


def test_reading_only_those_days_gives_the_answer_of_reading_the_whole_year() -> None:
    rng = random.Random(7)
    regimens = steps((date(2025, 4, 1), date(2025, 12, 20)), (date(2026, 1, 10), None))
    moods: dict[date, float] = {}
    for offset in range(700):
        day = FIRST + timedelta(days=offset)
        on = any(r.active_on(day) for r in regimens)
        moods[day] = (3.5 if on else 7.5) + (1.5 if day.month in (5, 6) else 0)
    last = date(2026, 4, 30)
    checkins = four_a_day(rng, moods, last)
    fired = differs_without_baselines = 0
    day = date(2025, 4, 20)
    while day <= last:
        year = [c for c in checkins if day - timedelta(days=MOOD_LOOKBACK_DAYS) <= c.day <= day]
        ranges = mood_drop_days(regimens, day)
        read = [c for c in year if any(a <= c.day <= b for a, b in ranges)]
        expected = mood_drop(DULOXETINE, regimens, year, day)
        assert mood_drop(DULOXETINE, regimens, read, day) == expected, day
        fired += bool(expected)
        recent_only = [c for c in read if c.day >= day - timedelta(days=41)]
        differs_without_baselines += mood_drop(DULOXETINE, regimens, recent_only, day) != expected
        day += timedelta(days=3)
    assert fired > 20  # the comparison is not between two empty lists
    assert differs_without_baselines > 20  # and the baselines read are the ones that decide it


def test_todays_warning_uses_a_baseline_typed_in_late(journal: Journal) -> None:
    """Baseline days entered today for last autumn, and a check-in entered late for a day outside every window
    the rule reads, which must not change it."""
    journal.add_medication("Duloxetine", 60, times="08:00", start="2025-10-01")
    for offset in range(1, 15):
        journal.add_checkin(mood=8, day=(date(2025, 10, 1) - timedelta(days=offset)).isoformat())
    for day in range(2, 16):
        journal.add_checkin(mood=4, day=f"2026-03-{day:02d}")
    [warning] = [w for w in journal_warnings(journal, journal.now()) if w.kind == "mood_drop"]
    assert "4.0 points lower than in the 14 days before you started Duloxetine (8.0;" in warning.message
    journal.add_checkin(mood=0, day="2025-12-01")  # read by neither window
    [again] = [w for w in journal_warnings(journal, journal.now()) if w.kind == "mood_drop"]
    assert again == warning
