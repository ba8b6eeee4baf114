"""Page 1 of the printed summary: safety flags first, dated by the day they are about (pdftotext)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import NOW, Cli
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_late_phq9_item9_on_page_one_with_its_day_above_the_medications(
    journal_path: Path, tmp_path: Path
) -> None:
    early = Cli(journal_path, NOW - timedelta(days=30))
    assert (
        early(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-20"
        ).exit_code
        == 0
    )
    later = Cli(journal_path, NOW + timedelta(days=3))
    day = (NOW.date() - timedelta(days=2)).isoformat()
    result = later("questionnaire", "phq9", "--answers", "0,0,1,1,0,0,0,0,1", "--date", day)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "summary.pdf"
    made = later("report", "--from", "2026-03-01", "--to", NOW.date().isoformat(), "-o", str(pdf))
    assert made.exit_code == 0, made.output
    first = flat(pdf_text(pdf, 1, 1))
    flag = f"{day} · PHQ-9 item 9 above 0"
    assert flag in first
    assert f"(recorded on {(NOW + timedelta(days=3)).date().isoformat()})" in first
    # The period ended before the day the summary was made: the table is "as of" the period's end.
    assert first.index("Safety flags") < first.index(flag) < first.index(f"Medications as of {NOW.date()}")
