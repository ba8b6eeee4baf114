"""Frozen records compared, hashed and shown by domain/value.py, as a dataclass's generated methods would."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, asdict, dataclass, replace
from datetime import date

import pytest

from medjournal.domain.records import DaySlot, DoseLog, Medication, ScheduledSlot
from medjournal.domain.value import Value
from medjournal.domain.warning_record import JournalWarning


def test_equal_records_are_equal_and_hash_alike() -> None:
    first = Medication(id=1, name="Duloxetine", unit="mg")
    second = Medication(id=1, name="Duloxetine", unit="mg")
    assert first == second and hash(first) == hash(second)
    assert len({first, second}) == 1
    assert first != replace(first, unit="ml")
    assert first != replace(
        first, recorded_at="2026-03-15T09:30:00+01:00"
    )  # every field counts, this one too


def test_records_of_another_class_are_never_equal() -> None:
    slot = ScheduledSlot(1, "Duloxetine", date(2026, 3, 15), "08:00", 30.0, "mg")
    day_slot = DaySlot(1, "Duloxetine", date(2026, 3, 15), "08:00", 30.0, "mg", status="due")
    assert slot != day_slot and day_slot != slot
    assert slot.__eq__(object()) is NotImplemented


def test_a_record_shows_its_fields_as_a_dataclass_does() -> None:
    log = DoseLog(7, date(2026, 3, 14), 1, "08:00", "2026-03-15T08:10:00+01:00", "taken")
    assert repr(log) == (
        "DoseLog(id=7, recorded_at='', day=datetime.date(2026, 3, 14), medication_id=1, slot='08:00', "
        "taken_at='2026-03-15T08:10:00+01:00', status='taken', amount=None, note='', source='')"
    )

    @dataclass(frozen=True)
    class Generated:
        day: date
        note: str = ""

    @dataclass(frozen=True, eq=False, repr=False)
    class Cheap(Value):
        day: date
        note: str = ""

    assert repr(Cheap(date(2026, 3, 15), "x")).replace("Cheap", "Generated") == repr(
        Generated(date(2026, 3, 15), "x")
    )


def test_records_stay_frozen_dataclasses() -> None:
    warning = JournalWarning(key="k", kind="stock", day=date(2026, 3, 15), title="t", message="m")
    with pytest.raises(FrozenInstanceError):
        warning.title = "other"  # type: ignore[misc]
    assert asdict(warning)["title"] == "t"
    assert hash(warning) == hash(replace(warning))
