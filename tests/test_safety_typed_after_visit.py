"""A safety answer typed in after a visit for a day before it (docs/summary.md, *Safety answers typed in after
their period began*): the summary from that visit on starts after the answer's day, and no summary had it. It
belongs to the next summary, dated by its own day and marked "recorded on", in the words, the JSON, page 1 and
the screening line; an answer recorded before the visit stays with the summary that covered it."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli
from tests.test_pdf import pdf_text

BEFORE_VISIT = datetime(2026, 12, 3, 12, 0).astimezone()
AFTER_VISIT = datetime(2026, 12, 7, 21, 30).astimezone()


def journal_with_a_visit(journal_path: Path) -> Cli:
    """Duloxetine from 1 November, pain rated through November, a visit on 3 December; the command line as it
    is on 7 December."""
    then = Cli(journal_path, BEFORE_VISIT)
    assert (
        then(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-11-01"
        ).exit_code
        == 0
    )
    for day in range(1, 31):
        assert then("checkin", "--pain", "5", "--date", f"2026-11-{day:02d}").exit_code == 0
    assert then("visit", "--date", "2026-12-03").exit_code == 0
    return Cli(journal_path, AFTER_VISIT)


def safety(later: Cli) -> dict[str, Any]:
    result = later("report", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["period"]["start"] == "2026-12-03", summary["period"]  # since the last visit
    return summary["safety"]


def test_a_phq9_typed_in_after_the_visit_for_a_day_before_it_is_in_the_next_summary(
    journal_path: Path,
) -> None:
    later = journal_with_a_visit(journal_path)
    typed = later("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,2", "--date", "2026-12-02")
    assert typed.exit_code == 0, typed.output
    found = safety(later)
    flags = {(f["kind"], f["date"], f["recorded_on"]) for f in found["flags"]}
    assert ("phq9_item9", "2026-12-02", "2026-12-07") in flags
    assert ("phq9_moderate", "2026-12-02", "2026-12-07") in flags  # its total of 10, the same way
    assert [(e["kind"], e["date"]) for e in found["events"]] == [("phq9_item9", "2026-12-02")]
    assert found["screening"]["self_harm_yes_dates"] == ["2026-12-02"]
    words = later("report").output
    assert "! 2026-12-02: PHQ-9 item 9 answered 'More than half the days'" in words
    assert "(recorded on 2026-12-07)" in words
    assert "Self-harm question: asked once: yes on 2026-12-02." in words
    assert "not asked in this period" not in words


def test_a_checkin_yes_typed_in_after_the_visit_for_a_day_before_it_is_in_the_next_summary(
    journal_path: Path,
) -> None:
    later = journal_with_a_visit(journal_path)
    typed = later("checkin", "--date", "2026-12-01", "--pain", "6", "--self-harm", "yes")
    assert typed.exit_code == 0, typed.output
    found = safety(later)
    assert [(f["kind"], f["date"], f["recorded_on"]) for f in found["flags"] if f["safety_event"]] == [
        ("self_harm_question", "2026-12-01", "2026-12-07")
    ]
    assert found["screening"]["self_harm_yes_dates"] == ["2026-12-01"]


def test_an_answer_recorded_before_the_visit_stays_with_the_summary_that_covered_it(
    journal_path: Path,
) -> None:
    """The guard: typed in on 2 December for 1 December, before the visit of 3 December, the summary then made
    had it; the summary from the visit on does not repeat it."""
    then = Cli(journal_path, datetime(2026, 12, 2, 20, 0).astimezone())
    assert (
        then(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-11-01"
        ).exit_code
        == 0
    )
    assert then("checkin", "--date", "2026-12-01", "--pain", "6", "--self-harm", "yes").exit_code == 0
    assert Cli(journal_path, BEFORE_VISIT)("visit", "--date", "2026-12-03").exit_code == 0
    found = safety(Cli(journal_path, AFTER_VISIT))
    assert not [f for f in found["flags"] if f["safety_event"]]
    assert found["events"] == []


@pytest.mark.gui
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_page_one_shows_the_answer_typed_in_after_the_visit(journal_path: Path, tmp_path: Path) -> None:
    later = journal_with_a_visit(journal_path)
    assert (
        later("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,2", "--date", "2026-12-02").exit_code
        == 0
    )
    pdf = tmp_path / "summary.pdf"
    made = later("report", "-o", str(pdf))
    assert made.exit_code == 0, made.output
    page_one = " ".join(pdf_text(pdf).split("\f")[0].split())
    assert "2026-12-02 · PHQ-9 item 9 above 0" in page_one, page_one
    assert "(recorded on 2026-12-07)" in page_one
    assert "Self-harm question: asked once: yes on 2026-12-02." in page_one
