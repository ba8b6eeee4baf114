"""Numbers in sentences: any number a person can type is formatted, however large."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain import validation
from medjournal.domain.errors import ValidationError
from medjournal.i18n import PLAIN_ENGLISH, format_decimal, formatting_locale, use_language


def test_a_number_too_long_to_round_is_written_short() -> None:
    with use_language("en"):
        assert format_decimal(1e22, 6) == "1e+22"
        assert format_decimal(1234.5, 1) == "1,234.5"
    with use_language("de"):
        assert format_decimal(1.5e22, 6) == "1,5e+22"
        assert format_decimal(7.5) == "7,5"


def test_an_absurd_refill_is_refused_with_a_sentence_in_german() -> None:
    with use_language("de"), pytest.raises(ValidationError) as refused:
        validation.check_units(1e22, "refill units")
    assert refused.value.message == "„nachgefüllte Einheiten“ 1e+22 ist unplausibel groß."


# English numbers are written without Babel (a window started in English then loads none of its locale data);
# they must be exactly what Babel writes.
HALVES = [0.5, 1.5, 2.5, 2.675, 0.125, 999.9995, 999.9994, 1000.5, 0.1 + 0.2]
HALVES_AND_EDGES = [*HALVES, 0.0, -0.0, -0.0004, 1e15, 1e-7, -1234567.25]


def _babel(value: float, digits: int, locale: str = "en", fixed: bool = False) -> str:
    from decimal import InvalidOperation

    from babel.numbers import format_decimal as babel_format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")
    try:
        return babel_format_decimal(value, format=pattern, locale=locale)
    except InvalidOperation:
        return f"{value:g}"


@pytest.mark.parametrize("locale", sorted(PLAIN_ENGLISH))
@pytest.mark.parametrize("digits", [0, 1, 2, 3, 6])
@pytest.mark.parametrize("fixed", [False, True])  # exactly ``digits`` decimals: a mean "6.0"
def test_english_numbers_are_babels_own_at_the_edges(locale: str, digits: int, fixed: bool) -> None:
    with use_language(locale):
        assert formatting_locale() == locale
        for value in HALVES_AND_EDGES:
            assert format_decimal(value, digits, fixed) == _babel(value, digits, locale, fixed), value


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.floats(-1e9, 1e9),
        st.decimals(-(10**7), 10**7, places=4).map(float),
    ),
    st.integers(0, 6),
    st.booleans(),
)
def test_english_numbers_are_babels_own(value: float, digits: int, fixed: bool) -> None:
    with use_language("en"):
        assert format_decimal(value, digits, fixed) == _babel(value, digits, fixed=fixed)


def test_english_infinity_and_german_still_go_through_babel() -> None:
    with use_language("en"):
        assert format_decimal(float("inf")) == _babel(float("inf"), 1)
        assert format_decimal(-1234567.25, 1) == "-1,234,567.2"
    with use_language("de"):
        assert format_decimal(-1234567.25, 1) == "-1.234.567,2"
    with use_language("en_ZA"):  # English words, South African numbers
        assert format_decimal(-1234567.25, 1) == _babel(-1234567.25, 1, "en_ZA") == "-1\xa0234\xa0567,2"
