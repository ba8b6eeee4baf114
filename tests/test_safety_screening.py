"""Screening status, always on page 1 (docs/clinical.md §6.6): answers to the self-harm question in the period,
or "not asked in this period"; a positive PHQ-2 with no PHQ-9 within 7 days says so. Entries typed in later."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW, Cli
from tests.test_pdf import pdf_text

LATER = NOW + timedelta(days=2)


def screening(cli: Cli, *period: str) -> dict[str, Any]:
    result = cli("report", "--json", *period)
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.output)["safety"]["screening"]
    return found


def ok(cli: Cli, *args: str) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output


def test_not_asked_in_this_period(run_cli: Cli) -> None:
    ok(run_cli, "checkin", "--pain", "5")  # a check-in without the optional question
    ok(run_cli, "questionnaire", "phq2", "--answers", "0,1")
    found = screening(run_cli)
    assert found["self_harm_asked"] == 0
    assert found["lines"] == ["Self-harm question: not asked in this period."]


def test_always_no_counts_check_ins_and_phq9_item9(journal_path: Path) -> None:
    cli = Cli(journal_path, LATER)
    for day in ("2026-03-02", "2026-03-09", "2026-03-14"):
        ok(cli, "checkin", "--mood", "6", "--self-harm", "no", "--date", day)
    ok(cli, "questionnaire", "phq9", "--answers", "1,0,0,0,0,0,0,0,0", "--date", "2026-03-10")
    ok(cli, "checkin", "--mood", "6", "--self-harm", "no", "--date", "2026-02-20")  # before the period
    found = screening(cli, "--from", "2026-03-01", "--to", "2026-03-15")
    assert found["lines"] == ["Self-harm question: asked 4 times: always no."]


def test_yes_is_named_with_its_day(journal_path: Path) -> None:
    cli = Cli(journal_path, LATER)
    ok(cli, "checkin", "--mood", "3", "--self-harm", "yes", "--date", "2026-03-04")
    ok(cli, "checkin", "--mood", "5", "--self-harm", "no", "--date", "2026-03-08")
    found = screening(cli, "--from", "2026-03-01", "--to", "2026-03-15")
    assert found["self_harm_yes_dates"] == ["2026-03-04"]
    assert found["lines"] == ["Self-harm question: asked 2 times: yes on 2026-03-04."]


def test_positive_phq2_without_phq9_within_7_days(journal_path: Path) -> None:
    cli = Cli(journal_path, LATER)
    ok(cli, "questionnaire", "phq2", "--answers", "2,1", "--date", "2026-03-01")  # PHQ-9 on day 7: answered
    ok(cli, "questionnaire", "phq9", "--answers", "1,1,0,0,0,0,0,0,0", "--date", "2026-03-08")
    ok(cli, "questionnaire", "phq2", "--answers", "2,2", "--date", "2026-03-03")  # answered by the same PHQ-9
    ok(cli, "questionnaire", "phq2", "--answers", "1,2", "--date", "2026-03-10")  # none after it
    ok(cli, "questionnaire", "phq2", "--answers", "1,1", "--date", "2026-03-11")  # 2: not positive
    found = screening(cli, "--from", "2026-03-01", "--to", "2026-03-15")
    assert found["phq9_not_completed_after_phq2"] == ["2026-03-10"]
    assert "PHQ-9 suggested after the positive PHQ-2 of 2026-03-10; not completed." in found["lines"]
    # A PHQ-9 in the week after the period's end still counts.
    ok(cli, "questionnaire", "phq9", "--answers", "1,1,0,0,0,0,0,0,0", "--date", "2026-03-16")
    again = screening(cli, "--from", "2026-03-01", "--to", "2026-03-15")
    assert again["phq9_not_completed_after_phq2"] == []


@pytest.mark.gui
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_screening_on_page_one_above_the_medications_even_without_flags(
    journal_path: Path, tmp_path: Path
) -> None:
    cli = Cli(journal_path, LATER)
    ok(cli, "med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--start", "2026-02-20")
    ok(cli, "checkin", "--pain", "5", "--date", "2026-03-10")
    pdf = tmp_path / "summary.pdf"
    ok(cli, "report", "--from", "2026-03-01", "--to", "2026-03-15", "-o", str(pdf))
    first = " ".join(pdf_text(pdf, 1, 1).split())
    line = "Self-harm question: not asked in this period."
    assert f"Safety: no flags in this period · {line}" in first
    assert first.index(line) < first.index("adherence = taken")  # the medications' table
