"""The fast import checks may only accept what the full validators accept unchanged, and a table checked a column
at a time gets, for each record, the answer for that record alone."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain import entries
from medjournal.storage.import_fast import (
    _moment_ok,
    _refused_moments,
    _text_day_ok,
    checkin_ok,
    dose_log_ok,
    refused_checkins,
    refused_days,
    refused_dose_logs,
    refused_positions,
)

FAR = date(9000, 1, 1)
FAR_MOMENT = datetime(9000, 1, 1, tzinfo=UTC)
days = st.sampled_from(["2026-03-15", "2026-02-29", "2024-02-29", "1899-12-31", "2026-3-15", "2026-13-01"])
moments = st.sampled_from(
    [
        "2026-03-15T08:00:00+00:00",
        "2026-03-15T08:00:00+05:30",
        "2026-03-15T25:00:00+00:00",
        "2026-03-15 08:00:00+00:00",
        "2026-03-15T08:00:00",
        "2026-03-15T08:00:00.5+00:00",
        "2026-02-30T08:00:00+00:00",
        "1800-01-01T08:00:00+00:00",
    ]
)
scales = st.none() | st.integers(-2, 12) | st.booleans() | st.floats(-1, 11) | st.text(max_size=2)
notes = (
    st.sampled_from(["", "ok", " padded ", "a\x00b", "esc \x1b[31m", "two\nlines", "x" * 4001])
    | st.integers()
)


def full_accepts(validator: Any, row: dict[str, Any]) -> bool:
    try:
        cleaned = validator(row)
    except Exception:
        return False
    return all(row.get(k) == value for k, value in cleaned.items() if k in row)


VALID_CHECKIN = {
    "day": "2026-03-15",
    "time": "2026-03-15T21:00:00+00:00",
    "pain": 5,
    "mood": None,
    "sleep": 6,
    "sleep_hours": 6.5,
    "locations": '["neck"]',
    "note": "",
    "self_harm_thoughts": None,
}
VALID_DOSE = {
    "taken_at": "2026-03-15T08:05:00+01:00",
    "day": "2026-03-15",
    "slot": "08:00",
    "status": "taken",
    "amount": 30.0,
    "note": "",
}
checkin_values = {
    "day": days,
    "time": moments,
    "pain": scales,
    "mood": scales,
    "sleep": scales,
    "note": notes,
    "sleep_hours": st.none() | st.floats(-1, 30) | st.sampled_from([6.5, 7, 6.123]),
    "locations": st.sampled_from(
        ["[]", '["neck"]', '["neck", "neck"]', '["elbow"]', "neck", '["neck","other"]']
    ),
    "self_harm_thoughts": st.sampled_from([None, 0, 1, 2, True]),
}
dose_values = {
    "taken_at": moments,
    "day": days,
    "slot": st.sampled_from([None, "08:00", "8:00", "24:00", 5]),
    "status": st.sampled_from(["taken", "skipped", "lost"]),
    "amount": st.none() | st.floats(-1, 2e5) | st.integers(0, 5),
    "note": notes,
}


def changed(base: dict[str, Any], values: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid row with one or two fields replaced by random, often invalid, values."""
    one = st.sampled_from(sorted(values)).flatmap(lambda k: values[k].map(lambda v: {k: v}))
    return st.lists(one, min_size=1, max_size=2).map(
        lambda parts: {**base, **{k: v for p in parts for k, v in p.items()}}
    )


# A check-in with nothing but a note: one changed field can leave it saying nothing.
NOTE_ONLY = {**VALID_CHECKIN, "pain": None, "sleep": None, "sleep_hours": None, "note": "flare"}


@settings(max_examples=500, deadline=None)
@given(row=changed(VALID_CHECKIN, checkin_values) | changed(NOTE_ONLY, checkin_values))
def test_fast_check_in_check_implies_full_validation(row: dict[str, Any]) -> None:
    if checkin_ok(row):
        assert full_accepts(
            lambda r: (
                entries.checkin({**r, "locations": json.loads(r["locations"])}, FAR)
                | {"locations": r["locations"]}
            ),
            row,
        )


@settings(max_examples=400, deadline=None)
@given(row=changed(VALID_DOSE, dose_values))
def test_fast_dose_check_implies_full_validation(row: dict[str, Any]) -> None:
    if dose_log_ok(row):
        assert full_accepts(lambda r: entries.dose_log(r, FAR, FAR_MOMENT), row)


def test_a_typical_row_takes_the_fast_path() -> None:
    assert checkin_ok(VALID_CHECKIN)
    assert dose_log_ok(VALID_DOSE)


# -- a table at a time ---------------------------------------------------------------------------------------------
# The import checks a whole table column by column; its answer for each record must be the answer for that record
# alone, whatever the other records hold (tests above hold the answer for one record to the full validators).


def columns_of(rows: list[dict[str, Any]], names: list[str]) -> dict[str, list[Any]]:
    return {name: [row.get(name) for row in rows] for name in names}


CHECKIN_FIELDS = sorted(VALID_CHECKIN)
DOSE_FIELDS = sorted(VALID_DOSE)
checkin_tables = st.lists(
    st.just(VALID_CHECKIN) | changed(VALID_CHECKIN, checkin_values) | changed(NOTE_ONLY, checkin_values),
    min_size=1,
    max_size=12,
)
dose_tables = st.lists(st.just(VALID_DOSE) | changed(VALID_DOSE, dose_values), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows=checkin_tables)
def test_a_table_of_check_ins_is_judged_record_by_record(rows: list[dict[str, Any]]) -> None:
    expected = {i for i, row in enumerate(rows) if not checkin_ok(row)}
    assert refused_checkins(columns_of(rows, CHECKIN_FIELDS)) == expected


@settings(max_examples=300, deadline=None)
@given(rows=dose_tables)
def test_a_table_of_doses_is_judged_record_by_record(rows: list[dict[str, Any]]) -> None:
    expected = {i for i, row in enumerate(rows) if not dose_log_ok(row)}
    assert refused_dose_logs(columns_of(rows, DOSE_FIELDS)) == expected


moment_like = st.tuples(
    st.sampled_from(["2026", "1899", "1900", "9000", "0999", "２０２６"]),
    st.sampled_from(["-03-15", "-02-29", "-13-01", "-3-150", "/03/15"]),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["08:00:00", "23:59:59", "24:00:00", "08:60:00", "08:00:60", "8:00:000"]),
    st.sampled_from(["+00:00", "-00:00", "+05:30", "+24:00", "-23:59", "Z00:00", "+00:60"]),
).map("".join)
oddities = (
    st.none() | st.integers() | st.booleans() | st.text(max_size=30) | st.lists(st.integers(), max_size=2)
)


# Every part of the same length, so that each moment has the length of a real one and goes the quick way.
well_placed = st.tuples(
    st.sampled_from(["2026", "2026", "1900", "1899", "9000", "２０２６"]),
    st.sampled_from(["-03-15", "-03-15", "-02-29", "-13-01", "/03/15"]),
    st.sampled_from(["T", "T", "T", " "]),
    st.sampled_from(["08:00:00", "08:00:00", "23:59:59", "24:00:00", "08:60:00", "8:00:000"]),
    st.sampled_from(["+00:00", "+00:00", "-00:00", "+05:30", "+24:00", "Z00:00", "+00:60"]),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    column=st.lists(moment_like | oddities, min_size=1, max_size=10)
    | st.lists(well_placed, min_size=1, max_size=4)
)
def test_moments_checked_in_two_parts_get_the_answer_of_the_whole(column: list[Any]) -> None:
    assert _refused_moments(column) == {i for i, value in enumerate(column) if not _moment_ok(value)}


@settings(max_examples=300, deadline=None)
@given(
    column=st.lists(
        days
        | st.sampled_from(["9000-01-01", "8999-12-31", "1900-01-01", "2026-W11-1", "20260315"])
        | oddities,
        min_size=1,
        max_size=10,
    )
)
def test_days_checked_together_get_the_answer_of_each(column: list[Any]) -> None:
    assert refused_days(column) == {i for i, value in enumerate(column) if not _text_day_ok(value)}


def test_numbers_equal_across_types_are_judged_apart() -> None:
    # 1 == 1.0 == True: a check asked once per distinct value must still tell them apart.
    assert refused_positions([1, True, 1.0, 1], lambda x: type(x) is int) == {1, 2}
    assert refused_positions([True, 1], lambda x: type(x) is int) == {0}
    assert refused_positions([[1], 1, {"a": 1}], lambda x: x == 1) == {0, 2}
