"""Export and import: exact round trips, CSV that spreadsheets open, all-or-nothing imports."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.storage.exchange import export_csv, export_data, export_json, import_json
from medjournal.storage.journal import Journal, open_journal
from tests.conftest import NOW


def fill(journal: Journal) -> None:
    journal.add_medication(
        "Duloxétine 顆粒",
        30,
        "mg",
        times="08:00,20:00",
        start="2026-03-01",
        purpose="dos — lumbago",
        stock_units=10,
        unit_size=30,
    )
    journal.change_dose("Duloxétine 顆粒", 60, "2026-03-08", reason="step ✓")
    journal.record_dose("Duloxétine 顆粒", at="2026-03-14 08:05")
    journal.record_dose("Duloxétine 顆粒", "skipped", at="2026-03-14 20:00", note="oublié")
    journal.add_checkin(
        pain=6, mood=4, sleep=5, sleep_hours=6.5, locations=["neck"], note="“quoted”, comma\nline"
    )
    journal.add_side_effect("Übelkeit", 2, note="after breakfast")
    journal.add_questionnaire("phq9", [0, 1, 0, 0, 0, 0, 0, 0, 1])
    journal.add_treatment("physical_therapy", minutes=45)
    journal.add_visit("2026-03-01", "first")
    journal.add_question("Can I take it at night?")
    journal.add_refill("Duloxétine 顆粒", 28)
    journal.acknowledge_warning("gap:1:2026-03-10")
    journal.set_setting("country", "GB")


def comparable(journal: Journal) -> dict[str, object]:
    data = export_data(journal)
    data.pop("exported_at")
    return data


def test_the_export_file_holds_each_record_on_a_line_of_its_own(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "export.json"
    export_json(journal, path)
    text = path.read_text(encoding="utf-8")
    written = json.loads(text)
    expected = export_data(journal)
    expected["exported_at"] = written["exported_at"]
    assert written == expected  # the same document an indented dump gives
    lines = text.splitlines()
    records = [line.removesuffix(",") for line in lines]
    for table, rows in expected["tables"].items():
        for row in rows:  # one line each, indented under its table
            assert "   " + json.dumps(row, ensure_ascii=False) in records, table
        if not rows:
            assert any(line.strip().startswith(f'"{table}": []') for line in lines)
    assert any("Duloxétine 顆粒" in line and '"name"' in line for line in lines)  # not escaped
    assert lines[0] == "{" and lines[-1] == "}"


def test_export_import_export_is_identical(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    first = tmp_path / "first.json"
    export_json(journal, first)
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    counts = import_json(copy, first)
    assert counts["dose_logs"] == 2 and counts["safety_events"] == 1
    assert comparable(copy) == comparable(journal)
    second = tmp_path / "second.json"
    export_json(copy, second)
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert "Duloxétine 顆粒" in first.read_text("utf-8")  # readable, not escaped
    copy.close()


def test_csv_files_open_with_the_csv_module(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    counts = export_csv(journal, tmp_path / "csv")
    with (tmp_path / "csv" / "checkins.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == counts["checkins"] == 1
    assert rows[0]["pain"] == "6" and rows[0]["note"] == "“quoted”, comma\nline"
    with (tmp_path / "csv" / "medications.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.DictReader(handle))["name"] == "Duloxétine 顆粒"
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{t}.csv" for t in counts)


def _export_with(journal: Journal, tmp_path: Path, mutate: Callable[[dict[str, Any]], object]) -> Path:
    fill(journal)
    data = export_data(journal)
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["tables"]["checkins"][0].update(pain=11),
            "Record 1 of checkins: The pain must be from 0 to 10",
        ),
        (
            lambda d: d["tables"]["dose_logs"][1].update(medication_id=99),
            "Record 2 of dose_logs refers to medication",
        ),
        (lambda d: d["tables"]["side_effects"][0].update(day="2026-02-31"), "Record 1 of side_effects"),
        (lambda d: d["tables"]["questionnaires"][0].update(answers="[1, 2]"), "needs 9 answers"),
        (
            lambda d: d["tables"]["regimens"].append(dict(d["tables"]["regimens"][0])),
            "Record 3 of regimens repeats",
        ),
        (lambda d: d["tables"]["visits"][0].update(colour="red"), "unknown field 'colour'"),
        (lambda d: d["tables"].update(pets=[]), "unknown table 'pets'"),
        (lambda d: d.update(schema_version=999), "newer version"),
        (
            lambda d: d["tables"]["checkins"][0].update(pain="6"),
            "the field 'pain' must be a number, not text",
        ),
        (lambda d: d["tables"]["side_effects"][0].pop("day"), "Record 1 of side_effects has no 'day' field"),
    ],
)
def test_a_bad_record_is_named_and_nothing_is_written(
    journal: Journal, tmp_path: Path, mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    path = _export_with(journal, tmp_path, mutate)
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    with pytest.raises(MedjournalError) as caught:
        import_json(target, path)
    assert message in str(caught.value)
    assert target.is_empty()
    target.close()


def test_dry_run_checks_without_writing(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "e.json"
    export_json(journal, path)
    target = open_journal(tmp_path / "t.db", FixedClock(NOW))
    counts = import_json(target, path, dry_run=True)
    assert counts["checkins"] == 1
    assert target.is_empty()


def test_import_refuses_a_journal_with_entries(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "e.json"
    export_json(journal, path)
    with pytest.raises(MedjournalError, match="already has entries"):
        import_json(journal, path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 20) | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(
        [
            "checkins",
            "dose_logs",
            "side_effects",
            "questionnaires",
            "regimens",
            "medications",
            "treatments",
            "settings",
        ]
    ),
    field=st.text(min_size=1, max_size=12)
    | st.sampled_from(
        ["pain", "day", "medication_id", "answers", "id", "times", "dose", "severity", "value", "key"]
    ),
    value=json_values,
)
def test_random_damage_to_an_export_is_refused_or_imported_whole(
    tmp_path_factory: pytest.TempPathFactory, table: str, field: str, value: object
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    source = open_journal(folder / "source.db", FixedClock(NOW))
    fill(source)
    data = export_data(source)
    source.close()
    rows = data["tables"][table]
    if rows:
        rows[0][field] = value
    path = folder / "fuzz.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = open_journal(folder / "target.db", FixedClock(NOW))
    try:
        import_json(target, path)
    except MedjournalError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        assert target.is_empty()
    else:
        counts = target.counts()
        assert counts["checkins"] == 1 and counts["dose_logs"] == 2
    finally:
        target.close()


def test_export_never_writes_over_a_file_or_the_journal(
    journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    fill(journal)
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    for target, message in (
        (journal_path, "is the journal itself"),
        (existing, "already exists"),
        (tmp_path / "missing" / "e.json", "does not exist"),
    ):
        with pytest.raises(MedjournalError, match=message):
            export_json(journal, target)
    assert existing.read_text() == "mine"
    assert journal.counts()["checkins"] == 1


def test_exports_are_readable_by_the_owner_only(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    export_json(journal, tmp_path / "e.json")
    export_csv(journal, tmp_path / "csv")
    assert (tmp_path / "e.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "csv").stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "csv").iterdir()} == {0o600}
    with pytest.raises(MedjournalError, match="not an empty folder"):
        export_csv(journal, tmp_path / "csv")


def test_overlapping_dose_steps_and_repeated_names_are_refused(journal: Journal, tmp_path: Path) -> None:
    def overlap(data: dict[str, Any]) -> None:
        data["tables"]["regimens"][1]["start_date"] = "2026-03-05"  # the first step runs to 2026-03-07

    def repeated(data: dict[str, Any]) -> None:
        twin = dict(data["tables"]["medications"][0], id=99, name="duloxétine 顆粒")
        data["tables"]["medications"].append(twin)

    cases = (
        (overlap, "Record 2 of regimens overlaps record 1"),
        (repeated, "Record 2 of medications repeats"),
    )
    for number, (mutate, message) in enumerate(cases):
        source = open_journal(tmp_path / f"{number}-src.db", FixedClock(NOW))
        path = _export_with(source, tmp_path, mutate)
        target = open_journal(tmp_path / f"{number}-target.db", FixedClock(NOW))
        with pytest.raises(MedjournalError, match=message):
            import_json(target, path)
        assert target.is_empty()
        source.close()
        target.close()


def test_names_have_one_spelling(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    for twin in ("Dulo\u200bxetine", "ＤＵＬＯＸＥＴＩＮＥ", " duloxetine "):
        with pytest.raises(ValidationError, match="already in the journal"):
            journal.add_medication(twin, 30, "mg", times="08:00", start="2026-03-01")
        assert journal.medication(twin).name == "Duloxetine"
