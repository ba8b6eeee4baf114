"""A side effect's course is typed (domain/effects.py ``Course``: a ``Trend`` and the day it stopped); the summary
JSON carries it as ``trend`` and ``stopped`` beside its English ``course`` words, and readers word it from the
typed fields in their own language, never by matching the English words (docs/summary-format.md)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any, cast

import pytest

from medjournal.domain.effects import Course, Trend, course_of, course_words
from medjournal.i18n import use_language
from medjournal.report.pdf import pdf_text
from medjournal.report.summary.summary_types import SideEffectDoc

LAST = date(2026, 3, 20)


@pytest.mark.parametrize(
    ("before", "since", "current", "new", "course"),
    [
        (0, Fraction(3), 0, True, Course(Trend.NEW, LAST)),
        (3, Fraction(19 * 14, 56), 5, False, Course(Trend.MORE_OFTEN, None)),
        (4, Fraction(2), 1, False, Course(Trend.LESS_OFTEN, None)),
        (2, Fraction(2), 1, False, Course(Trend.AS_BEFORE, None)),
        (2, None, 0, False, Course(None, LAST)),  # fewer than 14 days since the start: no trend yet
        (0, None, 1, None, Course(None, None)),  # no start to compare with
    ],
)
def test_the_course_is_typed(
    before: int, since: Fraction | None, current: int, new: bool | None, course: Course
) -> None:
    assert course_of(before, since, current, LAST, new) == course


def test_the_json_words_are_english_whatever_the_language() -> None:
    with use_language("de"):
        assert course_words(Course(Trend.NEW, LAST)) == ("new since start", "stopped (last 2026-03-20)")


def effect(**fields: Any) -> SideEffectDoc:
    base = {"name": "nausea", "label": "Nausea", "last_date": "2026-03-20", "course": ["not read"]}
    return cast(SideEffectDoc, {**base, **fields})


def test_readers_word_the_course_from_its_typed_fields_in_their_language() -> None:
    new_and_stopped = effect(trend="new_since_start", stopped=True)
    with use_language("de"):
        assert pdf_text.course_words(new_and_stopped) == [
            ("neu seit Beginn", True),
            ("abgeklungen (20.03.2026)", False),
        ]
        assert pdf_text.course_words(effect(trend="less_often", stopped=False)) == [
            ("seit Beginn seltener", False)
        ]
    with use_language("en"):
        assert pdf_text.course_words(new_and_stopped) == [
            ("new since start", True),
            ("stopped (last 2026-03-20)", False),
        ]
        assert pdf_text.course_words(effect(trend=None, stopped=False)) == []
