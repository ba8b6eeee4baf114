"""A percentage next to a category boundary is printed with a decimal, so it never contradicts its category.

A clinician read "7.0 → 4.9 (−30%): minimal improvement" (exactly −29.6%) against a key that puts −30% in
"meaningful improvement". The same number must appear in the command line's words, the JSON and the PDF.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from medjournal.domain.response import percent_text, shown_percent
from tests.conftest import Cli

START = date(2026, 2, 1)


def _journal_with_a_change_of_minus_29_6_percent(run_cli: Cli) -> None:
    """Baseline pain 7 on each of the 14 days before the start; the last 14 days sum to 69 (mean 4.93)."""
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"
        ).exit_code
        == 0
    )
    for offset in range(1, 15):
        assert (
            run_cli(
                "checkin", "--pain", "7", "--date", (START - timedelta(days=offset)).isoformat()
            ).exit_code
            == 0
        )
    last = date(2026, 3, 15)
    current = [5] * 13 + [4]  # 69 over 14 days
    for offset, pain in enumerate(current):
        day = last - timedelta(days=offset)
        assert run_cli("checkin", "--pain", str(pain), "--date", day.isoformat()).exit_code == 0


def test_the_rule_near_each_boundary() -> None:
    assert percent_text(Fraction(-2960, 100)) == "−29.6%"
    assert percent_text(Fraction(-3640, 100)) == "−36%"
    assert percent_text(Fraction(-30)) == "−30%"
    assert percent_text(Fraction(-4996, 100)) == "−49.96%"
    assert percent_text(Fraction(96, 10)) == "+9.6%"
    assert shown_percent(Fraction(-2960, 100)) == -29.6
    assert shown_percent(Fraction(-1234, 100)) == -12


def test_the_command_line_json_and_pdf_agree_and_never_contradict_the_category(
    run_cli: Cli, tmp_path: Path
) -> None:
    _journal_with_a_change_of_minus_29_6_percent(run_cli)
    result = run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    response = next(m["response"] for m in summary["medications"] if m["name"] == "Duloxetine")
    assert response["change_percent"] == -29.6
    assert response["category"] == "minimal improvement"
    assert "(−29.6%): minimal improvement" in response["text"]
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    from tests.test_pdf import pdf_text

    out = tmp_path / "summary.pdf"
    assert run_cli("report", "-o", str(out), "--from", "2026-01-01", "--to", "2026-03-15").exit_code == 0
    first = " ".join(pdf_text(out, 1, 1).split())
    assert "(−29.6%)" in first and "minimal improvement" in first
    assert "(−30%)" not in first
