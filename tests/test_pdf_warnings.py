"""Page 1 of the printed summary shows a combination caution with its source, under the medications."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medjournal.domain.warnings import journal_warnings
from medjournal.storage import Journal
from tests.test_pdf import image_rows, pdf_text, write
from tests.test_summary_warnings import (
    CAUTION,
    duloxetine_with_ibuprofen,
    ibuprofen_stopped_before_duloxetine,
)

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_caution_and_source_on_page_one_above_the_medications(journal: Journal, tmp_path: Path) -> None:
    duloxetine_with_ibuprofen(journal)
    path = write(journal, tmp_path / "summary.pdf")
    first = flat(pdf_text(path, 1, 1))
    assert CAUTION in first
    assert "Both taken from 2026-02-10." in first
    assert "Source: Cymbalta (duloxetine) US prescribing information" in first
    assert "section 5.5: abnormal bleeding" in first
    # With the safety flags, above the medication table: a sign of risk is read before the medications.
    assert first.index(CAUTION) < first.index("Current medications") < first.index("Side effects")
    assert "(acknowledged)" not in first
    assert first.count(CAUTION) == 1
    assert CAUTION not in flat(pdf_text(path, 2))  # later pages do not repeat it
    assert image_rows(path) == []


def test_no_caution_on_page_one_for_the_near_miss(journal: Journal, tmp_path: Path) -> None:
    ibuprofen_stopped_before_duloxetine(journal)
    first = flat(pdf_text(write(journal, tmp_path / "summary.pdf"), 1, 1))
    assert "Ibuprofen" in first and "Duloxetine" in first
    assert "Ask your doctor or pharmacist" not in first
    assert "Caution:" not in first


def test_acknowledged_caution_is_printed_and_marked(journal: Journal, tmp_path: Path) -> None:
    duloxetine_with_ibuprofen(journal)
    for warning in journal_warnings(journal, journal.now()):
        journal.acknowledge_warning(warning.key)
    first = flat(pdf_text(write(journal, tmp_path / "summary.pdf"), 1, 1))
    assert f"{CAUTION} Both taken from 2026-02-10." in first
    assert "(acknowledged)" in first


def test_days_above_the_maximum_are_one_line_per_medication(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-01-01")
    for day in ("2026-01-20", "2026-03-14"):
        for hour in ("08:00", "13:00", "19:00"):
            journal.record_dose("Ibuprofen", at=f"{day} {hour}")
    first = flat(pdf_text(write(journal, tmp_path / "summary.pdf"), 1, 1))
    assert (
        "Above the daily maximum: Ibuprofen: more doses than the daily maximum logged on 2 days: "
        "2026-01-20, 2026-03-14." in first
    )
