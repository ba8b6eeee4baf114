"""The Journal API's parameters say what they take (docs/contributing.md §4: type hints everywhere).

A raw field is typed with an alias of ``domain.raw_input`` (text as typed, or the value itself), never ``object``
or ``Any``: mypy then catches a caller that passes a list where a dose belongs, and the validators still answer a
bad value with one sentence at run time.
"""

from __future__ import annotations

import inspect

import pytest

from medjournal.domain.errors import ValidationError
from medjournal.storage.journal import Journal


def _public_parameters() -> list[tuple[str, str, str]]:
    found = []
    for name, member in inspect.getmembers(Journal, inspect.isfunction):
        if name.startswith("_"):
            continue
        for parameter in inspect.signature(member).parameters.values():
            if parameter.kind is inspect.Parameter.VAR_KEYWORD:
                continue  # update_medication(**changes) and the like pass fields on by name
            found.append((name, parameter.name, str(parameter.annotation)))
    return found


def test_the_journal_api_has_many_typed_parameters() -> None:
    parameters = _public_parameters()
    assert len(parameters) > 100
    assert ("add_checkin", "pain", "RawNumber | None") in parameters
    assert ("change_dose", "from_date", "RawDay | None") in parameters


def test_no_journal_parameter_is_typed_object_or_any() -> None:
    untyped = [
        f"{method}({parameter}: {annotation})"
        for method, parameter, annotation in _public_parameters()
        if parameter != "self"
        and (
            annotation in ("object", "Any", str(inspect.Parameter.empty)) or "Sequence[object]" in annotation
        )
    ]
    assert untyped == []


@pytest.mark.parametrize(
    ("call", "sentence"),
    [
        (lambda j: j.add_checkin(pain="lots"), "The pain 'lots' is not a number."),
        (
            lambda j: j.add_checkin(pain=3, day="2026-02-30"),
            "The date 2026-02-30 does not exist in the calendar.",
        ),
        (
            lambda j: j.change_dose("Duloxetine", "60", None),
            "The date of the change must be written as YYYY-MM-DD.",
        ),
    ],
)
def test_raw_values_still_get_one_sentence(journal: Journal, call, sentence: str) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-01-01")
    before = (journal.checkins(), journal.regimens())
    with pytest.raises(ValidationError) as raised:
        call(journal)
    assert raised.value.message == sentence
    assert (journal.checkins(), journal.regimens()) == before
