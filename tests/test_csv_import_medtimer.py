"""MedTimer's files, written as MedTimer writes them (its CSVEventExport, its older CSVExport and its JSON backup:
docs/csv-import.md), imported into a journal that already has entries, twice, with the same result."""

from __future__ import annotations

import json
from pathlib import Path

from medjournal.storage import open_journal
from tests.conftest import Cli
from tests.test_cli import snapshot

# The nine-column event export in a German phone's words. Not quoted: the note of the third row holds a ';'.
NEW_EXPORT = (
    "Erinnert;Name;Dosierung;Genommen;Tags;Intervall;Notizen;Erinnert (ISO 8601);Genommen (ISO 8601)\n"
    "01.03.26, 08:00;Duloxetin;30 mg;01.03.26, 08:12;;;;2026-03-01T07:00:00Z;2026-03-01T07:12:00Z\n"
    "02.03.26, 08:00;Duloxetin;30 mg;;;;;2026-03-02T07:00:00Z;\n"
    "03.03.26, 08:00;Duloxetin;30 mg;03.03.26, 09:40;;;übel; danach gegessen;2026-03-03T07:00:00Z;"
    "2026-03-03T08:40:00Z\n"
    "03.03.26, 22:00;Melatonin;1 Tablette;04.03.26, 00:30;;;;2026-03-03T21:00:00Z;2026-03-03T23:30:00Z\n"
)


def setup_journal(run_cli: Cli) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"
        ).exit_code
        == 0
    )
    assert (
        run_cli(
            "med",
            "add",
            "Melatonin",
            "--dose",
            "1",
            "--unit",
            "tablet",
            "--times",
            "22:00",
            "--start",
            "2026-02-01",
        ).exit_code
        == 0
    )
    assert run_cli("take", "Duloxetine", "--at", "2026-03-01 08:12").exit_code == 0  # logged on the desk, too


def test_medtimer_event_export_maps_names_fills_slots_and_imports_once(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    path = tmp_path / "MedTimer_Events.csv"
    path.write_text(NEW_EXPORT, encoding="utf-8")
    before = snapshot(journal_path)
    asked = run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "Europe/Berlin")
    assert asked.exit_code == 1
    assert "'Duloxetin' looks like 'Duloxetine' in the journal" in asked.output
    assert "Error: Nothing was written: say which medications are the same (--med)." in asked.output
    assert snapshot(journal_path) == before

    args = (
        "import-csv",
        str(path),
        "--format",
        "medtimer",
        "--tz",
        "Europe/Berlin",
        "--med",
        "Duloxetin=Duloxetine",
    )
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert "Added: 3 doses." in result.output
    assert (
        "Skipped, already in the journal or twice in the file: 1." in result.output
    )  # 1 March, logged here too
    journal = open_journal(journal_path)
    try:
        duloxetine = journal.medication("Duloxetine")
        doses = {
            d.day.isoformat(): (d.slot, d.status, d.taken_at, d.amount, d.note, d.source)
            for d in journal.dose_logs(medication_id=duloxetine.id)
        }
        assert doses["2026-03-01"][5] == ""  # the journal's own entry stays as it was
        assert doses["2026-03-02"] == ("08:00", "skipped", "2026-03-02T08:00:00+01:00", None, "", "medtimer")
        assert doses["2026-03-03"] == (
            "08:00",
            "taken",
            "2026-03-03T09:40:00+01:00",
            30.0,
            "übel; danach gegessen",
            "medtimer",
        )
        melatonin = journal.medication("Melatonin")
        (late,) = journal.dose_logs(medication_id=melatonin.id)
        # Taken at half past midnight for the 22:00 reminder: the evening's dose, on the evening's day.
        assert (late.day.isoformat(), late.slot, late.taken_at) == (
            "2026-03-03",
            "22:00",
            "2026-03-04T00:30:00+01:00",
        )
        # "1 Tablette" is not the journal's unit (tablet): the amount stays in the note, not guessed.
        assert (late.amount, late.note) == (None, "amount: 1 Tablette")
        assert [m.name for m in journal.medications()] == ["Duloxetine", "Melatonin"]
    finally:
        journal.close()
    after_first = snapshot(journal_path)
    again = run_cli(*args)
    assert again.exit_code == 0, again.output
    assert "Added: nothing." in again.output
    assert snapshot(journal_path) == after_first


def test_older_four_column_export_with_us_dates(run_cli: Cli, tmp_path: Path, journal_path: Path) -> None:
    setup_journal(run_cli)
    text = (
        "Time;Medicine name;Dosage;Taken\n"
        "3/10/26, 8:00\u202fAM;Duloxetine;30 mg;x\n"
        "3/11/26, 8:00\u202fAM;Duloxetine;30 mg;\n"
        "3/13/26, 8:00\u202fAM;Ibuprofen;400 mg;x\n"
    )
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    result = run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "Europe/Berlin")
    assert result.exit_code == 0, result.output
    assert "dates month/day/year" in result.output
    assert "New medications (taken as needed until you set a schedule): Ibuprofen." in result.output
    journal = open_journal(journal_path)
    try:
        rows = sorted(
            (d.day.isoformat(), d.slot, d.status) for d in journal.dose_logs() if d.source == "medtimer"
        )
        assert rows == [
            ("2026-03-10", "08:00", "taken"),
            ("2026-03-11", "08:00", "skipped"),
            ("2026-03-13", None, "taken"),
        ]
        assert journal.medication("Ibuprofen").unit == "mg"
    finally:
        journal.close()
    generic = run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "Europe/Berlin")
    assert "Added: nothing." in generic.output


def test_medtimer_json_backup_takes_taken_and_skipped_events(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    march_5 = 1772694000  # 2026-03-05T07:00:00Z, 08:00 in Berlin
    day = 86400

    def event(status: str, offset_days: int, processed: int = 0) -> dict[str, object]:
        reminded = march_5 + offset_days * day
        return {
            "medicineName": "Duloxetine",
            "amount": "30 mg",
            "color": 0,
            "useColor": False,
            "status": status,
            "remindedTimestamp": reminded,
            "processedTimestamp": reminded + processed if processed else 0,
            "reminderId": 1,
            "iconId": 0,
            "tags": [],
            "lastIntervalReminderTimeInMinutes": 0,
            "notes": "",
            "reminderType": "TIME_BASED",
        }

    backup = {
        "medicines": {"version": 120, "list": []},
        "events": {
            "version": 120,
            "list": [event("TAKEN", 0, 600), event("SKIPPED", 1), event("RAISED", 2), event("DELETED", 3)],
        },
        "settings": {},
    }
    path = tmp_path / "MedTimer_Backup.json"
    path.write_text(json.dumps(backup, indent=2), encoding="utf-8")
    result = run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "Europe/Berlin", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would add: 2 doses." in result.output
    assert "Left out, not entries: 2 (line 3: the reminder was never answered in MedTimer)." in result.output
    assert run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "Europe/Berlin").exit_code == 0
    journal = open_journal(journal_path)
    try:
        rows = [(d.day.isoformat(), d.slot, d.status, d.taken_at) for d in journal.dose_logs() if d.source]
        assert rows == [
            ("2026-03-05", "08:00", "taken", "2026-03-05T08:10:00+01:00"),
            ("2026-03-06", "08:00", "skipped", "2026-03-06T08:00:00+01:00"),
        ]
    finally:
        journal.close()
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": {"version": 1, "list": [\n{"medicineName": "x",\n', encoding="utf-8")
    bad = run_cli("import-csv", str(broken), "--format", "medtimer")
    assert bad.exit_code == 1 and "line 3: the file is not valid json" in bad.output.lower()
