"""One reader of numbers (domain.validation.read_number), worded by each caller: the measures ask for a missing
value ("Give the weight as a number."), the other fields say it must be a number."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from medjournal.domain import measures
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (True, "kind"),
        (None, "kind"),
        ([1], "kind"),
        (10**400, "too_large"),
        ("heavy", "not_number"),
        ("", "not_number"),
        ("nan", "not_finite"),
        ("1e400", "not_finite"),
    ],
)
def test_the_reader_names_what_is_wrong(value: object, problem: str) -> None:
    with pytest.raises(v.NotANumber) as caught:
        v.read_number(value)
    assert caught.value.problem == problem


@pytest.mark.parametrize(("value", "number"), [("7,5", 7.5), (" 7.5 ", 7.5), (3, 3.0), (2.25, 2.25)])
def test_the_reader_reads_a_comma_or_a_point(value: object, number: float) -> None:
    assert v.read_number(value) == number


def _weight(value: object) -> float:
    return measures.check_weight(value)


def _pain(value: object) -> float:
    return v.as_number(value, "pain")


@pytest.mark.parametrize(
    ("reader", "value", "said"),
    [
        (_weight, "", "Give the weight as a number."),
        (_weight, None, "Give the weight as a number."),
        (_weight, "heavy", "The weight 'heavy' is not a number."),
        (_weight, 10**400, "The weight is far too large a number."),
        (_weight, "inf", "The weight must be a finite number."),
        (_pain, "", "The pain '' is not a number."),
        (_pain, True, "The pain must be a number."),
        (_pain, "lots", "The pain 'lots' is not a number."),
        (_pain, 10**400, "The pain is far too large a number."),
        (_pain, "nan", "The pain must be a finite number."),
    ],
)
def test_each_caller_words_the_problem_its_own_way(
    reader: Callable[[object], float], value: object, said: str
) -> None:
    """A measure asks for a missing value; any other field says it must be a number."""
    with pytest.raises(ValidationError) as caught:
        reader(value)
    assert caught.value.message == said
