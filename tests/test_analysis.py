"""The response analysis of docs/clinical.md §5, against hand-computed numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

import pytest

from medjournal.domain.analysis import (
    ComparisonSpan,
    category_for,
    completeness,
    courses,
    daily_means,
    evaluated_start,
    peg_response_for,
    questionnaire_series,
    response_for,
    rolling_mean,
    round_half_up,
)
from medjournal.domain.records import CheckIn, Medication, QuestionnaireResult, Regimen

START = date(2026, 2, 1)  # the medication's start; baseline = 2026-01-18 .. 2026-01-31
END = date(2026, 3, 15)  # period end; current = 2026-03-02 .. 2026-03-15
MED = Medication(1, "duloxetine")
STEPS = [Regimen(1, 1, START, None, 30.0, "mg", ("08:00",))]


def d(text: str) -> date:
    return date.fromisoformat(text)


class Ratings:
    def __init__(self) -> None:
        self.items: list[CheckIn] = []

    def add(
        self, day: date, pain: int | None = None, mood: int | None = None, sleep: int | None = None
    ) -> None:
        self.items.append(CheckIn(len(self.items) + 1, day, "09:00", pain, mood, sleep))

    def fill(self, first: date, values: Sequence[int | None], field: str = "pain") -> None:
        for offset, value in enumerate(values):
            if value is not None:
                self.add(first + timedelta(days=offset), **{field: value})


def two_windows(
    baseline: Sequence[int | None], current: Sequence[int | None], field: str = "pain"
) -> list[CheckIn]:
    ratings = Ratings()
    ratings.fill(START - timedelta(days=14), baseline, field)
    ratings.fill(END - timedelta(days=13), current, field)
    return ratings.items


def test_daily_mean_averages_several_ratings_and_leaves_missing_days_out() -> None:
    ratings = Ratings()
    ratings.add(d("2026-01-05"), pain=2)
    ratings.add(d("2026-01-05"), pain=7)
    ratings.add(d("2026-01-05"), mood=4)  # a check-in without pain does not dilute the day's pain
    ratings.add(d("2026-01-07"), pain=0)
    assert daily_means(ratings.items) == {d("2026-01-05"): 4.5, d("2026-01-07"): 0.0}
    assert daily_means(ratings.items, "mood") == {d("2026-01-05"): 4.0}


def test_rolling_mean_skips_missing_days_and_needs_three_rated_days() -> None:
    daily = {d("2026-01-01"): 4.0, d("2026-01-02"): 6.0, d("2026-01-04"): 8.0, d("2026-01-10"): 2.0}
    series = dict(rolling_mean(daily, d("2026-01-01"), d("2026-01-10")))
    assert series[d("2026-01-02")] is None  # only 2 rated days so far
    assert series[d("2026-01-04")] == 6.0  # (4 + 6 + 8) / 3, the missing 3rd is skipped, not zero
    assert series[d("2026-01-07")] == 6.0  # window 01-01..01-07
    assert series[d("2026-01-08")] is None  # window 01-02..01-08 has only 6 and 8
    assert series[d("2026-01-10")] is None
    assert len(series) == 10


def test_response_hand_computed_with_missing_days_and_two_ratings_a_day() -> None:
    baseline = [6, 7, None, 6, 8, None, 7, 6, 6, None, 7, 7, 6, 6]  # 11 days, sum 72 -> 72/11
    current = [4, None, 4, 5, None, None, 4, 3, 4, 4, None, 5, 4, 4]  # 10 days, sum 41
    items = two_windows(baseline, current)
    items.append(CheckIn(999, END, "20:00", 8))  # last day: ratings 4 and 8 -> 6, so the sum becomes 43
    response = response_for(ComparisonSpan(MED, STEPS, END), items)
    assert (response.baseline_start, response.baseline_end) == (d("2026-01-18"), d("2026-01-31"))
    assert (response.current_start, response.current_end) == (d("2026-03-02"), d("2026-03-15"))
    assert (response.baseline_days, response.current_days) == (11, 10)
    assert response.baseline_mean == pytest.approx(72 / 11)
    assert response.current_mean == pytest.approx(4.3)
    expected_percent = (4.3 - 72 / 11) / (72 / 11) * 100  # -34.3%
    assert response.change_percent == pytest.approx(expected_percent)
    assert response.change_points == pytest.approx(4.3 - 72 / 11)
    assert response.category == "meaningful improvement"
    assert response.meets_two_points is True  # |−2.245| >= 2
    assert response.weeks_since_start == 6  # 42 days
    assert response.describe() == "Pain 6.5 → 4.3 (−34%): meaningful improvement, 11 and 10 rated days"


def test_baseline_with_fewer_than_five_rated_days_is_not_a_number() -> None:
    items = two_windows([6, None, None, 7, None, None, None, 8, None, None, None, 6, None, None], [3] * 14)
    response = response_for(ComparisonSpan(MED, STEPS, END), items)
    assert response.baseline_days == 4
    assert response.baseline_mean is None
    assert response.current_mean == 3.0
    assert response.change_points is None and response.change_percent is None
    assert response.category is None and response.meets_two_points is None
    assert "not enough data (4 rated days)" in response.describe()


def test_baseline_mean_of_zero_leaves_the_percent_undefined() -> None:
    response = response_for(ComparisonSpan(MED, STEPS, END), two_windows([0] * 7, [2] * 6 + [3] * 2))
    assert response.baseline_mean == 0.0
    assert response.current_mean == pytest.approx(2.25)
    assert response.change_points == pytest.approx(2.25)
    assert response.change_percent is None
    assert response.category is None
    assert response.meets_two_points is True
    assert "% undefined" in response.describe()


@pytest.mark.parametrize(
    ("baseline", "current", "category"),
    [
        ([10] * 14, [5] * 14, "substantial improvement"),  # exactly −50%
        ([10] * 14, [7] * 14, "meaningful improvement"),  # exactly −30%
        ([10] * 14, [9] * 14, "minimal improvement"),  # exactly −10%
        ([10] * 14, [10] * 14, "no clear change"),  # 0%
        ([10] * 14, [11] * 14, "worse"),  # exactly +10%
        # Means that are not whole numbers, where floating point misses the line:
        ([7] * 14, [5] * 9 + [4], "meaningful improvement"),  # 7 → 4.9: exactly −30%
        ([7] * 14, [6] * 7 + [7] * 3, "minimal improvement"),  # 7 → 6.3: exactly −10%
        ([7] * 14, [8] * 7 + [7] * 3, "worse"),  # 7 → 7.7: exactly +10%
        ([7] * 14, [4] * 5 + [3] * 5, "substantial improvement"),  # 7 → 3.5: exactly −50%
        ([7] * 14, [5] * 8 + [4] * 2, "meaningful improvement"),  # 7 → 4.8: −31.4%
        ([7] * 14, [7] * 9 + [6], "no clear change"),  # 7 → 6.9: −1.4%
    ],
)
def test_category_boundaries_are_exact(baseline: list[int], current: list[int], category: str) -> None:
    response = response_for(ComparisonSpan(MED, STEPS, END), two_windows(baseline, current))
    assert response.category == category


def test_each_boundary_on_the_line() -> None:
    assert category_for(Fraction(-50)) == "substantial improvement"
    assert category_for(Fraction(-30)) == "meaningful improvement"
    assert category_for(Fraction(-10)) == "minimal improvement"
    assert category_for(Fraction(10)) == "worse"
    tiny = Fraction(1, 10**9)
    assert category_for(Fraction(-50) + tiny) == "meaningful improvement"
    assert category_for(Fraction(-30) + tiny) == "minimal improvement"
    assert category_for(Fraction(-10) + tiny) == "no clear change"
    assert category_for(Fraction(10) - tiny) == "no clear change"
    # The float trap that exact arithmetic avoids: 7 → 4.9 is −30% but not in floats.
    assert (4.9 - 7) / 7 * 100 > -30


def test_display_rounding_is_half_up_from_the_exact_value() -> None:
    assert round_half_up(Fraction(25, 4), 1) == 6.3  # 6.25; round() in floats gives 6.2
    assert round_half_up(Fraction(-73, 2), 0) == -37.0
    assert round_half_up(None) is None
    assert round_half_up(127 / 20, 1) == 6.4  # the float 6.35 is a hair below 6.35 in binary
    assert round_half_up(Fraction(-1, 20), 1) == -0.1


def test_completeness_counts_days_with_ratings() -> None:
    ratings = Ratings()
    ratings.fill(d("2026-03-01"), [5, None, 4, 4])
    ratings.add(d("2026-03-01"), pain=6)
    ratings.add(d("2026-03-05"), mood=6)  # no pain rating: not a rated day
    result = completeness(ratings.items, d("2026-03-01"), d("2026-03-10"))
    assert (result.days_with_ratings, result.days_in_period, result.fraction) == (3, 10, 0.3)


def test_dose_change_inside_the_current_window_is_reported() -> None:
    steps = [
        Regimen(1, 1, START, d("2026-03-07"), 30.0, "mg", ("08:00",)),
        Regimen(2, 1, d("2026-03-08"), None, 60.0, "mg", ("08:00",)),
    ]
    response = response_for(ComparisonSpan(MED, steps, END), two_windows([6] * 14, [4] * 14))
    assert response.medication_start == START  # the dose step does not move the baseline
    assert response.baseline_start == d("2026-01-18")
    assert response.current_start == d("2026-03-02")
    assert response.change_percent == pytest.approx(-100 / 3)
    assert response.last_dose_change == d("2026-03-08")
    assert response.weeks_since_dose_change == 1
    assert any("dose changed on 2026-03-08" in note for note in response.notes)


def test_stop_and_restart() -> None:
    short_break = [
        Regimen(1, 1, START, d("2026-02-10"), 30.0, "mg", ("08:00",), stop_reason="nausea"),
        Regimen(2, 1, d("2026-02-15"), None, 30.0, "mg", ("08:00",)),
    ]
    assert len(courses(short_break)) == 2
    assert (
        evaluated_start(short_break, END) == START
    )  # a 4-day break: the baseline stays before the first start
    long_break = [
        Regimen(1, 1, d("2025-12-01"), d("2025-12-20"), 30.0, "mg", ("08:00",), stop_reason="stopped"),
        Regimen(2, 1, START, None, 30.0, "mg", ("08:00",)),
    ]
    assert evaluated_start(long_break, END) == START  # 42 days off: the restart is a new trial
    assert evaluated_start(long_break, d("2026-01-10")) == d("2025-12-01")
    # Exactly 14 days off (01-18 .. 01-31) makes the restart a new trial; 13 days off does not.
    for last_day, expected in (("2026-01-17", START), ("2026-01-18", d("2025-12-01"))):
        steps = [
            Regimen(1, 1, d("2025-12-01"), d(last_day), 30.0, "mg", ("08:00",)),
            Regimen(2, 1, START, None, 30.0, "mg", ("08:00",)),
        ]
        assert evaluated_start(steps, END) == expected
    response = response_for(ComparisonSpan(MED, long_break, END), two_windows([8] * 14, [4] * 14))
    assert response.baseline_start == d("2026-01-18")
    assert response.category == "substantial improvement"
    stopped = [Regimen(1, 1, START, d("2026-03-10"), 30.0, "mg", ("08:00",), stop_reason="stopped")]
    assert any(
        "stopped after 2026-03-10" in n for n in response_for(ComparisonSpan(MED, stopped, END), []).notes
    )


def test_medication_started_less_than_14_days_before_the_end_compares_only_days_on_it() -> None:
    steps = [Regimen(1, 1, d("2026-03-10"), None, 30.0, "mg", ("08:00",))]
    ratings = Ratings()
    ratings.fill(d("2026-02-24"), [6] * 14)  # baseline 02-24 .. 03-09
    ratings.fill(d("2026-03-10"), [5] * 6)  # 03-10 .. 03-15
    response = response_for(ComparisonSpan(MED, steps, END), ratings.items)
    assert response.current_start == d("2026-03-10")
    assert (response.baseline_days, response.current_days) == (14, 6)
    assert response.category == "minimal improvement"  # −16.7%


def test_started_after_the_period() -> None:
    steps = [Regimen(1, 1, d("2026-04-01"), None, 30.0, "mg", ("08:00",))]
    response = response_for(ComparisonSpan(MED, steps, END), [])
    assert response.medication_start is None and response.category is None
    assert response.describe() == "Pain: no start date to compare against."


def test_mood_and_sleep_have_no_pain_category_but_the_same_comparison() -> None:
    items = two_windows([6] * 14, [3] * 14, "mood")
    response = response_for(ComparisonSpan(MED, STEPS, END), items, "mood")
    assert response.change_points == -3.0
    assert response.category is None and response.meets_two_points is None
    assert response.describe() == "Mood 6.0 → 3.0 (−50%): higher = better, 14 and 14 rated days"


def test_peg_response_uses_the_mean_of_the_three_answers() -> None:
    results = [
        QuestionnaireResult(1, d("2026-01-25"), "peg", (7, 6, 6), 6.3333),
        QuestionnaireResult(2, d("2026-03-08"), "peg", (4, 5, 4), 4.3333),
        QuestionnaireResult(3, d("2026-03-15"), "peg", (4, 4, 4), 4.0),
        QuestionnaireResult(4, d("2026-03-15"), "phq2", (1, 1), 2.0),
    ]
    response = peg_response_for(ComparisonSpan(MED, STEPS, END), results)
    assert (response.baseline_days, response.current_days) == (1, 2)
    assert response.baseline_mean == pytest.approx(19 / 3)
    assert response.current_mean == pytest.approx((13 / 3 + 4) / 2)
    assert response.exact_change_percent == (Fraction(25, 6) - Fraction(19, 3)) / Fraction(19, 3) * 100
    assert response.category == "meaningful improvement"  # (4.1667 − 6.3333) / 6.3333 = −34.2%


def test_questionnaire_series_for_charts() -> None:
    results = [
        QuestionnaireResult(1, d("2026-03-01"), "peg", (7, 6, 6), 6.3333),
        QuestionnaireResult(2, d("2026-03-08"), "peg", (4, 5, 4), 4.3333),
        QuestionnaireResult(3, d("2026-03-08"), "peg", (4, 4, 4), 4.0),
        QuestionnaireResult(4, d("2026-03-08"), "phq2", (2, 1), 3.0),
    ]
    assert questionnaire_series(results, "peg") == [(d("2026-03-01"), 19 / 3), (d("2026-03-08"), 25 / 6)]
    assert questionnaire_series(results, "phq2") == [(d("2026-03-08"), 3.0)]
