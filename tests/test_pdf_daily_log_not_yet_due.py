"""The summary's daily log counts a day's scheduled doses the way Today does (domain/schedule.py ``open_status``):
a slot not yet due when the summary is made is not among them, unless it was logged early. Doses typed in after
their day count on their day. Through the command: ``take`` and ``report -o`` at 09:30 on 2026-03-15."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def ok(run_cli: Cli, *args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.output


def daily_log_line(run_cli: Cli, tmp_path: Path, day: str) -> str:
    pdf = tmp_path / f"summary-{len(list(tmp_path.glob('*.pdf')))}.pdf"
    ok(run_cli, "report", "-o", str(pdf))
    lines = [line for line in pdf_text(pdf, 2, layout=True).splitlines() if line.strip().startswith(day)]
    assert len(lines) == 1, lines
    return " ".join(lines[0].split())


def test_the_evening_dose_not_yet_due_is_not_counted(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-01")
    ok(run_cli, "take", "Duloxetine", "--at", "yesterday 08:05")  # typed in a day late
    ok(run_cli, "take", "Duloxetine", "--at", "08:10")
    assert "1 of 2" in daily_log_line(run_cli, tmp_path, "2026-03-14")  # the 20:00 of yesterday was due
    today = daily_log_line(run_cli, tmp_path, "2026-03-15")
    assert "1 of 1" in today and "of 2" not in today


def test_an_evening_dose_logged_early_counts(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,10:00", "--start", "2026-03-01")
    ok(run_cli, "take", "Duloxetine", "--at", "08:10")
    assert "1 of 1" in daily_log_line(run_cli, tmp_path, "2026-03-15")
    ok(run_cli, "take", "Duloxetine", "--at", "09:25")  # the 10:00 slot, taken early
    assert "2 of 2" in daily_log_line(run_cli, tmp_path, "2026-03-15")


def test_a_dose_within_its_due_window_is_counted_as_page_one_counts_it(
    journal_path: Path, tmp_path: Path
) -> None:
    """At 20:45 the 20:00 dose is due (its 2 hours' window): page 1's adherence does not count it yet, and the
    daily log agrees (it said "1 of 2" beside page 1's "100 %")."""
    evening = Cli(journal_path, datetime(2026, 3, 15, 20, 45).astimezone())
    ok(evening, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-14")
    ok(evening, "take", "Duloxetine", "--at", "yesterday 08:00")
    ok(evening, "take", "Duloxetine", "--at", "yesterday 20:00")
    ok(evening, "take", "Duloxetine", "--at", "08:00")
    today = daily_log_line(evening, tmp_path, "2026-03-15")
    assert "1 of 1" in today and "of 2" not in today, today
    adherence = json.loads(ok(evening, "report", "--json"))["medications"][0]["adherence"]
    assert (adherence["taken"], adherence["scheduled"]) == (3, 3)
