"""The fast import checks may only accept what the full validators accept unchanged."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain import entries
from medjournal.storage.import_fast import checkin_ok, dose_log_ok

FAR = date(9000, 1, 1)
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


@settings(max_examples=500, deadline=None)
@given(row=changed(VALID_CHECKIN, checkin_values))
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
        assert full_accepts(lambda r: entries.dose_log(r, FAR), row)


def test_a_typical_row_takes_the_fast_path() -> None:
    assert checkin_ok(VALID_CHECKIN)
    assert dose_log_ok(VALID_DOSE)
