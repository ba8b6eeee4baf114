"""A command whose reader stops reading (``medjournal report --json | head -c 10``, a pager closed early) ends
quietly: no "Error: Broken pipe" (it was one, in English even in German), and nothing in the journal changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.storage import open_journal
from tests.test_cli import snapshot
from tests.test_pdf import build_known_journal


@pytest.mark.parametrize(
    "args", [("report", "--json"), ("today",), ("med", "list"), ("stock", "--json"), ("setting",)]
)
def test_a_reader_that_stops_reading_gets_no_error(journal_path: Path, args: tuple[str, ...]) -> None:
    journal = open_journal(journal_path)
    try:
        build_known_journal(journal)
    finally:
        journal.close()
    before = snapshot(journal_path)
    env = {**os.environ, "LANG": "de_DE.UTF-8", "MEDJOURNAL_NOW": "2026-03-15T21:00"}
    command = subprocess.Popen(
        [sys.executable, "-m", "medjournal", "--db", str(journal_path), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert command.stdout is not None and command.stderr is not None
    command.stdout.close()  # the reader is gone before the command writes its first line
    complaint = command.stderr.read().decode()
    command.stderr.close()
    command.wait(timeout=60)
    assert complaint == ""
    assert snapshot(journal_path) == before
