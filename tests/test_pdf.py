"""The printed summary: what page 1 says (pdftotext), vector only, fits one page, honest when empty."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from medjournal import __version__
from medjournal.storage import Journal
from tests.dates import at, d
from tests.dates import days as span

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def build_known_journal(journal: Journal) -> None:
    """Baseline 7.0 on 10 days, duloxetine from 02-01 (30 → 60 mg on 02-15), current 4.0 on 12 days:
    −3.0 (−43%).

    Doses 02-01 .. 03-15 (43 scheduled): 03-05 and 03-06 not recorded, 03-10 skipped -> 40 taken, 93%.
    Headache existed before the start; nausea is new. PHQ-9 item 9 answered 1 on 03-01.
    """
    journal.set_setting("summary_name", "Robin Testcase")
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01", purpose="low back pain")
    journal.change_dose("Duloxetine", 60, "2026-02-15", reason="titration")
    for day in span("2026-01-20", "2026-01-29"):
        journal.add_checkin(pain=7, mood=6, sleep=5, day=day, at=at(day, "09:00"))
    for day in span("2026-03-02", "2026-03-15", skip=("2026-03-04", "2026-03-08")):
        journal.add_checkin(pain=4, mood=6, sleep=6, day=day, at=at(day, "09:00"))
    for day in span("2026-02-01", "2026-03-15", skip=("2026-03-05", "2026-03-06", "2026-03-10")):
        journal.record_dose("Duloxetine", at=at(day))
    journal.record_dose("Duloxetine", "skipped", at=at(d("2026-03-10")))
    journal.add_side_effect("headache", 2, day="2026-01-25")
    journal.add_side_effect("headache", 1, day="2026-02-20")
    journal.add_side_effect("nausea", 2, day="2026-02-03")
    journal.add_side_effect("nausea", 1, day="2026-02-04")
    journal.add_questionnaire("phq9", [1, 1, 1, 1, 0, 0, 1, 0, 1], day="2026-03-01")
    journal.add_treatment("physical_therapy", day="2026-03-03", minutes=45)
    journal.add_question("Should I stay on 60 mg?")


def pdf_text(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """The pages' text, in reading order (table cells whole); ``layout`` keeps table rows on one line."""
    args = ["pdftotext", *(["-layout"] if layout else [])]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {
        key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())
    }


def image_rows(path: Path) -> list[str]:
    output = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return output.splitlines()[2:]  # after the two header lines


def write(journal: Journal, path: Path, **kwargs: Any) -> Path:
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.summary.summary import build_summary

    written: Path = write_pdf(build_summary(journal, **kwargs), path, journal)
    return written


@pytest.fixture
def known_pdf(journal: Journal, tmp_path: Path) -> Path:
    build_known_journal(journal)
    return write(journal, tmp_path / "summary.pdf")


def test_page_one_has_the_numbers_and_the_safety_flag_at_the_top(known_pdf: Path) -> None:
    page = pdf_text(known_pdf, 1, 1)
    flat = " ".join(page.split())
    assert "Robin Testcase" in flat and "self-reported data" in flat
    assert "2025-12-16 – 2026-03-15" in flat  # the last 90 days
    assert "7.0 (10 rated days)" in flat  # baseline mean
    assert "4.0 (12 rated days)" in flat  # current mean
    assert "−3.0 points (−43%)" in flat
    assert "meaningful improvement" in flat
    assert "change of 2 points or more: yes" in flat
    assert "93% of 43 scheduled: 40 taken, 1 skipped, 2 not recorded" in flat
    assert "30 mg from 2026-02-01 → 60 mg from 2026-02-15" in flat
    assert re.search(
        r"Nausea\s+2\s+1\.5 / 2\s+0 → 0\.\d\s+0\s+new since start, stopped \(last 2026-02-04\)", flat
    )
    # Headache: 1 day in the 14 before the start, 1 day (02-20) in the 43 since: 0.3 per 14 days, none lately.
    assert "Headache 2 1.5 / 2 1 → 0.3 0 less often since start, stopped (last 2026-02-20)" in flat
    assert "Should I stay on 60 mg?" in flat
    assert "Physical therapy: 1 session (0.1 a week) from 2026-03-03, 45 min" in flat
    # Safety first: the flag comes before everything but the header.
    flag = flat.index("PHQ-9 item 9 above 0")
    assert (
        flag < flat.index("Current medications") < flat.index("Is it working?") < flat.index("Side effects")
    )
    assert flat.index("Side effects") < flat.index("My questions for the doctor")
    assert "page 1 of" in flat


def test_pdf_is_vector_only_with_metadata_and_renders(known_pdf: Path, tmp_path: Path) -> None:
    assert image_rows(known_pdf) == []  # no raster image anywhere, the chart included
    info = pdf_info(known_pdf)
    assert info["Title"].startswith("Medication journal summary for Robin Testcase")
    assert info["Creator"] == f"medjournal {__version__}"
    assert info["CreationDate"]
    assert info["Page size"].startswith("595 x 842") or info["Page size"].startswith("612 x 792")
    pages = int(info["Pages"])
    rendered = subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(known_pdf), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert rendered.returncode == 0 and rendered.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    text = pdf_text(known_pdf)
    for number in range(1, pages + 1):
        assert f"page {number} of {pages}" in text


def test_later_pages_hold_the_daily_log_without_splitting_rows(known_pdf: Path) -> None:
    pages = int(pdf_info(known_pdf)["Pages"])
    assert pdf_text(known_pdf, 2, 2).lstrip().startswith("Daily log")
    later = pdf_text(known_pdf, 2, pages, layout=True)
    # every rated day is one whole row: its date, weekday and pain value on one line, exactly once
    for day in span("2026-03-02", "2026-03-15", skip=("2026-03-04", "2026-03-08")):
        rows = [
            line
            for line in later.splitlines()
            if line.strip().startswith(day.isoformat()) and "Side effects" not in line
        ]
        log_rows = [
            line for line in rows if re.search(rf"{day.isoformat()} {day.strftime('%a')}\s+4\.0", line)
        ]
        assert len(log_rows) == 1, (day, rows)
    flat = " ".join(later.split())
    assert "Side effects: every entry" in flat and "How these numbers are computed" in flat
    assert "regression to the mean" in flat


def test_demo_summary_fits_page_one(journal: Journal, tmp_path: Path) -> None:
    from medjournal.demo import write_demo

    write_demo(journal)
    path = write(journal, tmp_path / "demo.pdf")
    first = " ".join(pdf_text(path, 1, 1).split())
    for section in (
        "Current medications",
        "Is it working?",
        "Side effects",
        "Function and questionnaires",
        "Other treatments",
        "My questions for the doctor",
    ):
        assert section in first, section
    assert pdf_text(path, 2, 2).lstrip().startswith("Daily log")
    assert image_rows(path) == []


def test_empty_journal_gives_an_honest_pdf(journal: Journal, tmp_path: Path) -> None:
    path = write(journal, tmp_path / "empty.pdf")
    first = " ".join(pdf_text(path, 1, 1).split())
    assert "No entries in this period" in first
    assert "No medication recorded in this period" in first
    assert (
        "%" not in first.split("No entries in this period")[1].split("Side effects")[0]
    )  # no made-up numbers
    assert image_rows(path) == []
    assert subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "e")]).returncode == 0


def test_period_without_data_says_so(journal: Journal, tmp_path: Path) -> None:
    build_known_journal(journal)
    path = write(journal, tmp_path / "quiet.pdf", start=d("2025-06-01"), end=d("2025-06-30"))
    first = " ".join(pdf_text(path, 1, 1).split())
    assert "No entries in this period (2025-06-01 – 2025-06-30)" in first
    assert "days with a pain rating" not in first


@pytest.mark.parametrize(
    ("locale_name", "size"),
    [("en_US", "612 x 792"), ("en_CA", "612 x 792"), ("de_DE", "595 x 842"), ("en_GB", "595 x 842")],
)
def test_page_size_follows_the_locale(journal: Journal, tmp_path: Path, locale_name: str, size: str) -> None:
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:
        path = write(journal, tmp_path / "sized.pdf")
    finally:
        QLocale.setDefault(previous)
    assert pdf_info(path)["Page size"].startswith(size)


def test_page_size_can_be_chosen(journal: Journal, tmp_path: Path) -> None:
    from medjournal.domain.errors import ValidationError
    from medjournal.report.pdf.pdf import write_pdf
    from medjournal.report.summary.summary import build_summary

    report = build_summary(journal)
    letter = write_pdf(report, tmp_path / "letter.pdf", journal, page_size="Letter")
    assert pdf_info(letter)["Page size"].startswith("612 x 792")
    journal.set_setting("page_size", "A4")
    a4 = write_pdf(report, tmp_path / "a4.pdf", journal)
    assert pdf_info(a4)["Page size"].startswith("595 x 842")
    with pytest.raises(ValidationError, match="A4 or Letter"):
        write_pdf(report, tmp_path / "bad.pdf", journal, page_size="A5")
    assert not (tmp_path / "bad.pdf").exists()


def test_report_command_writes_the_pdf(journal: Journal, run_cli: Any, tmp_path: Path) -> None:
    build_known_journal(journal)
    journal.close()
    target = tmp_path / "from-cli.pdf"
    result = run_cli("report", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "−43%" in pdf_text(target, 1, 1)


def test_unwritable_target_is_one_clear_error(journal: Journal, tmp_path: Path) -> None:
    from medjournal.domain.errors import MedjournalError

    with pytest.raises(MedjournalError, match="missing-folder does not exist"):
        write(journal, tmp_path / "missing-folder" / "summary.pdf")


def test_pages_look_the_same_in_dark_mode(journal: Journal, qapp: Any) -> None:
    """Paper is white: a dark desktop palette must not turn the text light grey (preview, print and PDF)."""
    from PySide6.QtGui import QColor, QPalette

    from medjournal.report.pdf.pdf import layout_summary, page_image
    from medjournal.report.summary.summary import build_summary

    build_known_journal(journal)
    laid_out = layout_summary(build_summary(journal), journal)
    light = page_image(laid_out, 0, 40)
    previous = qapp.palette()
    dark = QPalette(previous)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        dark.setColor(role, QColor("#eeeeee"))
    qapp.setPalette(dark)
    try:
        in_dark_mode = page_image(laid_out, 0, 40)
    finally:
        qapp.setPalette(previous)
        laid_out.release()
    assert in_dark_mode == light
