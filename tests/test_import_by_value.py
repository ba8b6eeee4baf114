"""The fast check of side effects, questionnaires and treatments (storage/import_by_value.py, through
storage/import_table.py) may vouch only for a record the import's full check accepts, and a table checked a
column at a time gets, for each record, the answer for that record alone; an export holding a bad one among
thousands is refused naming it, with nothing written."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError
from medjournal.storage import import_check
from medjournal.storage.exchange import import_json
from medjournal.storage.import_table import check_table
from medjournal.storage.journal import open_journal
from tests.conftest import NOW
from tests.test_import_fast import days, notes

STAMP = "2026-03-01T08:00:00+00:00"
MEDICATION = 1
VALID = {
    "side_effects": {"day": "2026-03-15", "symptom": "nausea", "severity": 2, "note": "", "source": ""},
    "treatments": {"day": "2026-03-15", "kind": "physical_therapy", "minutes": 45, "note": "knee"},
    "questionnaires": {
        "day": "2026-03-15",
        "instrument": "peg",
        "answers": "[7, 7, 6]",
        "score": 6.6667,
        "medication_id": None,
    },
}
oddities = (
    st.none() | st.integers(-3, 3) | st.booleans() | st.just(2**70) | st.lists(st.integers(), max_size=1)
)
VALUES: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "side_effects": {
        "day": days,
        "note": notes,
        "symptom": st.sampled_from(
            [
                *(
                    "nausea",
                    "Nausea",
                    " nausea",
                    "dizziness",
                    "made-up ache",
                    "",
                    "suicidal thoughts",
                    "x" * 201,
                ),
                *("nau\u200bsea", "ｎａｕｓｅａ", "a\x00b", "\ud800"),
            ]
        )
        | oddities,
        "severity": st.integers(-1, 4) | st.floats(-1, 4) | st.sampled_from(["2", 2.5, True]) | oddities,
        "source": st.sampled_from(["", "csv", None, True, 1.5, float("inf")]) | oddities,
    },
    "treatments": {
        "day": days,
        "note": notes,
        "kind": st.sampled_from(["exercise", "Exercise", "physio", "physical therapy", "massage", "", " pt"])
        | oddities,
        "minutes": st.integers(-1, 100_000)
        | st.floats(-1, 1e6)
        | st.sampled_from(["30", 30.0, True])
        | oddities,
    },
    "questionnaires": {
        "day": days,
        "instrument": st.sampled_from(["phq2", "gad2", "peg", "PHQ2", "phq9", ""]) | oddities,
        "answers": st.sampled_from(
            [
                *(
                    "[0, 0]",
                    "[1, 1]",
                    "[7, 7, 6]",
                    "[0,0]",
                    "0, 0",
                    "[3, 3]",
                    "[4, 0]",
                    "[]",
                    "[",
                    "[true, 0]",
                ),
                *("[0.0, 0]", "[7, 7, 6] ", '["1", 1]'),
            ]
        )
        | oddities,
        "score": st.sampled_from([0.0, 0, 2.0, 2, 6.6667, 6.666666, "0", float("nan"), True, -0.0])
        | oddities,
        "medication_id": st.sampled_from([None, MEDICATION, 2, True, 1.0, "1"]),
    },
}


@cache
def shapes() -> dict[str, tuple[list[str], dict[str, Any], list[str]]]:
    """Each table's columns, defaults and required columns, read from a new journal of this schema."""
    folder = Path(tempfile.mkdtemp(prefix="by-value-"))
    journal = open_journal(folder / "j.db", FixedClock(NOW))
    try:
        return {
            table: (
                import_check.table_columns(journal, table),
                import_check.column_defaults(journal, table),
                import_check.required_columns(journal, table),
            )
            for table in VALID
        }
    finally:
        journal.close()


def record(table: str, values: dict[str, Any], number: int = 1) -> dict[str, Any]:
    return {"id": number, **values, "recorded_at": STAMP}


def fast_refused(table: str, rows: list[dict[str, Any]]) -> set[int] | None:
    columns, defaults, _ = shapes()[table]
    reference = import_check._REFERENCES.get(table)
    validate = import_check._VALIDATORS[table]
    fast = check_table(table, rows, columns, defaults, reference, {MEDICATION}, validate)
    return None if fast is None else fast.refused


def vouched_alone(table: str, row: dict[str, Any]) -> bool:
    return fast_refused(table, [row]) == set()


def full_check_accepts(table: str, row: dict[str, Any]) -> bool:
    """The import's own check of one record (storage/import_check.py), the one that names a refused record."""
    columns, _, required = shapes()[table]
    shape = import_check._Shape(table, columns, required, "id", import_check._REFERENCES.get(table))
    try:
        import_check._check_record(1, row, shape, set(), {"medications": {MEDICATION}})
    except MedjournalError:
        return False
    return True


def changed(table: str) -> st.SearchStrategy[dict[str, Any]]:
    """A valid record of ``table`` with one or two fields replaced by random, often invalid, values."""
    values = VALUES[table]
    one = st.sampled_from(sorted(values)).flatmap(lambda k: values[k].map(lambda v: {k: v}))
    return st.lists(one, min_size=1, max_size=2).map(
        lambda parts: record(table, {**VALID[table], **{k: v for p in parts for k, v in p.items()}})
    )


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_typical_record_takes_the_fast_path(table: str) -> None:
    assert vouched_alone(table, record(table, VALID[table]))
    assert full_check_accepts(table, record(table, VALID[table]))


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_record_the_fast_check_vouches_for_passes_the_full_check(table: str) -> None:
    @settings(max_examples=400, deadline=None)
    @given(row=changed(table))
    def check(row: dict[str, Any]) -> None:
        if vouched_alone(table, row):
            assert full_check_accepts(table, row), row

    check()


@pytest.mark.parametrize("table", sorted(VALID))
def test_a_table_is_judged_record_by_record(table: str) -> None:
    @settings(max_examples=250, deadline=None)
    @given(rows=st.lists(st.just(record(table, VALID[table])) | changed(table), min_size=1, max_size=12))
    def check(rows: list[dict[str, Any]]) -> None:
        numbered = [{**row, "id": i + 1} for i, row in enumerate(rows)]
        expected = {i for i, row in enumerate(numbered) if not vouched_alone(table, row)}
        assert fast_refused(table, numbered) == expected

    check()


def test_the_fast_check_refuses_what_the_full_check_refuses() -> None:
    # Not a check that vouches for nothing or for everything: each of these is the full check's to refuse.
    for table, field, value in [
        ("side_effects", "severity", 4),
        ("side_effects", "symptom", "suicidal thoughts"),
        ("side_effects", "source", [1]),
        ("treatments", "minutes", 0),
        ("questionnaires", "score", 6.0),
        ("questionnaires", "answers", "[7, 7, 11]"),
        ("questionnaires", "medication_id", 2),
    ]:
        row = record(table, {**VALID[table], field: value})
        assert not full_check_accepts(table, row)
        assert not vouched_alone(table, row)


def _export(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "format": "medjournal-export/1",
        "schema_version": 3,
        "app_version": "0.1",
        "exported_at": STAMP,
        "tables": tables,
    }


def _many(table: str, count: int) -> list[dict[str, Any]]:
    return [
        record(table, {**VALID[table], "day": f"20{10 + i // 365:02d}-01-01"}, i + 1) for i in range(count)
    ]


@pytest.mark.parametrize(
    ("table", "field", "value", "reason"),
    [
        ("side_effects", "severity", 4, "The severity must be from 0 to 3; 4 is outside."),
        ("treatments", "minutes", 0, "The minutes must be a whole number from 1 to"),
        ("questionnaires", "score", 6.0, "the field 'score' holds 6.0"),
        ("side_effects", "note", "\ud800", "holds bytes that are not valid text"),
    ],
)
def test_one_bad_record_among_thousands_is_named_and_nothing_is_written(
    tmp_path: Path, table: str, field: str, value: Any, reason: str
) -> None:
    rows = _many(table, 3000)
    rows[2716][field] = value
    medication = {"id": MEDICATION, "name": "Duloxetine", "unit": "mg", "recorded_at": STAMP}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_export({"medications": [medication], table: rows})), encoding="utf-8")
    journal = open_journal(tmp_path / "j.db", FixedClock(NOW))
    try:
        with pytest.raises(MedjournalError) as refused:
            import_json(journal, path)
    finally:
        journal.close()
    assert str(refused.value).startswith(f"Record 2717 of {table}")
    assert reason in str(refused.value)
    conn = sqlite3.connect(tmp_path / "j.db")
    assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM medications").fetchone() == (0,)
    conn.close()


def test_thousands_of_good_records_land_as_given(tmp_path: Path) -> None:
    tables = {table: _many(table, 2000) for table in VALID}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_export(tables)), encoding="utf-8")
    journal = open_journal(tmp_path / "j.db", FixedClock(NOW))
    try:
        counts = import_json(journal, path)
    finally:
        journal.close()
    assert {table: counts[table] for table in VALID} == {table: 2000 for table in VALID}
    conn = sqlite3.connect(tmp_path / "j.db")
    assert conn.execute("SELECT symptom, severity FROM side_effects WHERE id = 1999").fetchone() == (
        "nausea",
        2,
    )
    assert conn.execute("SELECT answers, score FROM questionnaires WHERE id = 7").fetchone() == (
        "[7, 7, 6]",
        6.6667,
    )
    conn.close()
