"""Safety answers belong to the day they are about, whenever they were typed in (docs/clinical.md §6.5)."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from medjournal.storage import schema
from medjournal.storage.journal import open_journal
from tests.conftest import NOW, Cli

PHQ9_ITEM9 = "0,0,1,1,0,0,0,0,1"  # total 3; item 9 "several days"
LATER = NOW + timedelta(days=4)  # typed in four days after the questionnaire's day
QUESTIONNAIRE_DAY = NOW.date().isoformat()


def later_cli(path: Path) -> Cli:
    return Cli(path, LATER)


def flags_of(result_output: str) -> list[dict[str, object]]:
    data = json.loads(result_output)
    flags: list[dict[str, object]] = data["safety"]["flags"]
    return flags


def test_phq9_typed_in_later_is_dated_by_its_day_and_marked_recorded_on(journal_path: Path) -> None:
    cli = later_cli(journal_path)
    result = cli("questionnaire", "phq9", "--answers", PHQ9_ITEM9, "--date", QUESTIONNAIRE_DAY)
    assert result.exit_code == 0, result.output
    # A period that holds the questionnaire's day but ends before it was typed in.
    report = cli("report", "--json", "--from", "2026-03-01", "--to", QUESTIONNAIRE_DAY)
    assert report.exit_code == 0, report.output
    flags = flags_of(report.output)
    item9 = [f for f in flags if f["kind"] == "phq9_item9"]
    assert len(item9) == 1
    assert item9[0]["date"] == QUESTIONNAIRE_DAY
    assert item9[0]["recorded_on"] == LATER.date().isoformat()
    events = json.loads(report.output)["safety"]["events"]
    assert [(e["date"], e["recorded_on"]) for e in events] == [(QUESTIONNAIRE_DAY, LATER.date().isoformat())]
    # A period that begins after the questionnaire's day and holds the day it was typed in also has it, still
    # dated by its own day: no summary had it before it was written (docs/summary.md, "Safety answers typed in
    # after their period began").
    after = cli("report", "--json", "--from", (NOW.date() + timedelta(days=1)).isoformat())
    assert [(f["date"], f["recorded_on"]) for f in flags_of(after.output) if f["kind"] == "phq9_item9"] == [
        (QUESTIONNAIRE_DAY, LATER.date().isoformat())
    ]
    # One that ends before it was typed in does not.
    before = cli(
        "report",
        "--json",
        "--from",
        (NOW.date() + timedelta(days=1)).isoformat(),
        "--to",
        (LATER.date() - timedelta(days=1)).isoformat(),
    )
    assert [f for f in flags_of(before.output) if f["kind"] == "phq9_item9"] == []


def test_phq9_typed_in_on_its_day_has_no_recorded_on(run_cli: Cli) -> None:
    assert run_cli("questionnaire", "phq9", "--answers", PHQ9_ITEM9).exit_code == 0
    flags = flags_of(run_cli("report", "--json").output)
    item9 = [f for f in flags if f["kind"] == "phq9_item9"]
    assert [(f["date"], f["recorded_on"]) for f in item9] == [(QUESTIONNAIRE_DAY, None)]


def test_self_harm_question_in_a_late_checkin_is_dated_by_the_checkin(journal_path: Path) -> None:
    cli = later_cli(journal_path)
    day = (NOW.date() - timedelta(days=2)).isoformat()
    result = cli("checkin", "--mood", "3", "--date", day, "--self-harm", "yes")
    assert result.exit_code == 0, result.output
    flags = flags_of(cli("report", "--json", "--from", "2026-03-01", "--to", day).output)
    assert [(f["kind"], f["date"]) for f in flags if f["safety_event"]] == [("self_harm_question", day)]


def test_safety_events_in_the_period_are_listed_in_date_order(journal_path: Path) -> None:
    cli = later_cli(journal_path)
    for day in ("2026-03-12", "2026-03-05", "2026-03-09"):
        assert cli("questionnaire", "phq9", "--answers", PHQ9_ITEM9, "--date", day).exit_code == 0
    flags = flags_of(cli("report", "--json", "--from", "2026-03-01").output)
    assert [f["date"] for f in flags if f["kind"] == "phq9_item9"] == [
        "2026-03-05",
        "2026-03-09",
        "2026-03-12",
    ]


def test_bad_questionnaires_typed_for_another_day_write_nothing(journal_path: Path) -> None:
    cli = later_cli(journal_path)
    eight = cli("questionnaire", "phq9", "--answers", "0,0,1,1,0,0,0,1", "--date", QUESTIONNAIRE_DAY)
    assert eight.exit_code != 0
    assert eight.output.startswith("Error:")
    unknown = cli("questionnaire", "phq10", "--answers", PHQ9_ITEM9, "--date", QUESTIONNAIRE_DAY)
    assert unknown.exit_code != 0
    if journal_path.exists():
        journal = open_journal(journal_path)
        try:
            assert journal.questionnaires() == []
            assert journal.safety_events() == []
        finally:
            journal.close()


def make_schema_2_journal(path: Path) -> None:
    """A journal as schema 2 wrote it: a PHQ-9 of 2026-03-10 typed in on 2026-03-14, its event dated then."""
    db = Database(path)
    schema.migrations.apply(db, stop_before="0003_safety_days_and_known_as")
    db.execute("PRAGMA user_version = 2")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    answers = json.dumps([0, 0, 1, 1, 0, 0, 0, 0, 2])
    db.execute(
        "INSERT INTO questionnaires (id, day, instrument, answers, score, recorded_at) "
        "VALUES (7, '2026-03-10', 'phq9', ?, 4, '2026-03-14T20:00:00+00:00')",
        [answers],
    )
    db.execute(
        "INSERT INTO safety_events (id, day, occurred_at, kind, detail, recorded_at) VALUES (1, '2026-03-14', "
        "'2026-03-14T20:00:00+00:00', 'phq9_item9', "
        "'PHQ-9 item 9 answered ''more than half the days'' (questionnaire of 2026-03-10).', "
        "'2026-03-14T20:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO checkins (id, day, time, mood, self_harm_thoughts, recorded_at) VALUES "
        "(3, '2026-03-08', '2026-03-08T21:00:00+00:00', 2, 1, '2026-03-11T09:00:00+00:00')"
    )
    db.execute(
        "INSERT INTO safety_events (id, day, occurred_at, kind, detail, recorded_at) VALUES (2, '2026-03-08', "
        "'2026-03-08T21:00:00+00:00', 'self_harm_question', 'Answered yes.', '2026-03-11T09:00:00+00:00')"
    )
    db.conn.commit()
    db.close()


def test_migration_gives_old_events_the_day_of_their_answer(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_schema_2_journal(path)
    journal = open_journal(path)
    try:
        events = {e.id: e for e in journal.safety_events()}
        assert (events[1].day.isoformat(), events[1].source, events[1].source_id) == (
            "2026-03-10",
            "questionnaire",
            7,
        )
        assert events[1].recorded_on is not None and events[1].recorded_on.isoformat() == "2026-03-14"
        assert (events[2].day.isoformat(), events[2].source, events[2].source_id) == (
            "2026-03-08",
            "checkin",
            3,
        )
        assert events[2].recorded_on is not None and events[2].recorded_on.isoformat() == "2026-03-11"
    finally:
        journal.close()


def test_an_old_export_imports_and_its_events_take_their_answer_day(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    make_schema_2_journal(old)
    connection = sqlite3.connect(old)
    connection.row_factory = sqlite3.Row
    tables = {
        table: [dict(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1")]
        for table in ("questionnaires", "checkins", "safety_events")
    }
    connection.close()
    export = {"format": "medjournal-export/1", "schema_version": 2, "app_version": "0.1.0", "tables": tables}
    source = tmp_path / "old-export.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    cli = Cli(tmp_path / "new.db", NOW)
    result = cli("import", str(source))
    assert result.exit_code == 0, result.output
    report = cli("report", "--json", "--from", "2026-03-01", "--to", "2026-03-10")
    flags = flags_of(report.output)
    assert [(f["kind"], f["date"], f["recorded_on"]) for f in flags if f["safety_event"]] == [
        ("self_harm_question", "2026-03-08", "2026-03-11"),
        ("phq9_item9", "2026-03-10", "2026-03-14"),
    ]
    exported = tmp_path / "again.json"
    assert cli("export", "-o", str(exported)).exit_code == 0
    events = json.loads(exported.read_text(encoding="utf-8"))["tables"]["safety_events"]
    assert [(e["day"], e["occurred_at"][:10], e["source"]) for e in events] == [
        ("2026-03-10", "2026-03-14", "questionnaire"),
        ("2026-03-08", "2026-03-08", "checkin"),
    ]
