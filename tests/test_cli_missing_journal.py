"""A journal that is not there (docs/command-line.md, "A journal that is not there"): a command that only reads
refuses a mistyped --db in one line and creates nothing; a writing command starts a new journal in the usual
place or in a folder that exists, never in a folder it would have to make."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medjournal.storage import open_journal
from tests.test_cli_german import run

READ_COMMANDS = [
    ("today",),
    ("today", "--json"),
    ("today", "--at", "2026-03-14 21:00"),
    ("med", "list"),
    ("med", "list", "--json"),
    ("stock",),
    ("stock", "--json"),
    ("activity", "list"),
    ("report",),
    ("report", "--json"),
    ("setting",),
    ("setting", "country"),
    ("backup",),
]


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def usual_place() -> Path:
    return Path(os.environ["MEDJOURNAL_HOME"]) / "journal.db"


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_a_read_command_on_a_mistyped_path_says_so_and_creates_nothing(
    tmp_path: Path, args: tuple[str]
) -> None:
    mistyped = tmp_path / "missing" / "journal.db"
    result = run(mistyped, *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: There is no journal at {mistyped}; nothing was created.\n"
    assert tree(tmp_path) == []  # no folder, no file, no -wal, no lock file
    assert not usual_place().exists()


def test_export_on_a_mistyped_path_writes_no_export_either(tmp_path: Path) -> None:
    mistyped = tmp_path / "jornal.db"
    result = run(mistyped, "export", "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: There is no journal at {mistyped}; nothing was created.\n"
    assert tree(tmp_path) == []


def test_a_mistyped_path_in_a_folder_that_exists_names_the_journal_in_the_usual_place(tmp_path: Path) -> None:
    usual = open_journal(usual_place())
    usual.close()
    before = usual_place().read_bytes()
    mistyped = tmp_path / "jornal.db"
    result = run(mistyped, "today", "--json")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: There is no journal at {mistyped}; nothing was created. "
        f"Your journal in the usual place is {usual_place().resolve()}.\n"
    )
    assert tree(tmp_path) == []
    assert usual_place().read_bytes() == before


def test_the_refusal_speaks_german_on_a_german_system(tmp_path: Path) -> None:
    mistyped = tmp_path / "missing" / "x.db"
    result = run(mistyped, "med", "list", lang="de_DE.UTF-8")
    assert result.exit_code == 1
    assert result.stderr == f"Fehler: Unter {mistyped} gibt es kein Tagebuch; es wurde nichts angelegt.\n"
    result = run(mistyped, "checkin", "--pain", "4", lang="de_DE.UTF-8")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fehler: Den Ordner {mistyped.parent} gibt es nicht, also auch kein Tagebuch unter {mistyped}; "
        "es wurde nichts angelegt. Ein neues Tagebuch wird nur in einem vorhandenen Ordner begonnen.\n"
    )
    assert tree(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "--pain", "4"),
        ("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00"),
        ("setting", "country", "GB"),
    ],
    ids=" ".join,
)
def test_a_writing_command_does_not_make_the_folder_of_a_given_path(tmp_path: Path, args: tuple[str]) -> None:
    mistyped = tmp_path / "Documnets" / "journal.db"
    result = run(mistyped, *args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: There is no folder {mistyped.parent}, so there is no journal at {mistyped}; nothing was "
        "created. A new journal is started only in a folder that exists.\n"
    )
    assert tree(tmp_path) == []


def test_the_same_refusal_for_a_path_given_by_medjournal_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mistyped = tmp_path / "missing" / "journal.db"
    monkeypatch.setenv("MEDJOURNAL_DB", str(mistyped))
    assert run(None, "checkin", "--pain", "4").stderr.startswith(
        f"Error: There is no folder {mistyped.parent},"
    )
    assert run(None, "stock").stderr == f"Error: There is no journal at {mistyped}; nothing was created.\n"
    assert tree(tmp_path) == []


def test_a_writing_command_starts_a_new_journal_in_a_folder_that_exists(tmp_path: Path) -> None:
    new = tmp_path / "trial.db"
    result = run(new, "checkin", "--pain", "4", "--date", "2026-03-13")  # typed in two days late
    assert result.exit_code == 0, result.output
    journal = open_journal(new)
    try:
        [entry] = journal.checkins()
        assert (entry.day.isoformat(), entry.pain) == ("2026-03-13", 4)
    finally:
        journal.close()
    assert run(new, "today", "--json").exit_code == 0  # and now it reads


def test_the_first_run_in_the_usual_place_makes_its_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = tmp_path / "first" / "run"
    monkeypatch.setenv("MEDJOURNAL_HOME", str(home))
    result = run(None, "today")
    assert result.exit_code == 1
    assert result.stderr == f"Error: There is no journal at {home / 'journal.db'}; nothing was created.\n"
    assert not home.exists()
    result = run(
        None, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"
    )
    assert result.exit_code == 0, result.output
    assert (home / "journal.db").is_file()
    result = run(None, "med", "list", "--json")
    assert result.exit_code == 0, result.output
    assert '"Duloxetine"' in result.stdout
