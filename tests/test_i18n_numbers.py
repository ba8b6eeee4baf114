"""Numbers in sentences: any number a person can type is formatted, however large."""

from __future__ import annotations

import pytest

from medjournal.domain import validation
from medjournal.domain.errors import ValidationError
from medjournal.i18n import format_decimal, use_language


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
