"""``medjournal import-csv``: spreadsheets written the way spreadsheets write them, merged into a journal with entries.

Every test runs the command, then reads the journal back. The clock is fixed at 2026-03-15 09:30; every imported
entry is from before that day, so each is an entry "typed in late" (recorded 2026-03-15, kept on its own day).
"""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pytest

from medjournal.storage import open_journal
from tests.conftest import Cli
from tests.test_cli import snapshot
from tests.test_pdf import pdf_text

GERMAN = (
    "Datum;Uhrzeit;Medikament;Dosis;Genommen;Schmerz;Stimmung;Notiz\r\n"
    "01.03.26;08:00;Duloxetine;30 mg;ja;6;5;\r\n"
    '01.03.26;20:00;Ibuprofen;400 mg;ja;;;"Rücken; schlimm"\r\n'
    "13.03.26;08:10;Duloxetine;30 mg;nein;5;6;vergessen\r\n"
    "14.03.26;07:55;duloxetine;30;ja;4;6;\r\n"
)


def setup_journal(run_cli: Cli) -> None:
    """A journal with entries already: Duloxetine at 08:00 since February, a dose and a check-in of 1 March."""
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"
        ).exit_code
        == 0
    )
    assert run_cli("take", "Duloxetine", "--at", "2026-03-02 08:05").exit_code == 0
    assert run_cli("checkin", "--pain", "7", "--date", "2026-03-02").exit_code == 0


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_german_spreadsheet_with_bom_merges_and_a_second_import_changes_nothing(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    path = write(tmp_path, "tagebuch.csv", GERMAN, "utf-8-sig")
    result = run_cli("import-csv", str(path), "--tz", "Europe/Berlin")
    assert result.exit_code == 0, result.output
    assert "UTF-8 with BOM, semicolon-separated, a header row, 4 rows; dates day/month/year" in result.output
    assert "Added: 4 doses, 3 check-ins." in result.output
    assert "New medications (taken as needed until you set a schedule): Ibuprofen." in result.output
    journal = open_journal(journal_path)
    try:
        doses = {(d.day.isoformat(), d.slot, d.status, d.source) for d in journal.dose_logs()}
        assert ("2026-03-01", "08:00", "taken", "csv") in doses
        assert ("2026-03-02", "08:00", "taken", "") in doses  # the journal's own dose is untouched
        assert ("2026-03-13", "08:00", "skipped", "csv") in doses
        assert ("2026-03-14", "08:00", "taken", "csv") in doses  # "duloxetine" is the journal's Duloxetine
        ibuprofen = journal.medication("Ibuprofen")
        assert ibuprofen.unit == "mg"
        (extra,) = journal.dose_logs(medication_id=ibuprofen.id)
        assert (extra.slot, extra.amount, extra.note, extra.taken_at) == (
            None,
            400.0,
            "Rücken; schlimm",
            "2026-03-01T20:00:00+01:00",
        )
        assert all(d.recorded_at.startswith("2026-03-15") for d in journal.dose_logs() if d.source)
        pains = sorted((c.day.isoformat(), c.pain, c.mood, c.source) for c in journal.checkins())
        assert pains == [
            ("2026-03-01", 6, 5, "csv"),
            ("2026-03-02", 7, None, ""),
            ("2026-03-13", 5, 6, "csv"),
            ("2026-03-14", 4, 6, "csv"),
        ]
        assert journal.imported_counts() == {"csv": {"dose_logs": 4, "checkins": 3}}
    finally:
        journal.close()
    before = snapshot(journal_path)
    again = run_cli("import-csv", str(path), "--tz", "Europe/Berlin")
    assert again.exit_code == 0, again.output
    assert "Added: nothing." in again.output
    assert "Skipped, already in the journal or twice in the file: 7." in again.output
    assert snapshot(journal_path) == before


def test_us_spreadsheet_with_12_hour_times_stores_each_days_offset(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    text = (
        "Date,Time,Medication,Dose,Taken,Pain,Notes\n"
        '3/1/26,8:00 AM,Duloxetine,30 mg,yes,6,"slept badly, woke at 4"\n'
        "3/13/26,8:05\u202fAM,Duloxetine,30 mg,yes,5,\n"
        "3/13/26,11:30 PM,,,,3,evening\n"
    )
    path = write(tmp_path, "diary.csv", text)
    result = run_cli("import-csv", str(path), "--tz", "America/New_York")
    assert result.exit_code == 0, result.output
    assert "comma-separated" in result.output and "dates month/day/year" in result.output
    journal = open_journal(journal_path)
    try:
        taken = {d.day.isoformat(): d.taken_at for d in journal.dose_logs() if d.source == "csv"}
        # New York moved to summer time on 8 March 2026: each day keeps its own offset.
        assert taken == {"2026-03-01": "2026-03-01T08:00:00-05:00", "2026-03-13": "2026-03-13T08:05:00-04:00"}
        evening = [c for c in journal.checkins() if c.note == "evening"]
        assert [(c.day.isoformat(), c.time, c.pain) for c in evening] == [
            ("2026-03-13", "2026-03-13T23:30:00-04:00", 3)
        ]
        notes = [c.note for c in journal.checkins() if c.day.isoformat() == "2026-03-01"]
        assert notes == ["slept badly, woke at 4"]
    finally:
        journal.close()


def test_ambiguous_dates_ask_for_the_order_and_write_nothing(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    path = write(
        tmp_path,
        "amb.csv",
        "date,time,medication\n01/03/2026,08:00,Duloxetine\n03/02/2026,08:00,Duloxetine\n",
    )
    before = snapshot(journal_path)
    result = run_cli("import-csv", str(path))
    assert result.exit_code == 1
    assert result.output.count("Error:") == 1
    assert "could be day-first or month-first" in result.output and "--date-order dmy" in result.output
    assert snapshot(journal_path) == before
    chosen = run_cli("import-csv", str(path), "--date-order", "dmy")
    assert chosen.exit_code == 0, chosen.output
    journal = open_journal(journal_path)
    try:
        days = sorted(d.day.isoformat() for d in journal.dose_logs() if d.source)
        assert days == ["2026-02-03", "2026-03-01"]
    finally:
        journal.close()


def test_damaged_rows_are_refused_with_their_line_and_nothing_is_written(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    text = (
        "date,time,medication,pain\n"
        "2026-03-01,08:00,Duloxetine,6\n"
        '2026-03-02,08:00,"Duloxetine\n'
        'still the name",5\n'  # a quoted field over two lines: the next row starts on line 5
        "2026-03-03,08:00,Duloxetine,eleven\n"
        "2026-02-30,08:00,Duloxetine,4\n"
        "2026-03-04,08:00\n"
    )
    path = write(tmp_path, "damaged.csv", text)
    before = snapshot(journal_path)
    dry = run_cli("import-csv", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Refused (3):" in dry.output
    # The name over two lines is read as one name, which looks like the journal's Duloxetine: asked, not guessed.
    assert "'Duloxetine still the name' looks like 'Duloxetine' in the journal" in dry.output
    assert "line 5: The pain 'eleven' is not a number from 0 to 10." in dry.output
    assert "line 6: '2026-02-30' is not a date" in dry.output
    assert "line 7: The row has 2 fields; the mapped columns need 4." in dry.output
    assert "Nothing was written (dry run)." in dry.output
    result = run_cli("import-csv", str(path))
    assert result.exit_code == 1
    assert "Error: Nothing was written: fix the refused rows." in result.output
    assert snapshot(journal_path) == before


def test_encodings_latin1_and_utf16_tab_separated(run_cli: Cli, tmp_path: Path, journal_path: Path) -> None:
    setup_journal(run_cli)
    latin = write(
        tmp_path, "latin.csv", "Datum;Uhrzeit;Nebenwirkung;Schwere\n05.03.26;09:00;Übelkeit;2\n", "cp1252"
    )
    result = run_cli(
        "import-csv",
        str(latin),
        "--map",
        "date=Datum,time=Uhrzeit,side_effect=Nebenwirkung,severity=4",
        "--date-order",
        "dmy",
    )
    assert result.exit_code == 0, result.output
    assert "Latin-1 (Windows-1252)" in result.output
    text = "Date\tTime\tPain\tSleep\n2026-03-06\t21:00\t3\t7\n"
    utf16 = tmp_path / "excel.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = run_cli("import-csv", str(utf16))
    assert result.exit_code == 0, result.output
    assert "UTF-16 LE, tab-separated" in result.output
    journal = open_journal(journal_path)
    try:
        assert [(s.day.isoformat(), s.symptom, s.severity, s.source) for s in journal.side_effects()] == [
            ("2026-03-05", "Übelkeit", 2, "csv")
        ]
        assert [(c.pain, c.sleep) for c in journal.checkins() if c.source] == [(3, 7)]
    finally:
        journal.close()


def test_conflicts_are_listed_and_left_unless_the_file_wins(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    assert run_cli("skip", "Duloxetine", "--at", "2026-03-10 08:00", "--reason", "nausea").exit_code == 0
    path = write(tmp_path, "c.csv", "date,time,medication,taken\n2026-03-10,08:15,Duloxetine,x\n")
    result = run_cli("import-csv", str(path))
    assert result.exit_code == 0, result.output
    assert "Conflicts (1), left as the journal has them:" in result.output
    assert "line 2: Duloxetine 2026-03-10 08:00: taken in the file, skipped in the journal" in result.output
    journal = open_journal(journal_path)
    try:
        assert [d.status for d in journal.dose_logs() if d.day.isoformat() == "2026-03-10"] == ["skipped"]
    finally:
        journal.close()
    chosen = run_cli("import-csv", str(path), "--prefer-file")
    assert chosen.exit_code == 0, chosen.output
    assert "replaced by the file's version" in chosen.output
    journal = open_journal(journal_path)
    try:
        (dose,) = [d for d in journal.dose_logs() if d.day.isoformat() == "2026-03-10"]
        assert (dose.status, dose.source, dose.amount) == ("taken", "csv", 30.0)
    finally:
        journal.close()


def test_files_it_cannot_read_give_one_error_line(run_cli: Cli, tmp_path: Path, journal_path: Path) -> None:
    setup_journal(run_cli)
    before = snapshot(journal_path)
    missing = run_cli("import-csv", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and missing.output.strip().startswith("Error: The file")
    assert "does not exist" in missing.output
    bad_utf8 = tmp_path / "bad.csv"
    bad_utf8.write_bytes(codecs.BOM_UTF8 + b"date,pain\n2026-03-01,5\n2026-03-02,\xff\n")
    result = run_cli("import-csv", str(bad_utf8))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "is not readable as UTF-8 with BOM (line 3)" in result.output
    unknown = write(tmp_path, "unknown.csv", "a,b\n2026-03-01,5\n")
    result = run_cli("import-csv", str(unknown))
    assert result.exit_code == 1 and "--map FIELD=COLUMN" in result.output
    bad_map = run_cli("import-csv", str(unknown), "--map", "date=a,pain=zz")
    assert bad_map.exit_code == 1 and "the file has no column 'zz'" in bad_map.output
    bad_zone = run_cli("import-csv", str(unknown), "--tz", "Mars/Olympus")
    assert bad_zone.exit_code == 1 and "is not a time zone name" in bad_zone.output
    assert snapshot(journal_path) == before


def test_a_saved_mapping_is_reused_by_name(run_cli: Cli, tmp_path: Path, journal_path: Path) -> None:
    setup_journal(run_cli)
    first = write(tmp_path, "a.csv", "when;what;hurt\n02.03.26 08:00;Duloxetine;4\n")
    result = run_cli(
        "import-csv",
        str(first),
        "--map",
        "datetime=when,medication=what,pain=hurt",
        "--date-order",
        "dmy",
        "--save-mapping",
        "phone",
    )
    assert result.exit_code == 0, result.output
    assert "Mapping saved as 'phone'" in result.output
    second = write(tmp_path, "b.csv", "when;what;hurt\n03.03.26 08:00;Duloxetine;3\n")
    again = run_cli("import-csv", str(second), "--mapping", "phone")
    assert again.exit_code == 0, again.output
    assert "Columns: datetime=when, medication=what, pain=hurt." in again.output
    assert "Added: 1 dose, 1 check-in." in again.output
    unknown = run_cli("import-csv", str(second), "--mapping", "tablet")
    assert unknown.exit_code == 1 and "no saved mapping called 'tablet' (saved: phone)" in unknown.output


def test_the_summary_counts_what_was_imported(run_cli: Cli, tmp_path: Path) -> None:
    setup_journal(run_cli)
    assert (
        run_cli("import-csv", str(write(tmp_path, "g.csv", GERMAN)), "--tz", "Europe/Berlin").exit_code == 0
    )
    data = json.loads(run_cli("report", "--json", "--from", "2026-03-01").output)
    # Ibuprofen's dose counts too: it is a medication of the period, added as needed on 1 March.
    assert data["header"]["imported"] == ["4 doses, 3 check-ins imported from a CSV file"]
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    pdf = tmp_path / "summary.pdf"
    result = run_cli("report", "--from", "2026-03-01", "-o", str(pdf))
    assert result.exit_code == 0, result.output
    assert "4 doses, 3 check-ins imported from a CSV file" in " ".join(pdf_text(pdf, 1, 1).split())


def test_future_rows_are_refused_and_taken_doses_count_against_stock(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    assert run_cli("refill", "Duloxetine", "--units", "28", "--date", "2026-03-01").exit_code == 0
    future = write(tmp_path, "f.csv", "date,time,medication,pain\n2026-03-20,08:00,Duloxetine,3\n")
    result = run_cli("import-csv", str(future))
    assert result.exit_code == 1
    assert "line 2: " in result.output and "future" in result.output
    path = write(
        tmp_path, "s.csv", "date,time,medication\n2026-03-05,08:00,Duloxetine\n2026-03-06,08:00,Duloxetine\n"
    )
    assert run_cli("import-csv", str(path)).exit_code == 0
    journal = open_journal(journal_path)
    try:
        # Stock is tracked from the refill of 28 on 1 March (typed in late: from the start of that day); the two
        # imported taken doses, after it, count against it.
        assert journal.medication("Duloxetine").stock_units == 26
    finally:
        journal.close()


def test_a_runaway_cell_is_not_printed_whole_and_short_names_are_not_look_alikes(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    setup_journal(run_cli)
    assert run_cli("med", "add", "B12", "--dose", "1", "--as-needed", "--start", "2026-02-01").exit_code == 0
    huge = write(tmp_path, "huge.csv", "date,pain\n2026-03-01," + "x" * 100_000 + "\n")
    result = run_cli("import-csv", str(huge))
    assert result.exit_code == 1
    assert "line 2: The pain 'xxx" in result.output
    assert max(len(line) for line in result.output.splitlines()) < 400
    # "B12" and "Baclofen" share a first letter, not a name: Baclofen is simply new.
    path = write(tmp_path, "b.csv", "date,time,medication\n2026-03-01,09:00,Baclofen\n")
    added = run_cli("import-csv", str(path))
    assert added.exit_code == 0, added.output
    assert "New medications (taken as needed until you set a schedule): Baclofen." in added.output
