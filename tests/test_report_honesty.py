"""The summary's honesty about dates (issue 19, point 12): a --to after today is refused, and entries dated
after today, which the summary leaves out, are counted and named instead of silently vanishing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import NOW, Cli


def test_a_period_ending_after_today_is_refused(run_cli: Cli) -> None:
    assert run_cli("checkin", "--pain", "5", "--mood", "5").exit_code == 0
    result = run_cli("report", "--to", "2026-03-20")
    assert result.exit_code == 1
    assert "The end date 2026-03-20 is after today (2026-03-15)" in result.output
    assert run_cli("report", "--to", "2026-03-15").exit_code == 0


def test_entries_dated_after_today_are_counted_not_silently_dropped(
    journal_path: Path, tmp_path: Path
) -> None:
    ahead = NOW.replace(day=NOW.day + 1)  # entered while the clock was a day ahead (allowed: tomorrow)
    later = Cli(journal_path, ahead)
    for hour in ("08", "12"):
        result = later("checkin", "--pain", "6", "--mood", "5", "--date", "2026-03-16")
        assert result.exit_code == 0, (hour, result.output)
    run = Cli(journal_path, NOW)
    assert run("checkin", "--pain", "4", "--mood", "5", "--date", "2026-03-14").exit_code == 0
    result = run("report")
    assert result.exit_code == 0, result.output
    assert "Note: 2 entries dated after today (2026-03-15) are not in this summary" in result.output
    result = run("report", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # the note goes to stderr, the JSON stays parseable
    assert "Note: 2 entries" in result.stderr


def test_no_note_when_nothing_lies_ahead(run_cli: Cli) -> None:
    assert run_cli("checkin", "--pain", "5", "--mood", "5").exit_code == 0
    assert "Note:" not in run_cli("report").output
