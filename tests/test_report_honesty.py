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


def baseline_journal(path: Path, late: bool) -> None:
    from datetime import date, datetime, timedelta

    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    clock = FixedClock(datetime(2026, 2, 14, 20, 0).astimezone())
    journal = open_journal(path, clock)
    try:
        for offset in range(14):  # the 14 days before the start
            day = date(2026, 2, 15) + timedelta(days=offset)
            clock.set(
                datetime(2026, 3, 1, 9, offset).astimezone()
                if late
                else datetime.combine(day, clock.now().time()).astimezone()
            )
            journal.add_checkin(pain=7, mood=5, day=day)
        clock.set(datetime(2026, 3, 1, 9, 30).astimezone())
        journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
        for offset in range(14):  # the last two weeks, each on its day
            day = date(2026, 4, 2) + timedelta(days=offset)
            clock.set(datetime.combine(day, datetime(2026, 1, 1, 21, 0).time()).astimezone())
            journal.add_checkin(pain=4, mood=6, day=day)
    finally:
        journal.close()


def test_a_baseline_typed_in_later_is_said_so(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "late.db"
    baseline_journal(path, late=True)
    result = Cli(path, datetime(2026, 4, 15, 22, 0).astimezone())("report", "--from", "2026-03-01")
    assert result.exit_code == 0, result.output
    assert "Note: baseline entered on 2026-03-01 for the 14 days before" in result.output


def test_a_baseline_rated_on_its_days_gets_no_note(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "ontime.db"
    baseline_journal(path, late=False)
    result = Cli(path, datetime(2026, 4, 15, 22, 0).astimezone())("report", "--from", "2026-03-01")
    assert result.exit_code == 0, result.output
    assert "Pain 7.0" in result.output
    assert "baseline entered on" not in result.output


def test_the_late_baseline_and_the_entries_ahead_are_on_page_one_and_in_the_json(tmp_path: Path) -> None:
    import shutil
    from datetime import datetime

    import pytest

    path = tmp_path / "late.db"
    baseline_journal(path, late=True)
    ahead = Cli(path, datetime(2026, 4, 16, 9, 0).astimezone())  # the clock a day ahead
    assert ahead("checkin", "--pain", "4", "--date", "2026-04-16").exit_code == 0
    run = Cli(path, datetime(2026, 4, 15, 22, 0).astimezone())
    data = json.loads(run("report", "--json", "--from", "2026-03-01").stdout)
    assert data["header"]["entries_after_today"] == 1
    assert (
        data["medications"][0]["baseline_entered_later"]
        == "baseline entered on 2026-03-01 for the 14 days before"
    )
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run("report", "--from", "2026-03-01", "-o", str(out)).exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "1 entry dated after 2026-04-15 left out" in first
    assert (
        "baseline entered on 2026-03-01 for the 14 days before: less reliable than ratings made on the day"
        in first
    )
