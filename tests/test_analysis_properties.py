"""Property tests: the analysis never raises on random journals, and its numbers stay in range."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain.analysis import (
    CATEGORIES,
    ComparisonSpan,
    adherence_for,
    daily_means,
    response_for,
    rolling_mean,
    side_effect_summary,
)
from medjournal.domain.records import CheckIn, DoseLog, Medication, Regimen, SideEffect

ORIGIN = date(2026, 1, 1)
SLOTS = ("06:00", "08:00", "12:30", "20:00", "23:59")


@st.composite
def regimens(draw: st.DrawFn) -> list[Regimen]:
    """Dose steps in order, with or without breaks between them (stops and restarts), some as-needed."""
    steps: list[Regimen] = []
    day = ORIGIN + timedelta(days=draw(st.integers(0, 60)))
    for index in range(draw(st.integers(0, 4))):
        length = draw(st.one_of(st.none(), st.integers(1, 40)))
        as_needed = draw(st.booleans())
        times = (
            () if as_needed else tuple(sorted(draw(st.sets(st.sampled_from(SLOTS), min_size=1, max_size=3))))
        )
        end = None if length is None else day + timedelta(days=length - 1)
        steps.append(
            Regimen(
                index + 1,
                1,
                day,
                end,
                float(draw(st.integers(1, 120))),
                "mg",
                times,
                as_needed=int(as_needed),
            )
        )
        if end is None:
            break
        day = end + timedelta(days=draw(st.integers(1, 20)))
    return steps


days = st.integers(0, 150).map(lambda n: ORIGIN + timedelta(days=n))


@st.composite
def dose_logs(draw: st.DrawFn) -> list[DoseLog]:
    logs = []
    for index in range(draw(st.integers(0, 40))):
        day = draw(days)
        slot = draw(st.one_of(st.none(), st.sampled_from(SLOTS)))
        status = "skipped" if slot is not None and draw(st.booleans()) else "taken"
        amount = draw(st.one_of(st.none(), st.integers(1, 200).map(float)))
        moment = f"{day.isoformat()}T{slot or '12:00'}:00+00:00"
        logs.append(DoseLog(index + 1, day, 1, slot, moment, status, amount))
    return logs


@st.composite
def checkins(draw: st.DrawFn) -> list[CheckIn]:
    rating = st.one_of(st.none(), st.integers(0, 10))
    return [
        CheckIn(i + 1, draw(days), "09:00", draw(rating), draw(rating), draw(rating))
        for i in range(draw(st.integers(0, 80)))
    ]


@settings(max_examples=150, deadline=None)
@given(regimens(), checkins(), days, st.sampled_from(["pain", "mood", "sleep"]))
def test_response_never_raises(steps: list[Regimen], ratings: list[CheckIn], end: date, field: str) -> None:
    response = response_for(ComparisonSpan(Medication(1, "duloxetine"), steps, end), ratings, field)
    assert response.category is None or response.category in CATEGORIES
    if response.change_points is not None:
        assert -10 <= response.change_points <= 10
        assert response.baseline_days >= 5 and response.current_days >= 5
    assert 0 <= response.baseline_days <= 14 and 0 <= response.current_days <= 14
    assert isinstance(response.describe(), str)


@settings(max_examples=150, deadline=None)
@given(regimens(), dose_logs(), days, st.integers(0, 120), days, st.integers(0, 24 * 60 - 1))
def test_adherence_never_raises_and_percent_stays_in_range(
    steps: list[Regimen], logs: list[DoseLog], start: date, length: int, today: date, minute: int
) -> None:
    now = datetime.combine(today, datetime.min.time()).astimezone() + timedelta(minutes=minute)
    result = adherence_for(steps, logs, start, start + timedelta(days=length), now)
    assert result.scheduled == result.taken + result.skipped + result.not_recorded
    if result.percent is not None:
        assert 0 <= result.percent <= 100
    if result.as_needed:
        assert result.percent is None
    if result.longest_gap_days is not None:
        assert 0 <= result.longest_gap_days <= result.scheduled_days
    assert all(gap.days >= 2 for gap in result.gaps)


@settings(max_examples=80, deadline=None)
@given(checkins(), days, st.integers(0, 60))
def test_daily_series_stay_on_the_scale(ratings: list[CheckIn], start: date, length: int) -> None:
    daily = daily_means(ratings)
    assert all(0 <= value <= 10 for value in daily.values())
    series = rolling_mean(daily, start, start + timedelta(days=length))
    assert len(series) == length + 1
    assert all(value is None or 0 <= value <= 10 for _, value in series)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(days, st.sampled_from(["nausea", "headache", "Own words"]), st.integers(0, 3))),
    days,
    st.one_of(st.none(), days),
)
def test_side_effect_summary_never_raises(
    entries: list[tuple[date, str, int]], start: date, medication_start: date | None
) -> None:
    records = [
        SideEffect(i + 1, day, symptom, severity) for i, (day, symptom, severity) in enumerate(entries)
    ]
    for line in side_effect_summary(records, start, start + timedelta(days=30), medication_start):
        assert 1 <= line.mean_severity <= line.max_severity <= 3
        assert line.days >= 1
