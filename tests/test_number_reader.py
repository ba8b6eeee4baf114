"""One reader of numbers (domain.validation.read_number), worded by each caller: the measures ask for a missing
value ("Give the weight as a number."), the other fields say it must be a number."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("", "Give the weight as a number."),
        (None, "Give the weight as a number."),
        (True, "Give the weight as a number."),
        ("heavy", "The weight 'heavy' is not a number."),
        (10**400, "The weight is far too large a number."),
        ("inf", "The weight must be a finite number."),
    ],
)
def test_a_measure_words_its_own_sentences(value: object, said: str) -> None:
    with pytest.raises(ValidationError) as caught:
        measures.check_weight(value)
    assert caught.value.message == said


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("", "The pain '' is not a number."),
        (None, "The pain must be a number."),
        (True, "The pain must be a number."),
        ("lots", "The pain 'lots' is not a number."),
        (10**400, "The pain is far too large a number."),
        ("nan", "The pain must be a finite number."),
    ],
)
def test_other_fields_keep_theirs(value: object, said: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.as_number(value, "pain")
    assert caught.value.message == said
