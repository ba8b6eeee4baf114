"""``Record.from_row`` builds the same record as the dataclass's own ``__init__`` (domain/records.py).

A full row is stored without calling ``__init__`` (the command line's reads build a thousand records per call);
a row missing a column still goes through ``__init__``, which gives that field its default.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain import records, records_more, value
from medjournal.domain.activities import Activity, ActivityRating
from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal

RECORD_CLASSES = [
    cls
    for module in (records, records_more)
    for cls in vars(module).values()
    if isinstance(cls, type)
    and issubclass(cls, records.Record)
    and cls not in (records.Record, records.DayRecord)
    and cls.__module__ == module.__name__
] + [Activity, ActivityRating]


def test_records_names_the_records_it_loads_later() -> None:
    """``records_more`` loads at the first use of one of its records; ``records`` names each of them."""
    for name in records.LATER:
        assert getattr(records, name) is getattr(records_more, name)
    later = {
        c.__name__
        for c in vars(records_more).values()
        if isinstance(c, type) and c.__module__ == records_more.__name__
    }
    assert later == set(records.LATER)
    with pytest.raises(AttributeError):
        getattr(records, "NoSuchRecord")  # noqa: B009


def _sample_row(cls: type[records.Record]) -> dict[str, object]:
    row: dict[str, object] = {}
    for number, field in enumerate(dataclasses.fields(cls)):
        if field.name in cls.json_fields:
            row[field.name] = '["lower_back_centre", "neck"]'
        elif field.name in cls.date_fields:
            row[field.name] = "2026-03-1" + str(number % 10)
        else:
            row[field.name] = f"value {number}"
    row["a column this version does not know"] = 1
    return row


def _through_init(cls: type[records.Record], row: dict[str, object]) -> records.Record:
    values: dict[str, Any] = {f.name: row[f.name] for f in dataclasses.fields(cls) if f.name in row}
    for name in cls.json_fields:
        if isinstance(values.get(name), str):
            values[name] = ("lower_back_centre", "neck")
    for name in cls.date_fields:
        if isinstance(values.get(name), str):
            values[name] = date.fromisoformat(str(values[name]))
    return cls(**values)


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_a_full_row_makes_the_record_init_makes(cls: type[records.Record]) -> None:
    row = _sample_row(cls)
    made = cls.from_row(row)
    expected = _through_init(cls, row)
    assert type(made) is cls
    assert made == expected
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert vars(made) == vars(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, "id", 5)  # noqa: B010 (a frozen record refuses it)


def test_a_missing_column_takes_the_fields_default() -> None:
    row = _sample_row(records.CheckIn)
    del row["source"]  # a column added by a later migration
    made = records.CheckIn.from_row(row)
    assert made.source == records.CheckIn.__dataclass_fields__["source"].default
    assert made == _through_init(records.CheckIn, row)


def test_a_record_with_post_init_still_runs_it() -> None:
    checked: list[int] = []

    @value.record  # a class extending a record is a record (domain/value.py)
    class Checked(records.Record):
        id: int

        def __post_init__(self) -> None:
            checked.append(self.id)

    assert Checked.from_row({"id": 7}) == Checked(7)
    assert checked == [7, 7]


def test_records_read_from_a_journal_equal_those_built_by_init(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 15, 21, 0).astimezone())
    journal = open_journal(tmp_path / "journal.db", clock)
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    journal.add_checkin(
        pain=4, mood=6, sleep=5, locations=["lower_back_centre"], note="late entry", day="2026-03-12"
    )
    journal.record_dose("Duloxetine", "taken")
    for record in [*journal.checkins(), *journal.dose_logs(), *journal.medications(), *journal.regimens()]:
        again = type(record)(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
        assert record == again
        assert vars(record) == vars(again)
    assert journal.checkins()[0].day == date(2026, 3, 12)
    journal.close()


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_rows_read_by_position_make_the_records_from_row_makes(cls: type[records.Record]) -> None:
    """``from_rows`` (what the journal's reads use) takes the fields by position, in any column order, with a
    column it does not know, and parses a day written the same way in two rows once: the same records."""
    row = _sample_row(cls)
    columns = list(reversed(row))
    second = dict(row, id=99)
    made = cls.from_rows(columns, [tuple(r[c] for c in columns) for r in (row, second)])
    expected = [cls.from_row(row), cls.from_row(second)]
    assert [type(m) for m in made] == [cls, cls]
    assert made == expected
    assert [vars(m) for m in made] == [vars(e) for e in expected]
    assert [repr(m) for m in made] == [repr(e) for e in expected]


def test_rows_missing_a_column_go_through_init() -> None:
    row = _sample_row(records.CheckIn)
    del row["source"]
    made = records.CheckIn.from_rows(list(row), [tuple(row.values())])
    assert made == [_through_init(records.CheckIn, row)]
    assert made[0].source == records.CheckIn.__dataclass_fields__["source"].default
