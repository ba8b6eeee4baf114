"""The command-line contract (docs/design.md §3): every command, its help, and one clear Error line for bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import click
import pytest

from tests.conftest import NOW, Cli

COMMANDS = [
    ["med", "add"],
    ["med", "change"],
    ["med", "stop"],
    ["med", "restart"],
    ["med", "list"],
    ["take"],
    ["skip"],
    ["checkin"],
    ["side-effect"],
    ["questionnaire"],
    ["treatment"],
    ["measure"],
    ["measure", "weight"],
    ["measure", "bp"],
    ["measure", "alcohol"],
    ["visit"],
    ["question"],
    ["today"],
    ["report"],
    ["export"],
    ["import"],
    ["import-csv"],
    ["backup"],
    ["restore"],
    ["demo"],
]


def snapshot(path: Path) -> str:
    """The journal's content (not its bytes, which WAL checkpoints may move)."""
    from medjournal.storage.exchange import export_data
    from medjournal.storage.journal import open_journal

    if not path.exists():
        return "absent"
    journal = open_journal(path)
    try:
        data = export_data(journal)
    finally:
        journal.close()
    data.pop("exported_at")
    return json.dumps(data, sort_keys=True)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(run_cli: Cli, command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    from medjournal.cli import cli

    group: click.Command = cli
    for name in command:
        assert isinstance(group, click.Group)
        group = group.commands[name]
    assert group.help and len(group.help.strip()) > 10


def test_no_command_without_help_text() -> None:
    from medjournal.cli import cli, register_commands

    register_commands()

    def walk(group: click.Group) -> list[click.Command]:
        found: list[click.Command] = []
        for command in group.commands.values():
            found.append(command)
            if isinstance(command, click.Group):
                found += walk(command)
        return found

    missing = [c.name for c in walk(cli) if not (c.help or "").strip()]
    assert missing == []


def test_a_new_db_path_is_a_new_empty_journal(tmp_path: Path) -> None:
    """A writing command starts a new journal at a new --db path in a folder that exists (reading one that is
    not there is refused: tests/test_cli_missing_journal.py)."""
    target = tmp_path / "new.db"
    run = Cli(target, __import__("tests.conftest").conftest.NOW)
    result = run("setting", "country", "GB")
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert target.stat().st_mode & 0o777 == 0o600
    result = run("med", "list", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["medications"] == []


def test_typical_use_on_a_fresh_journal(run_cli: Cli) -> None:
    assert (
        run_cli(
            "med",
            "add",
            "Duloxetine",
            "--dose",
            "30",
            "--unit",
            "mg",
            "--times",
            "08:00",
            "--start",
            "2026-03-01",
            "--for",
            "low back pain",
        ).exit_code
        == 0
    )
    changed = run_cli(
        "med", "change", "duloxetine", "--dose", "60", "--from", "2026-03-08", "--reason", "step"
    )
    assert changed.exit_code == 0, changed.output
    assert (
        run_cli("med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--max-daily", "3").exit_code == 0
    )
    taken = run_cli("take", "Duloxetine", "--at", "2026-03-15 08:10")
    assert "the 08:00 dose of Duloxetine (60 mg)" in taken.output
    again = run_cli("take", "Duloxetine", "--at", "2026-03-15 08:20")
    assert "already logged (taken at 08:10)" in again.output and again.exit_code == 1
    extra = run_cli("take", "Duloxetine", "--at", "2026-03-15 08:20", "--extra")
    assert "an extra dose" in extra.output
    skipped = run_cli("skip", "Duloxetine", "--at", "2026-03-14 08:00", "--reason", "forgot")
    assert skipped.exit_code == 0, skipped.output
    assert (
        run_cli(
            "checkin",
            "--pain",
            "6",
            "--mood",
            "5",
            "--sleep",
            "4",
            "--hours",
            "6.5",
            "--where",
            "lower_back_left,thigh_left",
            "--note",
            "stiff",
        ).exit_code
        == 0
    )
    assert run_cli("side-effect", "Nausea", "--severity", "2").exit_code == 0
    assert run_cli("questionnaire", "peg", "--answers", "6,5,7").exit_code == 0
    assert run_cli("treatment", "physical therapy", "--minutes", "45").exit_code == 0
    assert run_cli("question", "Should I stay on 60 mg?").exit_code == 0
    assert run_cli("visit", "--date", "2026-03-01").exit_code == 0

    listing = json.loads(run_cli("med", "list", "--json").output)
    by_name = {m["name"]: m for m in listing["medications"]}
    assert by_name["Duloxetine"]["dose"] == 60
    assert [s["dose"] for s in by_name["Duloxetine"]["steps"]] == [30, 60]
    assert by_name["Duloxetine"]["steps"][0]["end_date"] == "2026-03-07"
    assert by_name["Ibuprofen"]["as_needed"] is True

    from medjournal.storage.journal import open_journal

    journal = open_journal(run_cli.db)
    try:
        [checkin] = journal.checkins()
        assert (checkin.pain, checkin.mood, checkin.sleep, checkin.sleep_hours) == (6, 5, 4, 6.5)
        assert checkin.locations == ("lower_back_left", "thigh_left")
        [effect] = journal.side_effects()
        assert (effect.symptom, effect.severity) == ("nausea", 2)
        [peg] = journal.questionnaires()
        assert peg.score == 6.0
        [therapy] = journal.treatments()
        assert (therapy.kind, therapy.minutes) == ("physical_therapy", 45)
        logs = journal.dose_logs()
        assert [(log.day.isoformat(), log.slot, log.status) for log in logs] == [
            ("2026-03-14", "08:00", "skipped"),
            ("2026-03-15", "08:00", "taken"),
            ("2026-03-15", None, "taken"),
        ]
    finally:
        journal.close()


def test_stopping_an_antidepressant_prints_a_calm_note(run_cli: Cli) -> None:
    run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    result = run_cli("med", "stop", "Duloxetine", "--on", "2026-03-10", "--reason", "nausea")
    assert result.exit_code == 0, result.output
    assert "tapered" in result.output and "prescriber" in result.output
    listing = json.loads(run_cli("med", "list", "--json", "--all").output)
    assert listing["medications"][0]["steps"][0]["end_date"] == "2026-03-09"


def test_phq9_item9_shows_crisis_lines_from_reviewed_data(run_cli: Cli) -> None:
    from medjournal.domain import knowledge

    result = run_cli("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,1")
    assert result.exit_code == 0
    # With no country set, only the generic advice: no number that the reviewed data does not hold for it.
    assert "emergency number" in result.output
    assert "988" not in result.output
    from medjournal.storage.journal import open_journal

    journal = open_journal(run_cli.db)
    journal.set_setting("country", "US")
    assert [e.kind for e in journal.safety_events()] == ["phq9_item9"]
    journal.close()
    again = run_cli("questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    us_line = knowledge.crisis_info("US").lines[0]
    assert us_line.number in again.output


BAD_INPUT = [
    (["checkin", "--pain", "11"], "pain must be from 0 to 10"),
    (["checkin", "--pain", "-1"], "pain must be from 0 to 10"),
    (["checkin", "--pain", "six"], "not a number"),
    (["checkin", "--pain", "5", "--date", "2026-02-30"], "does not exist"),
    (["checkin", "--pain", "5", "--date", "2026-03-17"], "in the future"),
    (
        ["visit", "--date", "2026-03-17"],
        "The visit date 2026-03-17 is in the future (latest allowed: 2026-03-16).",
    ),
    (["visit", "--date", "2027-01-01"], "in the future"),
    (["checkin", "--pain", "5", "--date", "15/03/2026"], "YYYY-MM-DD"),
    (["checkin", "--pain", "5", "--where", "elbow"], "Unknown pain location"),
    (["checkin"], "needs at least"),
    (["side-effect", "nausea", "--severity", "4"], "severity must be from 0 to 3"),
    (["side-effect", "", "--severity", "1"], "is empty"),
    (["side-effect", "x" * 81, "--severity", "1"], "longer than 80"),
    (["med", "add", "X", "--dose", "0", "--times", "08:00"], "more than 0"),
    (["med", "add", "X", "--dose", "-5", "--times", "08:00"], "more than 0"),
    (["med", "add", "X", "--dose", "5", "--times", "25:00"], "does not exist"),
    (["med", "add", "X", "--dose", "5", "--times", "8am"], "not a time of day"),
    (["med", "add", "X", "--dose", "5"], "--times"),
    (["med", "add", "X", "--dose", "5", "--times", "08:00", "--max-daily", "3"], "for as-needed medications"),
    (["med", "add", "X", "--dose", "5", "--times", "08:00", "--start", "2099-01-01"], "in the future"),
    (["side-effect", "suicidal thoughts", "--severity", "1"], "safety question"),
    (["med", "add", "Duloxetine", "--dose", "5", "--times", "09:00"], "already in the journal"),
    (["med", "change", "Duloxetine", "--dose", "60", "--from", "2026-02-01"], "must come after"),
    (["med", "change", "Nope", "--dose", "60", "--from", "2026-03-10"], "no medication called"),
    (["take", "Nope"], "no medication called"),
    (["take", "Duloxetine", "--at", "2026-03-15 8"], "not a date and time"),
    (["skip", "Duloxetine", "--at", "2026-03-14 14:00"], "no scheduled dose"),
    (["questionnaire", "peg", "--answers", "1,2"], "needs 3 answers"),
    (["questionnaire", "phq2", "--answers", "1,4"], "from 0 to 3"),
    (["questionnaire", "pgic", "--answers", "0"], "from 1 to 7"),
    (["treatment", "exercise", "--minutes", "0"], "minutes must be"),
    (["import", "missing.json"], "does not exist"),
    (["restore", "missing.db"], "does not exist"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_INPUT, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_bad_input_is_one_error_line_and_writes_nothing(run_cli: Cli, args: list[str], message: str) -> None:
    run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    before = snapshot(run_cli.db)
    result = run_cli(*args)
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error:"), result.stderr
    assert message in lines[-1]
    assert "Traceback" not in result.output + result.stderr
    assert "unexpected internal error" not in result.stderr
    assert snapshot(run_cli.db) == before


def test_malformed_import_files_are_refused(run_cli: Cli, tmp_path: Path) -> None:
    cases = {
        "not-json.json": "{ this is not json",
        "wrong-format.json": json.dumps({"format": "other/1", "tables": {}}),
        "binary.json": None,
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is None:
            path.write_bytes(b"\xff\xfe\x00garbage")
        else:
            path.write_text(text)
        result = run_cli("import", str(path))
        assert result.exit_code == 1
        assert result.stderr.startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
    assert not run_cli.db.exists()


def test_a_damaged_journal_is_refused_and_not_modified(tmp_path: Path) -> None:
    from tests.conftest import NOW

    path = tmp_path / "journal.db"
    cli = Cli(path, NOW)
    cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00")
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    result = cli("checkin", "--pain", "5")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "not a medjournal journal" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_every_read_command_works_on_the_demo_journal(run_cli: Cli, tmp_path: Path) -> None:
    assert run_cli("demo", "--days", "60").exit_code == 0
    again = run_cli("demo")
    assert again.exit_code == 1 and "--force" in again.stderr
    for args in (
        ["med", "list"],
        ["med", "list", "--json"],
        ["today"],
        ["today", "--json"],
        ["export", "-o", str(tmp_path / "e.json")],
        ["export", "--csv", str(tmp_path / "csv")],
        ["backup", "-o", str(tmp_path / "b.db")],
        ["report", "--json"],
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.output, result.stderr)
    forced = run_cli("demo", "--force", "--days", "30")
    assert forced.exit_code == 0 and "Backed up" in forced.output


def test_demo_is_deterministic(tmp_path: Path) -> None:
    from tests.conftest import NOW

    outputs = []
    for name in ("a.db", "b.db"):
        cli = Cli(tmp_path / name, NOW)
        cli("demo")
        outputs.append(snapshot(tmp_path / name))
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])["tables"]
    assert len(data["medications"]) == 2 and len(data["regimens"]) == 3
    assert len(data["checkins"]) > 70 and len(data["side_effects"]) > 20
    assert {q["instrument"] for q in data["questionnaires"]} == {"peg", "phq2", "gad2", "pgic"}


def test_suicidal_thoughts_are_a_safety_question_not_a_side_effect(run_cli: Cli) -> None:
    for name in ("suicidal thoughts", "Thoughts of self-harm", "wanting to kill myself"):
        result = run_cli("side-effect", name, "--severity", "2")
        assert result.exit_code == 1
        assert "safety question" in result.stderr and "checkin --self-harm yes" in result.stderr
    assert run_cli("setting", "country", "gb").exit_code == 0
    answered = run_cli("checkin", "--mood", "2", "--self-harm", "yes")
    assert answered.exit_code == 0
    from medjournal.domain import knowledge

    samaritans = knowledge.crisis_info("GB").lines[0]
    assert samaritans.number in answered.output and "999" in answered.output
    from medjournal.storage.journal import open_journal

    journal = open_journal(run_cli.db)
    try:
        assert [e.kind for e in journal.safety_events()] == ["self_harm_question"]
        assert journal.side_effects() == []
        assert journal.checkins()[0].self_harm_thoughts == 1
    finally:
        journal.close()


def test_settings_from_the_command_line(run_cli: Cli) -> None:
    assert run_cli("setting", "summary_name", "Alex Doe").exit_code == 0
    assert run_cli("setting", "page_size", "letter").output.strip() == "page_size = Letter"
    bad = run_cli("setting", "country", "Atlantis")
    assert bad.exit_code == 1 and "Unknown country" in bad.stderr
    shown = run_cli("setting").output
    assert "summary_name = Alex Doe" in shown and "page_size = Letter" in shown and "country = " in shown


def test_import_dry_run_checks_the_file_and_creates_no_journal(run_cli: Cli, tmp_path: Path) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    export = tmp_path / "e.json"
    assert run_cli("export", "-o", str(export)).exit_code == 0
    fresh = Cli(tmp_path / "never-created.db", NOW)
    result = fresh("import", str(export), "--dry-run")
    assert result.exit_code == 0 and "valid export" in result.output
    assert not (tmp_path / "never-created.db").exists()
    again = run_cli(
        "import", str(export), "--dry-run"
    )  # the file is checked even beside a journal with entries
    assert again.exit_code == 0 and "medications 1" in again.output
