"""Validation gives one clear sentence per problem; random input never raises anything else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medjournal.domain import entries, instruments
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError

TODAY = date(2026, 3, 15)
NOW = datetime(2026, 3, 15, 9, 30).astimezone()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: v.check_scale(11, "pain"), "The pain must be from 0 to 10; 11 is outside."),
        (lambda: v.check_scale(2.5, "pain"), "The pain must be a whole number from 0 to 10."),
        (lambda: v.check_scale(4, "severity", 0, 3), "The severity must be from 0 to 3; 4 is outside."),
        (lambda: v.check_dose(0), "The dose must be more than 0."),
        (lambda: v.check_name("   "), "The name is empty."),
        (lambda: v.check_name("a" * 81), "The name is longer than 80 characters."),
        (lambda: v.parse_day("2025-02-29"), "The date 2025-02-29 does not exist in the calendar."),
        (lambda: v.parse_day("yesterday"), "The date 'yesterday' is not a date; write it as YYYY-MM-DD."),
        (
            lambda: v.parse_clock_time("24:00"),
            "The time 24:00 does not exist; hours go 00–23 and minutes 00–59.",
        ),
        (lambda: v.parse_times("08:00,08:00"), "The same time of day is listed twice."),
        (
            lambda: entries.checkin({"day": "2026-03-17", "pain": 3}, TODAY),
            "The date 2026-03-17 is in the future (latest allowed: 2026-03-16).",
        ),
        (
            lambda: instruments.check_answers(instruments.instrument("gad2"), [1]),
            "GAD-2 needs 2 answers; got 1.",
        ),
    ],
)
def test_each_problem_has_its_sentence(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert str(caught.value) == message


def test_a_check_in_for_tomorrow_is_allowed_but_not_the_day_after() -> None:
    assert entries.checkin({"day": "2026-03-16", "pain": 3}, TODAY)["day"] == "2026-03-16"


def test_scores() -> None:
    assert instruments.instrument("peg").score([6, 5, 7]) == 6.0
    assert instruments.instrument("phq9").score([1] * 9) == 9.0
    assert instruments.instrument("pgic").score([2]) == 2.0
    assert instruments.is_positive_screen("phq2", 3) and not instruments.is_positive_screen("phq2", 2)
    assert instruments.self_harm_answer("phq9", [0] * 8 + [2]) == 2


anything = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.lists(st.integers(), max_size=4)
)


@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            "day": anything,
            "time": anything,
            "pain": anything,
            "mood": anything,
            "sleep": anything,
            "sleep_hours": anything,
            "locations": anything,
            "note": anything,
            "self_harm_thoughts": anything,
        },
    )
)
def test_random_check_ins_are_accepted_or_refused_with_a_sentence(values: dict[str, object]) -> None:
    try:
        cleaned = entries.checkin(values, TODAY)
    except ValidationError as exc:
        assert exc.message.endswith(".") and "\n" not in exc.message
    else:
        assert cleaned["pain"] is None or 0 <= cleaned["pain"] <= 10


@given(
    kind=st.sampled_from(["side_effect", "treatment", "questionnaire", "dose_log", "regimen", "medication"]),
    values=st.dictionaries(
        st.sampled_from(
            [
                "symptom",
                "severity",
                "day",
                "kind",
                "minutes",
                "instrument",
                "answers",
                "taken_at",
                "status",
                "amount",
                "slot",
                "start_date",
                "end_date",
                "dose",
                "times",
                "as_needed",
                "name",
                "unit",
                "stock_units",
                "unit_size",
                "max_daily",
            ]
        ),
        anything,
    ),
)
def test_random_entries_never_raise_anything_but_validation_errors(
    kind: str, values: dict[str, object]
) -> None:
    validator = getattr(entries, kind)
    try:
        if kind in ("regimen", "medication"):
            validator(values)
        elif kind == "dose_log":
            validator(values, TODAY, NOW)
        else:
            validator(values, TODAY)
    except ValidationError as exc:
        assert exc.message


@pytest.mark.parametrize("answer", ["nan", "NAN", "inf", "-inf", "1e400"])
def test_questionnaire_answers_that_are_not_finite_are_refused(answer: str) -> None:
    with pytest.raises(ValidationError, match="answer 1 must be a whole number"):
        instruments.check_answers(instruments.instrument("pgic"), [answer])


def test_notes_keep_new_lines_but_not_terminal_escapes() -> None:
    assert v.check_note("first line\nsecond\tline") == "first line\nsecond\tline"
    with pytest.raises(ValidationError, match="control characters"):
        v.check_note("red \x1b[31m text")
