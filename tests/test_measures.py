"""Optional measures (weight, blood pressure with pulse, drinks per week): the command, the journal, History
editing, export and import, and an older journal or export (docs/clinical.md §6.7)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from medjournal.domain import measures
from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.domain.records import Measure
from medjournal.storage import schema
from medjournal.storage.exchange import export_data, export_json, import_json
from medjournal.storage.journal import Journal, open_journal
from tests.conftest import NOW, Cli


@pytest.fixture(autouse=True)
def neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locale with no territory, so that a bare weight is in kg whatever the machine running the tests uses
    (an en_US machine would make it lb: docs/clinical.md §6.7)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def stored(path: Path) -> list[tuple[str, str, float, int | None, int | None, str]]:
    journal = open_journal(path, FixedClock(NOW))
    try:
        return [
            (m.day.isoformat(), m.kind, m.value, m.diastolic, m.pulse, m.recorded_at)
            for m in journal.measures()
        ]
    finally:
        journal.close()


def test_the_three_measures_from_the_command_line(run_cli: Cli, journal_path: Path) -> None:
    weight = run_cli("measure", "weight", "82.4")
    assert weight.exit_code == 0, weight.output
    assert weight.output.strip() == "Saved weight 82.4 kg for 2026-03-15."
    bp = run_cli("measure", "bp", "128/84", "--pulse", "72")
    assert bp.output.strip() == "Saved blood pressure 128/84 mmHg, pulse 72, for 2026-03-15."
    alcohol = run_cli("measure", "alcohol", "4")
    assert alcohol.output.strip() == "Saved 4 drinks in the week ending 2026-03-15."
    rows = [row[:5] for row in stored(journal_path)]
    assert rows == [
        ("2026-03-15", "weight", 82.4, None, None),
        ("2026-03-15", "blood_pressure", 128.0, 84, 72),
        ("2026-03-15", "alcohol", 4.0, None, None),
    ]


def test_a_weight_in_pounds_is_kept_in_kilograms_and_said_back_in_pounds(
    run_cli: Cli, journal_path: Path
) -> None:
    result = run_cli("measure", "weight", "181.7", "--unit", "lb")
    assert result.output.strip() == "Saved weight 181.7 lb for 2026-03-15."
    assert stored(journal_path)[0][2] == pytest.approx(181.7 * 0.45359237, abs=0.001)


def test_the_weight_unit_setting_chooses_the_unit_of_a_bare_number(run_cli: Cli, journal_path: Path) -> None:
    assert run_cli("setting", "weight_unit", "lb").exit_code == 0
    result = run_cli("measure", "weight", "200")
    assert result.output.strip() == "Saved weight 200 lb for 2026-03-15."
    assert stored(journal_path)[0][2] == pytest.approx(90.718, abs=0.001)
    assert "must be kg, lb or auto" in run_cli("setting", "weight_unit", "stone").output


def test_a_bare_weight_is_in_pounds_on_a_us_system_and_in_kilograms_elsewhere(
    run_cli: Cli, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run_cli("measure", "weight", "180").output.strip() == "Saved weight 180 lb for 2026-03-15."
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run_cli("measure", "weight", "80").output.strip() == "Saved weight 80 kg for 2026-03-15."
    assert run_cli("setting", "country", "US").exit_code == 0  # the journal's country wins over the locale
    assert run_cli("measure", "weight", "181").output.strip() == "Saved weight 181 lb for 2026-03-15."
    assert [round(m[2], 1) for m in stored(journal_path)] == [81.6, 80.0, 82.1]


def test_a_measure_typed_in_late_keeps_its_own_day(run_cli: Cli, journal_path: Path) -> None:
    assert run_cli("measure", "weight", "83", "--date", "2026-03-01").exit_code == 0
    assert run_cli("measure", "alcohol", "6", "--date", "3 days ago").exit_code == 0
    rows = stored(journal_path)
    assert [(r[0], r[1]) for r in rows] == [("2026-03-01", "weight"), ("2026-03-12", "alcohol")]
    assert all(r[5].startswith("2026-03-15T09:30") for r in rows), "recorded when typed, not on its day"
    journal = open_journal(journal_path, FixedClock(NOW))
    try:
        assert [m.kind for m in journal.measures(date(2026, 3, 10), date(2026, 3, 15))] == ["alcohol"]
        assert journal.entries_after(date(2026, 3, 11)) == 1
    finally:
        journal.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weight", "0"], "A weight must be from 20 to 350 kg; 0 kg is not possible."),
        (["weight", "-3", "--unit", "lb"], "A weight must be from 44 to 772 lb; -3 lb is not possible."),
        (["weight", "heavy"], "The weight 'heavy' is not a number."),
        (["weight", "nan"], "The weight must be a finite number."),
        (
            ["bp", "400/20"],
            "A blood pressure of 400/20 is not possible: the upper number must be from 60 to 260 mmHg and the "
            "lower one from 30 to 160.",
        ),
        (
            ["bp", "80/120"],
            "In a blood pressure the upper (systolic) number is higher than the lower (diastolic) one; 80/120 is "
            "not.",
        ),
        (["bp", "120/120"], "upper (systolic) number is higher than the lower"),
        (
            ["bp", "128/84", "--pulse", "0"],
            "A pulse must be from 25 to 250 beats a minute; 0 is not possible.",
        ),
        (
            ["bp", "128/84", "--pulse", "300"],
            "A pulse must be from 25 to 250 beats a minute; 300 is not possible.",
        ),
        (["bp", "128/84", "--pulse", "72.5"], "The pulse must be a whole number."),
        (["bp", "128"], "Write the blood pressure as upper/lower, for example 128/84; '128' is not."),
        (["bp", "128.5/84"], "The upper (systolic) pressure must be a whole number."),
        (["alcohol", "-1"], "The drinks in a week must be from 0 to 200; -1 is not possible."),
        (["alcohol", "1e400"], "The number of drinks must be a finite number."),
        (["alcohol", "4", "--date", "2026-03-20"], "is in the future"),
        (["weight", "80", "--date", "2026-02-30"], "does not exist in the calendar"),
    ],
)
def test_an_impossible_value_is_one_error_line_and_nothing_is_written(
    run_cli: Cli, journal_path: Path, args: list[str], message: str
) -> None:
    assert run_cli("measure", "weight", "80").exit_code == 0
    before = stored(journal_path)
    result = run_cli("measure", *args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert message in lines[0]
    assert stored(journal_path) == before


def test_the_limits_themselves_are_accepted(journal: Journal) -> None:
    journal.add_measure("weight", 20)
    journal.add_measure("weight", 350)
    journal.add_measure("bp", 260, diastolic=160, pulse=250)
    journal.add_measure("blood pressure", 60, diastolic=30, pulse=25)
    journal.add_measure("alcohol", 0)
    journal.add_measure("drinks", 200)
    assert [m.value for m in journal.measures()] == [20, 350, 260, 60, 0, 200]
    with pytest.raises(ValidationError, match="belong to a blood pressure only"):
        journal.add_measure("weight", 80, pulse=70)
    with pytest.raises(ValidationError, match="not 'height'"):
        journal.add_measure("height", 180)


def test_history_edits_and_deletes_a_measure_with_the_same_checks(journal: Journal) -> None:
    entry = journal.add_measure("bp", 128, diastolic=84, pulse=72, day="2026-03-10")
    edited = journal.update_entry("measures", entry.id, {"value": 131, "diastolic": 86})
    assert isinstance(edited, Measure)
    assert (edited.value, edited.diastolic, edited.pulse, edited.day) == (131, 86, 72, date(2026, 3, 10))
    with pytest.raises(ValidationError, match="400/86 is not possible"):
        journal.update_entry("measures", entry.id, {"value": 400})
    assert journal.measures()[0].value == 131
    removed = journal.delete_entry("measures", entry.id)
    assert journal.measures() == []
    journal.restore_entry(removed)
    assert journal.measures()[0].diastolic == 86


def test_a_journal_can_say_whether_it_ever_had_a_measure(journal: Journal) -> None:
    assert not journal.has_measures()
    journal.add_measure("alcohol", 2, day="2026-01-02")
    assert journal.has_measures()


@pytest.mark.parametrize(
    ("setting", "country", "locale_name", "unit"),
    [
        (None, None, "en_US", "lb"),
        (None, None, "en_GB", "kg"),
        (None, None, "de_DE", "kg"),
        (None, "US", "de_DE", "lb"),
        (None, "GB", "en_US", "kg"),
        ("kg", "US", "en_US", "kg"),
        ("lb", None, "de", "lb"),
        (None, "OTHER", "en_US", "lb"),
    ],
)
def test_the_weight_unit_follows_the_setting_then_the_country_then_the_locale(
    setting: str | None, country: str | None, locale_name: str, unit: str
) -> None:
    assert measures.weight_unit(setting, country, locale_name) == unit


def test_measures_survive_export_and_import(journal: Journal, tmp_path: Path) -> None:
    journal.add_measure("weight", 181.7, unit="lb", day="2026-03-01")
    journal.add_measure("bp", 128, diastolic=84, day="2026-03-02")
    journal.add_measure("alcohol", 3.5, day="2026-03-08", note="a wedding")
    first = tmp_path / "first.json"
    export_json(journal, first)
    exported = json.loads(first.read_text())
    assert exported["schema_version"] == schema.SCHEMA_VERSION
    assert [row["kind"] for row in exported["tables"]["measures"]] == ["weight", "blood_pressure", "alcohol"]
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        assert import_json(copy, first)["measures"] == 3
        again = export_data(copy)
        assert again["tables"]["measures"] == exported["tables"]["measures"]
    finally:
        copy.close()


def test_an_impossible_measure_in_an_export_is_refused_and_nothing_is_written(
    journal: Journal, tmp_path: Path
) -> None:
    journal.add_checkin(pain=5)
    journal.add_measure("bp", 128, diastolic=84)
    data = export_data(journal)
    data["tables"]["measures"][0]["value"] = 40
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        with pytest.raises(
            MedjournalError, match="Record 1 of measures: A blood pressure of 40/84 is not possible"
        ):
            import_json(copy, path)
        assert copy.is_empty()
    finally:
        copy.close()


def test_an_export_from_before_measures_still_imports(journal: Journal, tmp_path: Path) -> None:
    journal.add_checkin(pain=5)
    data = export_data(journal)
    data["schema_version"] = 4
    del data["tables"]["measures"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    try:
        counts = import_json(copy, path)
        assert counts["checkins"] == 1 and counts["measures"] == 0
        copy.add_measure("weight", 80)
        assert len(copy.measures()) == 1
    finally:
        copy.close()


def test_a_journal_from_before_measures_is_migrated_and_keeps_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before="0005_measures")
    db.execute("PRAGMA user_version = 4")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute(
        "INSERT INTO checkins (day, time, pain, recorded_at) VALUES ('2026-03-02', "
        "'2026-03-02T09:00:00+00:00', 7, '2026-03-02')"
    )
    db.close()
    journal = open_journal(path, FixedClock(datetime(2026, 3, 15, 9, 0).astimezone()))
    try:
        assert [c.pain for c in journal.checkins()] == [7]
        journal.add_measure("weight", 80, day="2026-03-02")
        assert journal.db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    finally:
        journal.close()
