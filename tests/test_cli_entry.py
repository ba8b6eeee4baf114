"""The installed program's entry (cli/entry.py): a command that only read ends as soon as its output is out, with
the same output and exit status as before; every other command ends the usual way, with everything written.

Run as people run it, in a new process (``python -m medjournal``, the same ``run`` as the installed script). How a
run ended is seen from outside: the program started by the test keeps an object whose finaliser prints a line
when Python takes the program apart at the usual end, and does not when the process ends at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from tests.conftest import Cli

NOW = datetime(2026, 3, 15, 21, 30).astimezone()
USUAL_END = "ENDED THE USUAL WAY"
# `python -m medjournal` with an object that says when the usual end takes the program apart.
PROGRAM = (
    "import os, sys\n"
    "class Witness:\n"
    "    def __del__(self, write=os.write):\n"  # os.write kept at hand: the usual end clears modules
    f"        write(2, {(USUAL_END + chr(10)).encode()!r})\n"
    "witness = Witness()\n"
    "sys.argv = ['medjournal', *sys.argv[1:]]\n"
    "from medjournal.cli.entry import run\n"
    "run()\n"
)


LATE = datetime(2026, 3, 17, 21, 0).astimezone()
# (when it was typed in, the command): a schedule with stock, a lower dose, an as-needed dose, a dose typed in
# two days after its day, and a positive mood screen.
ENTRIES: list[tuple[datetime, tuple[str, ...]]] = [
    (NOW, ("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-01")),
    (NOW, ("refill", "Duloxetine", "--units", "28", "--date", "2026-03-01")),
    (NOW, ("med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--max-daily", "3")),
    (NOW, ("take", "Duloxetine", "--at", "2026-03-15 08:10", "--dose", "20")),
    (NOW, ("take", "Ibuprofen", "--at", "2026-03-15 09:00")),
    (LATE, ("take", "Duloxetine", "--at", "2026-03-15 20:05")),
    (NOW, ("questionnaire", "phq2", "--answers", "2,2", "--date", "2026-03-14")),
]


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    for typed_on, command in ENTRIES:
        done = Cli(path, typed_on)(*command)
        assert done.exit_code == 0, (command, done.output)
    return path


def run_program(
    journal: Path, *args: str, home: Path, language: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    env = {
        "MEDJOURNAL_HOME": str(home),
        "MEDJOURNAL_NOW": NOW.isoformat(),
        "PATH": "/usr/bin:/bin",
        "LANG": language,
        "LC_ALL": language,
    }
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, "--db", str(journal), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "args", [["today", "--json"], ["today"], ["med", "list", "--json"], ["stock", "--json"]], ids=" ".join
)
def test_a_read_command_ends_at_once_with_the_same_output(
    journal_file: Path, tmp_path: Path, args: list[str]
) -> None:
    expected = Cli(journal_file, NOW)(*args)
    assert expected.exit_code == 0
    ran = run_program(journal_file, *args, home=tmp_path / "home")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, expected.stdout, "")


def test_today_json_in_german_is_the_same_json_and_the_text_is_german(
    journal_file: Path, tmp_path: Path
) -> None:
    """--json stays English and ISO whatever the language; the text output speaks the journal's language."""
    assert Cli(journal_file, NOW)("setting", "language", "de").exit_code == 0
    english = run_program(journal_file, "today", "--json", home=tmp_path / "home")
    german = run_program(journal_file, "today", "--json", home=tmp_path / "home", language="de_DE.UTF-8")
    assert german.returncode == 0 and german.stderr == ""
    assert german.stdout == english.stdout
    read = json.loads(german.stdout)
    assert [(s["slot"], s["status"], s["taken_at"]) for s in read["slots"]] == [
        ("08:00", "taken", datetime(2026, 3, 15, 8, 10).astimezone().isoformat()),
        ("20:00", "taken", datetime(2026, 3, 15, 20, 5).astimezone().isoformat()),
    ]  # the dose typed in two days late counts for its own day
    assert {w["kind"] for w in read["warnings"]} >= {"lower_dose", "mood_screen"}
    text = run_program(journal_file, "today", home=tmp_path / "home", language="de_DE.UTF-8")
    assert text.returncode == 0 and text.stderr == ""
    assert text.stdout == Cli(journal_file, NOW)("today").stdout
    assert text.stdout.startswith(
        "Sonntag, 2026-03-15, um 21:30\n  08:00  Duloxetine 30 mg: genommen um 08:10 (20 mg)\n"
    )


def test_a_refused_read_ends_with_its_one_line_and_exit_status(journal_file: Path, tmp_path: Path) -> None:
    ran = run_program(journal_file, "today", "--at", "yesterday-ish", home=tmp_path / "home")
    expected = Cli(journal_file, NOW)("today", "--at", "yesterday-ish")
    assert expected.exit_code == 1
    assert (ran.returncode, ran.stdout) == (1, "")
    assert ran.stderr.splitlines() == [expected.stderr.strip()]


def test_a_writing_command_ends_the_usual_way_with_everything_written(
    journal_file: Path, tmp_path: Path
) -> None:
    ran = run_program(journal_file, "checkin", "--pain", "6", "--mood", "4", home=tmp_path / "home")
    assert ran.returncode == 0
    assert USUAL_END in ran.stderr
    journal = open_journal(journal_file, FixedClock(NOW))
    try:
        assert [(c.pain, c.mood) for c in journal.checkins()] == [(6, 4)]
    finally:
        journal.close()


def test_a_read_command_ends_at_once(journal_file: Path, tmp_path: Path) -> None:
    """The saving the entry exists for: no usual end after a read (and so none of its CPU time)."""
    ran = run_program(journal_file, "today", "--json", home=tmp_path / "home")
    assert ran.returncode == 0
    assert USUAL_END not in ran.stderr


def test_a_read_that_had_to_open_for_writing_ends_the_usual_way(tmp_path: Path) -> None:
    """An empty file is no journal for the read-only open: the full open makes it one, and the usual end follows."""
    path = tmp_path / "journal.db"
    path.write_bytes(b"")
    ran = run_program(path, "today", "--json", home=tmp_path / "home")
    assert ran.returncode == 0, ran.stderr
    assert USUAL_END in ran.stderr
    assert json.loads(ran.stdout)["slots"] == []


def test_a_thread_still_running_gets_the_usual_end(journal_file: Path, tmp_path: Path) -> None:
    """A thread still running when the command is done is waited for. Here it waits until ``run`` has
    returned, which it never does when it ends the process at once."""
    program = PROGRAM.replace(
        "run()\n",
        "import threading\n"
        "returned = threading.Event()\n"
        "threading.Thread(target=lambda: (returned.wait(), print('THREAD DONE', flush=True))).start()\n"
        "try:\n    run()\nfinally:\n    returned.set()\n",
    )
    env = {
        "MEDJOURNAL_HOME": str(tmp_path / "home"),
        "MEDJOURNAL_NOW": NOW.isoformat(),
        "PATH": "/usr/bin:/bin",
    }
    ran = subprocess.run(
        [sys.executable, "-c", program, "--db", str(journal_file), "today", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ran.returncode == 0
    printed, _, thread = ran.stdout.rpartition("}\n")
    assert json.loads(printed + "}")["date"] == "2026-03-15"
    assert thread == "THREAD DONE\n"
    assert USUAL_END in ran.stderr
