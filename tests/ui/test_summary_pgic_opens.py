"""The Summary view's PGIC prompt says plainly when the milestone opens: due now, "due tomorrow", or "due from
18 Mar 2026", counted from the medication's start, not from a later dose step; one pair of brackets, in English
and German (docs/summary.md, "The impression of change before a visit")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from medjournal.domain.due import MedicationStart
from medjournal.domain.pgic_due import pgic_due_near_end
from medjournal.i18n import use_language
from medjournal.storage import Journal
from medjournal.ui.summary.summary_pgic import prompt_text

pytestmark = pytest.mark.gui

TODAY = date(2026, 3, 15)  # the fixture clock's day
BEFORE = "Before you show this summary: your impression of change (PGIC) about Duloxetine is due"
AFTER = "(8 weeks after starting Duloxetine). Answer it now and the summary will include it."


@pytest.mark.parametrize(
    ("start", "when"),
    [
        ("2026-01-19", "tomorrow"),  # 8 weeks: 2026-03-16
        ("2026-01-21", "from 18 Mar 2026"),
        ("2026-01-18", ""),  # 8 weeks: today
    ],
)
def test_the_prompt_says_when_the_milestone_opens(
    qtbot: Any, window: Any, journal: Journal, start: str, when: str
) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start=start)
    journal.change_dose("Duloxetine", 60, "2026-02-02")  # a later dose step: the start still counts
    view = window.view("summary")
    with qtbot.waitSignal(view.preview_ready, timeout=30000):
        window.show_section("summary")
    assert view.pgic_prompt.isVisible()
    assert view.pgic_prompt.text.text() == " ".join(filter(None, (BEFORE, when, AFTER)))


@pytest.mark.parametrize(
    ("start", "german"),
    [
        (date(2026, 1, 19), "ist morgen fällig"),
        (date(2026, 1, 21), "ist ab 18. März 2026 fällig"),
        (date(2026, 1, 18), "ist fällig"),
    ],
)
def test_the_prompt_in_german(start: date, german: str) -> None:
    with use_language("de"):
        [due] = pgic_due_near_end(TODAY, [], [MedicationStart(1, "Duloxetine", start)])
        text = prompt_text(due, TODAY)
    assert f"zu Duloxetine {german} (8 Wochen nach Beginn von Duloxetine)." in text
    assert text.count("(") == 2 and "((" not in text and "))" not in text
