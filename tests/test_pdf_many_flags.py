"""More safety flags than page 1 holds (report/pdf/pdf_flags.py): page 1 lists the most serious and most recent, says
how many there are and where all of them are, and that page lists every one (pdftotext)."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from medjournal.report.pdf.pdf_flags import PAGE_ONE_FLAGS, page_one_flags, page_one_screening
from medjournal.report.summary.summary_types import FlagDoc
from tests.conftest import NOW, Cli
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

SELF_HARM_DAY = "2025-12-01"
# Positive PHQ-2s (no PHQ-9 after them), each a flag and a "PHQ-9 suggested" screening line, oldest first.
SCREEN_DAYS = [(date(2025, 12, 3) + timedelta(days=9 * n)).isoformat() for n in range(9)]


def flat(text: str) -> str:
    return " ".join(text.split())


def many_flags(journal_path: Path, tmp_path: Path, screens: list[str]) -> tuple[str, str, int]:
    """Page 1's text, the text of the pages after it, and the page count of a summary with these flags."""
    run = Cli(journal_path, NOW)
    # No medication: no dose flags, only the answers below.
    # The self-harm answer is the oldest flag and typed in months later: it is still on page 1, first.
    result = run("checkin", "--date", SELF_HARM_DAY, "--pain", "5", "--self-harm", "yes")
    assert result.exit_code == 0, result.output
    for day in screens:
        assert run("questionnaire", "phq2", "--answers", "2,1", "--date", day).exit_code == 0
    pdf = tmp_path / "summary.pdf"
    made = run("report", "--from", "2025-11-01", "--to", NOW.date().isoformat(), "-o", str(pdf))
    assert made.exit_code == 0, made.output
    pages = int(next(line for line in pdf_info(pdf) if line.startswith("Pages:")).split()[1])
    return flat(pdf_text(pdf, 1, 1)), flat(pdf_text(pdf, 2)), pages


def pdf_info(path: Path) -> list[str]:
    import subprocess

    return subprocess.run(
        ["pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()


def test_page_one_lists_five_and_names_the_page_listing_all(journal_path: Path, tmp_path: Path) -> None:
    first, rest, _ = many_flags(journal_path, tmp_path, SCREEN_DAYS)
    total = 1 + len(SCREEN_DAYS)
    assert f"Safety flags: please review first ({total})" in first
    assert f"{SELF_HARM_DAY} · Thoughts of self-harm: answered yes" in first
    shown = SCREEN_DAYS[-(PAGE_ONE_FLAGS - 1) :]
    for day in shown:
        assert f"{day} · PHQ-2 positive screen" in first
    for day in SCREEN_DAYS[: -(PAGE_ONE_FLAGS - 1)]:
        assert day not in first  # neither as a flag nor as a screening line
    assert (
        f"{total} flags in this period; shown here are {PAGE_ONE_FLAGS}, the most serious first and then the most "
        "recent. Every flag is listed on page 2." in first
    )
    assert f"{len(SCREEN_DAYS) - 2} earlier PHQ-9s suggested and not completed are listed on page 2." in first
    # Page 2 lists every flag and every screening line: nothing is hidden.
    assert rest.startswith(f"Safety flags: every flag ({total})")
    for day in [SELF_HARM_DAY, *SCREEN_DAYS]:
        assert day in rest.split("Daily log")[0]
    for day in SCREEN_DAYS:
        assert f"PHQ-9 suggested after the positive PHQ-2 of {day}; not completed." in rest


def test_five_flags_are_all_on_page_one_and_no_page_lists_them_again(
    journal_path: Path, tmp_path: Path
) -> None:
    first, rest, _ = many_flags(journal_path, tmp_path, SCREEN_DAYS[:2])
    assert "Safety flags: please review first (3)" in first
    for day in [SELF_HARM_DAY, *SCREEN_DAYS[:2]]:
        assert day in first
    assert "Every flag is listed" not in first and "earlier PHQ-9" not in first
    assert "Safety flags: every flag" not in rest


def flag(day: str, kind: str) -> FlagDoc:
    return FlagDoc(
        date=day,
        kind=kind,
        detail="",
        medication=None,
        safety_event=False,
        acknowledged=False,
        recorded_on=None,
    )


def test_the_most_serious_come_first_then_the_most_recent() -> None:
    flags = [
        flag("2020-01-01", "self_harm_question"),
        *(flag(f"2024-0{m}-01", "phq2_positive") for m in range(1, 8)),
        flag("2025-01-01", "missed_doses"),  # the most recent, but the least serious
        flag("not a day", "phq2_positive"),  # an unreadable date sorts as the oldest
    ]
    chosen = page_one_flags(flags)
    assert [f["date"] for f in chosen] == [
        "2020-01-01",
        "2024-04-01",
        "2024-05-01",
        "2024-06-01",
        "2024-07-01",
    ]
    assert page_one_flags(flags[:5]) == flags[:5]


def test_the_screening_status_keeps_the_self_harm_line_and_the_latest_suggestions() -> None:
    lines = ["Self-harm question: asked 3 times: always no.", "a", "b", "c", "d"]
    assert page_one_screening(lines, 4) == [
        lines[0],
        "2 earlier PHQ-9s suggested and not completed are listed on page 4.",
        "c",
        "d",
    ]
    assert page_one_screening(lines[:3], 4) == lines[:3]
