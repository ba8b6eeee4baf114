"""A warning's source in German (docs/translating.md, "What is shown as it is"): the publication's title as
published, then what it says for the warning in German; no English finding in `medjournal today` or the PDF's
caution box and safety flags."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from medjournal.domain import knowledge
from tests.conftest import NOW
from tests.test_cli_german import run
from tests.test_pdf import pdf_text

GERMAN = "de_DE.UTF-8"
BLEEDING = "Quelle: Cymbalta (duloxetine) US prescribing information, section 5.5: abnormale Blutungen"


def english_findings() -> list[str]:
    return [s["finding"] for s in knowledge.load("medications")["sources"].values() if "finding" in s]


def german_journal(db: Path, phq9: bool = True) -> None:
    """Duloxetin with Ibuprofen (the bleeding caution, the weekly mood question) and a PHQ-9 of 10 with question 9
    at 1 for last week, typed in today (the self-harm card and the PHQ-9 severity card)."""
    for args in (
        ("med", "add", "Duloxetin", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start", "2026-03-01"),
        ("med", "add", "Ibuprofen", "--dose", "400", "--unit", "mg", "--as-needed", "--max-daily", "3",
         "--start", "2026-03-01"),
        ("questionnaire", "phq9", "--answers", "2,2,1,1,1,1,1,0,1",
         "--date", (NOW.date() - timedelta(days=6)).isoformat()),
    )[: 3 if phq9 else 2]:  # fmt: skip
        result = run(db, *args, lang=GERMAN)
        assert result.exit_code == 0, result.output


def test_today_on_the_command_line_cites_sources_with_german_findings(journal_path: Path) -> None:
    german_journal(journal_path)
    result = run(journal_path, "today", lang=GERMAN)
    assert result.exit_code == 0, result.output
    assert BLEEDING in result.output
    assert "Frage 9 erfasst Gedanken an Selbstverletzung" in result.output
    assert result.output.count("Quelle:") >= 3
    for finding in english_findings():
        assert finding not in result.output


@pytest.mark.gui
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_german_pdf_cites_sources_with_german_findings(journal_path: Path, tmp_path: Path) -> None:
    german_journal(journal_path)
    path = tmp_path / "summary.pdf"
    result = run(journal_path, "report", "-o", str(path), lang=GERMAN)
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(path).split())
    assert BLEEDING in text
    for finding in english_findings():
        assert finding not in text


def test_the_english_today_keeps_the_english_findings(journal_path: Path) -> None:
    german_journal(journal_path)
    result = run(journal_path, "today")
    assert "Source: Cymbalta (duloxetine) US prescribing information, section 5.5: abnormal bleeding" in (
        result.output
    )
