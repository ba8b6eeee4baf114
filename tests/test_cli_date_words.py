"""A day or time the command line cannot read is refused with one sentence that also names the words it does read
(cli/dates.py; docs/command-line.md), and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_cli import snapshot
from tests.test_cli_contract import one_error_line


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (
            ("checkin", "--pain", "4", "--date", "20261101"),
            "Error: The date '20261101' is not a date; write it as YYYY-MM-DD, or today, yesterday or 'N days ago'.",
        ),
        (
            ("take", "Duloxetine", "--at", "8 in the morning"),
            "Error: The time '8 in the morning' is not a date and time; write it as YYYY-MM-DD HH:MM, or HH:MM for "
            "today, or 'yesterday HH:MM'.",
        ),
        (
            ("checkin", "--pain", "4", "--date", "2026-02-30"),  # read as a date, refused for itself: no hint
            "Error: The date 2026-02-30 does not exist in the calendar.",
        ),
    ],
)
def test_unreadable_dates_name_the_words_that_are_read(
    run_cli: Cli, journal_path: Path, args: tuple[str, ...], sentence: str
) -> None:
    added = run_cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    assert added.exit_code == 0, added.output
    before = snapshot(journal_path)
    refused = run_cli(*args)
    assert refused.exit_code == 1
    assert one_error_line(refused.stderr) == sentence
    assert snapshot(journal_path) == before
