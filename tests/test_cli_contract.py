"""The command-line contract for bad input (docs/design.md §3): one ``Error:`` line on stderr, a non-zero exit, nothing
written; plus the review's findings about the PDF's Qt messages, `demo --force` under a window, the words of
the plain-text report, questionnaire messages and `today --at`."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from medjournal.storage import Journal
from medjournal.storage.journal import open_journal
from tests.conftest import NOW, Cli
from tests.test_cli import snapshot

USAGE_ERRORS = [
    (["questionnaire", "bpi", "--answers", "1"], "'bpi' is not one of", "medjournal questionnaire"),
    (["demo", "--days", "abc"], "'abc' is not a valid integer", "medjournal demo"),
    (["checkin", "--pain", "5", "--bogus"], "No such option '--bogus'", "medjournal checkin"),
    (["take"], "Missing argument 'NAME'", "medjournal take"),
    (["nosuchcommand"], "No such command 'nosuchcommand'", "medjournal"),
    (["med", "add", "Duloxetine", "--bogus"], "No such option '--bogus'", "medjournal med add"),
    (["--db", "{folder}", "today"], "is a directory", "medjournal"),
    (["export", "--csv", "{file}"], "is a file", "medjournal export"),
]


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "says", "command"), USAGE_ERRORS, ids=[" ".join(a) for a, _, _ in USAGE_ERRORS]
)
def test_usage_errors_are_one_line_with_where_to_look(
    run_cli: Cli, journal_path: Path, tmp_path: Path, args: list[str], says: str, command: str
) -> None:
    assert run_cli("checkin", "--pain", "4").exit_code == 0
    some_file = tmp_path / "some_file"
    some_file.write_text("not a folder")
    before = snapshot(journal_path)
    filled = [a.format(folder=tmp_path, file=some_file) for a in args]
    result = run_cli(*filled)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = one_error_line(result.stderr)
    assert says in line
    assert line.endswith(f"(see: {command} --help)")
    assert "Usage:" not in result.output and "Try '" not in result.output
    assert snapshot(journal_path) == before
    assert not (tmp_path / "some_file").is_dir()


def test_usage_error_from_the_installed_command_is_one_line(tmp_path: Path) -> None:
    """The same one line when medjournal runs as a program (main(), not the in-process runner)."""
    env = {**os.environ, "MEDJOURNAL_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "medjournal", "--db", str(tmp_path / "j.db"), "demo", "--days", "abc"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert one_error_line(result.stderr) == (
        "Error: Invalid value for '--days': 'abc' is not a valid integer. (see: medjournal demo --help)"
    )
    assert not (tmp_path / "j.db").exists()


def test_help_version_and_a_bare_group_still_print_what_they_did(run_cli: Cli) -> None:
    from medjournal import __version__

    assert run_cli("--help").exit_code == 0
    assert "[OPTIONS] [COMMAND] [ARGS]..." in run_cli("--help").stdout
    version = run_cli("--version")
    assert version.exit_code == 0 and version.stdout.strip() == f"medjournal, version {__version__}"
    bare = run_cli("med")
    assert "Commands:" in bare.output and "add" in bare.output
    assert "Error:" not in bare.output


def test_an_abort_is_one_error_line() -> None:
    from medjournal.cli import MainGroup

    group = MainGroup(name="medjournal")

    @group.command("ask")
    def ask() -> None:
        raise click.Abort()

    result = CliRunner().invoke(group, ["ask"])
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == "Error: Stopped before finishing; nothing further was written."


# -- report -o: Qt's messages ------------------------------------------------------------------------------


@pytest.mark.gui
def test_a_one_day_pdf_prints_no_qt_messages(
    journal: Journal, tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A period of one day has a 7-day average with no finite point: an empty SVG path that Qt's renderer
    reported as "qt.svg: Invalid path data; path truncated." on the terminal."""
    from medjournal.demo import write_demo
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.summary.summary import build_summary

    write_demo(journal, days=84)
    today = NOW.date()
    caplog.set_level(logging.DEBUG, logger="medjournal")
    capfd.readouterr()
    written = write_pdf(
        build_summary(journal, start=today, end=today, now=NOW), tmp_path / "day.pdf", journal
    )
    assert written.stat().st_size > 1000
    err = capfd.readouterr().err
    assert "qt.svg" not in err and "Invalid path data" not in err and "QPainter" not in err
    assert not [r for r in caplog.records if "Invalid path data" in r.getMessage()]


@pytest.mark.gui
def test_qt_messages_while_the_pdf_is_made_go_to_the_log_at_debug(
    journal: Journal,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import contextlib

    from medjournal.domain.errors import MedjournalError
    from medjournal.report.pdf import pdf
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.summary.summary import build_summary
    from medjournal.storage.output_file import Output

    @contextlib.contextmanager
    def unwritable(path: Path, journal_path: Path | None = None) -> Iterator[Output]:
        yield Output(path, tmp_path / "missing" / "summary.pdf.partial", -1)  # QPainter::begin() fails

    monkeypatch.setattr(pdf, "new_output", unwritable)
    caplog.set_level(logging.DEBUG, logger="medjournal")
    capfd.readouterr()
    target = tmp_path / "missing" / "summary.pdf"
    with pytest.raises(MedjournalError, match="Could not write the PDF file"):
        write_pdf(build_summary(journal, now=NOW), target, journal)
    assert "QPainter" not in capfd.readouterr().err
    logged = [r for r in caplog.records if "QPainter::begin" in r.getMessage()]
    assert logged and all(r.levelno == logging.DEBUG for r in logged)
    assert not target.exists() and not target.parent.exists()


QT_QUIET_SCRIPT = """
import sys
from pathlib import Path
from medjournal.demo import write_demo
from medjournal.domain.errors import MedjournalError
from medjournal.report.pdf.pdf import write_pdf
from medjournal.report.summary.summary import build_summary
from medjournal.storage import open_journal
folder = Path(sys.argv[1])
journal = open_journal(folder / "journal.db")
write_demo(journal, days=84)
today = journal.now().date()
write_pdf(build_summary(journal, start=today, end=today), folder / "day.pdf", journal)
write_pdf(build_summary(journal), folder / "full.pdf", journal)
try:
    write_pdf(build_summary(journal), folder / "missing" / "x.pdf", journal)
except MedjournalError:
    print("refused")
"""


@pytest.mark.gui
def test_making_pdfs_prints_nothing_from_qt_on_the_terminal(tmp_path: Path) -> None:
    """In a process of its own: under pytest, pytest-qt's handler would catch Qt's messages before stderr."""
    env = {**os.environ, "MEDJOURNAL_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", QT_QUIET_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "refused"
    assert result.stderr == ""
    assert (tmp_path / "day.pdf").stat().st_size > 1000 and (tmp_path / "full.pdf").exists()


def test_report_into_a_missing_folder_is_one_error_line(run_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "x.pdf"
    result = run_cli("report", "-o", str(target))
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == (
        f"Error: The folder {target.parent} does not exist; choose a folder that does."
    )
    assert not target.parent.exists()


# -- demo --force under a window -----------------------------------------------------------------------------


def test_demo_force_refuses_while_the_journal_is_open_in_a_window(run_cli: Cli, journal_path: Path) -> None:
    from medjournal.paths import backup_dir_for
    from medjournal.storage.lock import JournalLock, lock_path_for

    assert run_cli("checkin", "--pain", "5", "--note", "mine").exit_code == 0
    before = snapshot(journal_path)
    backups = backup_dir_for(journal_path)
    with JournalLock(journal_path):  # what a window holds while it shows the journal
        refused = run_cli("demo", "--force", "--days", "14")
    assert refused.exit_code == 1
    line = one_error_line(refused.stderr)
    assert f"{journal_path} is open in a medjournal window (process {os.getpid()})" in line
    assert line.endswith("close that window before replacing the journal with the demo.")
    assert snapshot(journal_path) == before
    assert not list(backups.glob("*before-demo*"))  # refused before the backup that precedes a replacement

    replaced = run_cli("demo", "--force", "--days", "14")
    assert replaced.exit_code == 0, replaced.output
    assert "mine" not in snapshot(journal_path)
    assert not lock_path_for(journal_path).exists()  # released again


# -- the plain-text report -------------------------------------------------------------------------------


def test_report_in_words_says_one_day_not_one_days(run_cli: Cli) -> None:
    assert run_cli("side-effect", "Nausea", "--severity", "1").exit_code == 0
    lines = run_cli("report").stdout.splitlines()
    assert "Nausea: 1 day, mean severity 1.0, max 1" in lines


def test_report_in_words_has_the_two_point_check_pgic_and_cautions(run_cli: Cli) -> None:
    assert run_cli("demo").exit_code == 0
    data = json.loads(run_cli("report", "--json").stdout)
    lines = run_cli("report").stdout.splitlines()
    (evaluated,) = [m for m in data["medications"] if m["under_evaluation"]]
    response = evaluated["response"]
    assert response["meets_two_points"] is not None and evaluated["pgic"]
    two = "yes" if response["meets_two_points"] else "no"
    last = evaluated["pgic"][-1]
    at = lines.index(f"  {response['text']}")
    assert lines[at + 1] == (
        f"  Change of 2 points or more: {two}; impression of change (PGIC): {last['date']} {last['label']}."
    )
    (caution,) = [w for w in data["warnings"] if w["kind"] == "caution"]
    assert (
        f"! Caution: {caution['message']} Both taken from {caution['date']}. Source: {caution['source']}."
        in lines
    )
    # The caveat is about every comparison, so it is not indented under the last medication.
    assert not [line for line in lines if line.startswith("  Read with care")]
    assert any(line.startswith("Read with care") for line in lines)


def test_report_in_words_gathers_days_above_a_maximum(run_cli: Cli) -> None:
    add = ["med", "add", "Ibuprofen", "--dose", "400", "--unit", "mg", "--as-needed", "--max-daily", "2"]
    assert run_cli(*add, "--start", "2026-03-01").exit_code == 0
    for day in ("2026-03-10", "2026-03-12"):
        for hour in ("08:00", "13:00", "19:00"):
            assert run_cli("take", "Ibuprofen", "--at", f"{day} {hour}").exit_code == 0
    lines = run_cli("report").stdout.splitlines()
    assert (
        "! Above the daily maximum: Ibuprofen: more doses than the daily maximum logged on 2 days: "
        "2026-03-10, 2026-03-12." in lines
    )


# -- messages ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("1,2", "Error: PEG needs 3 answers (pain, enjoyment of life, general activity); got 2."),
        ("1,2,11", "Error: PEG answer 3 must be a whole number from 0 to 10."),
    ],
)
def test_questionnaire_messages_use_the_short_name(run_cli: Cli, answers: str, message: str) -> None:
    result = run_cli("questionnaire", "peg", "--answers", answers)
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == message


def test_today_at_an_impossible_date_says_the_date_does_not_exist(run_cli: Cli) -> None:
    assert run_cli("checkin", "--pain", "3").exit_code == 0  # a journal to read
    result = run_cli("today", "--at", "2026-13-01 08:00")
    assert result.exit_code == 1
    assert one_error_line(result.stderr) == "Error: The date 2026-13-01 does not exist in the calendar."


def test_the_summary_pdf_is_readable_by_the_owner_only(run_cli: Cli, tmp_path: Path) -> None:
    assert run_cli("demo", "--days", "30").exit_code == 0
    target = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("times", "says"),
    [
        ("[", "The time '[' is not a time of day"),
        ('["08:00"', "is not a time of day"),
        ("[8]", "The time '8' is not a time of day"),
        ('{"at": "08:00"}', "is not a time of day"),
        ("[]", "Give the times of day"),
    ],
)
def test_times_that_look_like_a_list_are_refused_as_times(
    run_cli: Cli, journal_path: Path, times: str, says: str
) -> None:
    """``--times '['`` (found by tests/test_cli_fuzz.py) was an internal JSONDecodeError: the schedule's reader
    took any text starting with ``[`` for a JSON list. It is refused as the time it is not, and nothing is written."""
    assert run_cli("checkin", "--pain", "4").exit_code == 0
    before = snapshot(journal_path)
    result = run_cli("med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", times)
    assert result.exit_code == 1
    assert says in one_error_line(result.stderr)
    assert "internal" not in result.stderr
    assert snapshot(journal_path) == before


def test_a_schedule_given_as_a_json_list_is_read(run_cli: Cli, journal_path: Path) -> None:
    result = run_cli(
        "med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", '["20:00", "08:00"]'
    )
    assert result.exit_code == 0, result.stderr
    journal = open_journal(journal_path)
    try:
        medication = journal.medications()[0]
        assert [r.times for r in journal.regimens(medication.id)] == [("08:00", "20:00")]
    finally:
        journal.close()
