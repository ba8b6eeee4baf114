"""A row of a CSV file is read without asking each field whether it was refused unless one was
(domain/csv_mapping.py, ``_add_row``): the entries and refusals are those of the reading that asked each field
in turn, kept here as it was, for random rows under mappings with and without a dose, side effect or severity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain import csv_mapping
from medjournal.domain.csv_mapping import CheckinRow, DoseRow, ParsedFile, SideEffectRow, parse_generic
from medjournal.domain.errors import ValidationError
from medjournal.storage.csv_source import zone_named
from tests.test_csv_columns import MAPPING, as_data, rows, table_of


def field_by_field(result: ParsedFile, line: int, row: Sequence[Any], zone: Any) -> None:
    """``_add_row`` before: each field's value asked in turn (``_good``), the first refusal raised."""
    good = csv_mapping._good
    written, clock, note, pain, mood, sleep, medication, amount, status, symptom, severity = row
    day, moment = csv_mapping._moment(good(written), good(clock), zone)
    note, pain, mood, sleep = good(note), good(pain), good(mood), good(sleep)
    dose = checkin = side_effect = None
    if medication:
        if moment is None:
            raise ValidationError("A dose needs a time of day as well as a date.")
        amount, unit = good(amount)
        status = good(status)
        dose_note = "" if csv_mapping._has_checkin(pain, mood, sleep) else note
        dose = DoseRow(line, good(medication), moment, moment, status, amount, unit, dose_note)
    if pain is not None or mood is not None or sleep is not None:
        checkin = CheckinRow(line, day, moment, pain, mood, sleep, note)
    if symptom:
        symptom = good(symptom)
        side_effect = SideEffectRow(line, day, symptom, good(severity), "")
    if not (dose or checkin or side_effect):  # entries are objects: true
        if not note:
            raise ValidationError("The row has no medication, rating or side effect.")
        checkin = CheckinRow(line, day, moment, None, None, None, note)
    result.doses.extend(filter(None, [dose]))
    result.checkins.extend(filter(None, [checkin]))
    result.side_effects.extend(filter(None, [side_effect]))


MAPPINGS = [
    MAPPING,
    {k: v for k, v in MAPPING.items() if k not in ("side_effect", "severity")},
    {k: v for k, v in MAPPING.items() if k != "severity"},  # a side effect with no severity is refused
    {k: v for k, v in MAPPING.items() if k not in ("medication", "amount", "status")},
]


@settings(max_examples=300, deadline=None)
@given(cells=rows, mapping=st.sampled_from(MAPPINGS))
def test_each_row_gets_the_answer_of_the_field_by_field_reading(
    cells: list[tuple[str, ...]], mapping: dict[str, int]
) -> None:
    zone = zone_named("Europe/Berlin")
    found = as_data(parse_generic(table_of(cells), mapping, "dmy", zone))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_mapping, "_add_row", field_by_field)
        before = as_data(parse_generic(table_of(cells), mapping, "dmy", zone))
    assert found == before
