"""Clinical review of page 1 of the printed summary (pdftotext): caveats under the result, what was logged,
old medications, restarts, windows without enough data, and a visit on the last day."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from medjournal.storage import Journal
from tests.dates import at
from tests.dates import days as span
from tests.test_pdf import build_known_journal, image_rows, pdf_text, write

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def page_one(journal: Journal, path: Path) -> str:
    return " ".join(pdf_text(write(journal, path), 1, 1).split())


def test_caveats_are_printed_under_the_result_on_page_one(journal: Journal, tmp_path: Path) -> None:
    build_known_journal(journal)
    first = page_one(journal, tmp_path / "known.pdf")
    caveat = first.index("cannot show that the medication caused a change")
    assert first.index("meaningful improvement") < caveat < first.index("Side effects")
    for words in ("eases on its own", "regression to the mean", "placebo", "missed doses", "gaps"):
        assert words in first[caveat:], words


def test_demo_page_one_fits_with_the_caveats_and_no_raster(journal: Journal, tmp_path: Path) -> None:
    from medjournal.demo import write_demo
    from medjournal.report.pdf.pdf import layout_summary
    from medjournal.report.summary.summary import build_summary

    write_demo(journal)
    layout = layout_summary(build_summary(journal), journal)
    try:
        assert layout.first_page_fits
    finally:
        layout.release()
    path = write(journal, tmp_path / "demo.pdf")
    first = " ".join(pdf_text(path, 1, 1).split())
    assert "cannot show that the medication caused" in first and "My questions for the doctor" in first
    assert image_rows(path) == []


def test_no_dose_logged_is_said_in_words(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-02-01")
    first = page_one(journal, tmp_path / "nothing.pdf")
    assert "No dose logged, 2+ days in a row" in first
    assert "No dose of Duloxetine was logged in this period (42 scheduled days" in first
    assert "no dose logged in the period (42 scheduled doses, none recorded as taken or skipped)" in first
    assert "0% of 42" not in first and "Doses missed" not in first and "taken on 42 days" not in first
    assert "cannot show" not in first  # no comparison was computed, so no caveat about one


def test_an_old_medication_says_there_is_no_recent_baseline(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2021-03-01")
    for day in span("2026-03-01", "2026-03-14"):
        journal.add_checkin(pain=4, day=day, at=at(day, "09:00"))
        journal.record_dose("Duloxetine", at=at(day))
    journal.add_side_effect("nausea", 1, day="2026-03-10")
    first = page_one(journal, tmp_path / "old.pdf")
    assert "Is it working?" not in first and "Baseline" not in first
    assert (
        "Duloxetine: started 2021-03-01, more than a year before this period; no recent baseline to compare. "
        "Pain in the last 14 days: 4.0 (13 rated days) 2026-03-02 – 2026-03-15." in first
    )
    assert "no medication started recently, so “new since start” is not judged" in first
    assert "new since start Function" not in first  # the nausea row is not called new


def test_a_restart_is_written_as_a_stop_and_a_restart(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-05")
    journal.stop_medication("Duloxetine", on="2026-02-01")
    journal.restart_medication("Duloxetine", 30, start="2026-02-20", times="08:00")
    first = page_one(journal, tmp_path / "restart.pdf")
    assert "30 mg from 2026-01-05 → stopped 2026-02-01; restarted 30 mg from 2026-02-20" in first


def test_other_measures_without_enough_data_say_so(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    start = date(2026, 2, 1)
    for i in range(1, 8):  # 7 baseline days of pain, mood on only 3 of them
        day = start - timedelta(days=i)
        journal.add_checkin(pain=6, mood=5 if i <= 3 else None, day=day, at=at(day, "09:00"))
    for day in span("2026-03-02", "2026-03-11"):
        journal.add_checkin(pain=4, mood=6, day=day, at=at(day, "09:00"))
    first = page_one(journal, tmp_path / "mood.pdf")
    assert "Mood (higher = better) not enough data (3 rated days) → 6.0" in first
    assert "n/a" not in first


def test_a_visit_today_is_not_the_start_of_todays_summary(journal: Journal, tmp_path: Path) -> None:
    journal.add_visit(day="2026-02-15")
    journal.add_visit(day="2026-03-15")
    journal.add_checkin(pain=5, day="2026-03-14")
    first = page_one(journal, tmp_path / "visit.pdf")
    assert "Period 2026-02-15 – 2026-03-15 (29 days: since the last visit on 2026-02-15)" in first
    assert "next summary" not in first  # a note for the person, not for the doctor


def test_as_needed_painkiller_shows_days_used_a_month(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, start="2026-01-01")
    for day in ("2026-02-02", "2026-02-10", "2026-03-01"):
        journal.record_dose("Ibuprofen", at=at(date.fromisoformat(day), "12:00"))
    first = page_one(journal, tmp_path / "prn.pdf")
    # 3 days in the 90-day period: 3 × 30 / 90 = 1.0 day a month. No response box for an as-needed medication.
    assert "as needed: 3 doses taken on 3 days (1.0 days a month)" in first
    assert "Is it working?" not in first


def test_peg_comparison_says_how_few_scores_it_rests_on(journal: Journal, tmp_path: Path) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_questionnaire("peg", [7, 7, 7], day="2026-01-20")
    journal.add_questionnaire("peg", [6, 7, 8], day="2026-01-27")  # baseline (7 + 7) / 2 = 7.0, 2 scores
    journal.add_questionnaire("peg", [5, 5, 5], day="2026-03-10")  # current 5.0, 1 score
    first = page_one(journal, tmp_path / "peg.pdf")
    assert "PEG (higher = worse) 7.0 → 5.0 (2 and 1 scores)" in first
