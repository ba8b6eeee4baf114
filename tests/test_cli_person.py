"""A command line people can type (docs/command-line.md): today/yesterday, --at HH:MM, severities as words,
"did you mean", a dose already taken, and one reading of dates for every command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from tests.conftest import NOW, Cli

DAY = NOW.date()  # Sunday 2026-03-15, 09:30


def read(path: Path):
    return open_journal(path, FixedClock(NOW))


@pytest.fixture
def with_med(run_cli: Cli) -> Cli:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00,20:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    return run_cli


def test_take_twice_is_refused_with_the_time_and_extra_is_the_way(with_med: Cli, journal_path: Path) -> None:
    first = with_med("take", "Duloxetine", "--at", "08:05")
    assert first.exit_code == 0, first.output
    assert "the 08:00 dose" in first.output and "2026-03-15 08:05" in first.output
    again = with_med("take", "Duloxetine", "--at", "08:30")
    assert again.exit_code == 1
    assert "The 08:00 dose of Duloxetine on 2026-03-15 is already logged (taken at 08:05)" in again.output
    assert "--extra" in again.output
    extra = with_med("take", "Duloxetine", "--at", "08:30", "--extra")
    assert extra.exit_code == 0 and "an extra dose" in extra.output
    journal = read(journal_path)
    try:
        assert [(g.slot, g.moment.strftime("%H:%M")) for g in journal.dose_logs(DAY, DAY)] == [
            ("08:00", "08:05"),
            (None, "08:30"),
        ]
    finally:
        journal.close()


def test_extra_on_an_open_slot_is_refused(with_med: Cli, journal_path: Path) -> None:
    result = with_med("take", "Duloxetine", "--extra")
    assert result.exit_code == 1 and "still open" in result.output
    journal = read(journal_path)
    try:
        assert journal.dose_logs() == []
    finally:
        journal.close()


def test_take_of_an_earlier_slot_says_the_time_and_how_to_give_another(journal_path: Path) -> None:
    from datetime import datetime

    late = Cli(journal_path, datetime(2026, 3, 15, 13, 0).astimezone())
    assert (
        late(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    result = late("take", "Duloxetine")
    assert result.exit_code == 0, result.output
    assert "the 08:00 dose" in result.output and "taken at 2026-03-15 13:00" in result.output
    assert "--at 08:00" in result.output


def test_yesterday_today_and_a_bare_time(with_med: Cli, journal_path: Path) -> None:
    assert with_med("take", "Duloxetine", "--at", "yesterday 20:10").exit_code == 0
    assert with_med("checkin", "--pain", "6", "--date", "yesterday").exit_code == 0
    assert with_med("treatment", "exercise", "--date", "Today", "--minutes", "20").exit_code == 0
    journal = read(journal_path)
    try:
        [dose] = journal.dose_logs()
        assert (dose.day, dose.slot, dose.moment.strftime("%H:%M")) == (date(2026, 3, 14), "20:00", "20:10")
        assert [c.day for c in journal.checkins()] == [date(2026, 3, 14)]
        assert [t.day for t in journal.treatments()] == [DAY]
    finally:
        journal.close()


@pytest.mark.parametrize(
    ("word", "value"), [("mild", 1), ("Moderate", 2), ("severe", 3), ("none", 0), ("2", 2)]
)
def test_severity_as_a_word_or_a_digit(run_cli: Cli, journal_path: Path, word: str, value: int) -> None:
    result = run_cli("side-effect", "nausea", "--severity", word)
    assert result.exit_code == 0, result.output
    journal = read(journal_path)
    try:
        assert [e.severity for e in journal.side_effects()] == [value]
    finally:
        journal.close()


def test_a_misspelt_symptom_is_refused_with_did_you_mean(run_cli: Cli, journal_path: Path) -> None:
    result = run_cli("side-effect", "dizzyness", "--severity", "mild")
    assert result.exit_code == 1
    assert "did you mean Dizziness?" in result.output and "--new-symptom" in result.output
    journal = read(journal_path)
    try:
        assert journal.side_effects() == []
    finally:
        journal.close()
    insisted = run_cli("side-effect", "dizzyness", "--severity", "mild", "--new-symptom")
    assert insisted.exit_code == 0, insisted.output
    assert run_cli("side-effect", "Yawning", "--severity", "1").exit_code == 0  # new and like nothing known


@pytest.mark.parametrize("bad", ["20261101", "2026-W01-1", "2026-02-30", "tomorrowish"])
@pytest.mark.parametrize(
    "command",
    [["report", "--from"], ["checkin", "--pain", "5", "--date"], ["treatment", "exercise", "--date"]],
)
def test_odd_dates_are_refused_like_every_other(run_cli: Cli, command: list[str], bad: str) -> None:
    result = run_cli(*command, bad)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1


def run_in_zone(zone: str, now: str, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": zone, "MEDJOURNAL_NOW": now, "MEDJOURNAL_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "medjournal", *args], env=env, capture_output=True, text=True, check=False
    )


def stored_taken_at(db: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT taken_at FROM dose_logs ORDER BY id")]


def test_a_time_the_clocks_skipped_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "ny.db"
    add = run_in_zone(
        "America/New_York",
        "2026-03-08T12:00",
        db,
        "med",
        "add",
        "Duloxetine",
        "--dose",
        "60",
        "--times",
        "02:30",
        "--start",
        "2026-03-01",
    )
    assert add.returncode == 0, add.stderr
    result = run_in_zone(
        "America/New_York", "2026-03-08T12:00", db, "take", "Duloxetine", "--at", "2026-03-08 02:30"
    )
    assert result.returncode == 1
    assert "does not exist in this time zone" in result.stderr
    assert stored_taken_at(db) == []


@pytest.mark.parametrize(
    ("zone", "now", "at", "stored"),
    [
        # the day before the spring change, typed after it: that day's winter offset
        ("Europe/Berlin", "2026-03-30T09:00", "2026-03-28 08:00", "2026-03-28T08:00:00+01:00"),
        # the day before the autumn change, typed after it: that day's summer offset
        ("Europe/Berlin", "2026-10-26T09:00", "2026-10-24 08:00", "2026-10-24T08:00:00+02:00"),
        ("America/New_York", "2026-03-09T09:00", "2026-03-07 08:00", "2026-03-07T08:00:00-05:00"),
        ("America/New_York", "2026-11-02T09:00", "2026-10-31 08:00", "2026-10-31T08:00:00-04:00"),
        # "yesterday", no change in between: the same offset
        ("Europe/Berlin", "2026-03-28T09:00", "yesterday 08:00", "2026-03-27T08:00:00+01:00"),
    ],
)
def test_a_dose_on_another_day_stores_that_days_offset(
    tmp_path: Path, zone: str, now: str, at: str, stored: str
) -> None:
    db = tmp_path / "zone.db"
    assert (
        run_in_zone(
            zone,
            now,
            db,
            "med",
            "add",
            "Duloxetine",
            "--dose",
            "60",
            "--times",
            "08:00",
            "--start",
            "2026-01-01",
        ).returncode
        == 0
    )
    result = run_in_zone(zone, now, db, "take", "Duloxetine", "--at", at)
    assert result.returncode == 0, result.stderr
    assert stored_taken_at(db) == [stored]


def test_the_readme_tour_followed_today_gives_a_sensible_summary(tmp_path: Path) -> None:
    import json
    import shlex

    from tests.conftest import NOW

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A short tour of the command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    run = Cli(tmp_path / "tour.db", NOW)
    for line in tour.splitlines():
        words = shlex.split(line.split("#", 1)[0])
        if not words or words[1] in ("report", "export", "import", "backup", "restore", "today"):
            continue
        result = run(*words[1:])
        assert result.exit_code == 0, (line, result.output)
    summary = json.loads(run("report", "--json").output)
    assert summary["safety"]["flags"] == []  # no red box: no gap of days without a dose
    journal = read(tmp_path / "tour.db")
    try:
        [medication] = journal.medications()
        first = min(r.start_date for r in journal.regimens(medication.id))
        logs = journal.dose_logs(first, DAY)
        assert sorted(g.status for g in logs) == ["skipped", "taken", "taken"]
        assert {g.day for g in logs} == {first + timedelta(days=n) for n in range(3)}  # every scheduled dose
    finally:
        journal.close()
