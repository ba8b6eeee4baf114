"""A PGIC due near the period's end: the Summary view asks for it first, in the window, and builds the summary
with the answer; skipping is remembered for the day (docs/summary.md, "The impression of change before a visit")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.domain.due import MedicationStart
from medjournal.domain.pgic_due import pgic_due_near_end
from medjournal.domain.records import QuestionnaireResult
from medjournal.storage import Journal
from medjournal.ui.summary.summary_pgic import PgicDialog
from tests.ui.keys import Keyboard
from tests.ui.modal import with_modal

pytestmark = pytest.mark.gui

TODAY = date(2026, 3, 15)  # the fixture clock's day


@pytest.fixture
def summary(qtbot: Any, window: Any, journal: Journal) -> Any:
    """Duloxetine from 2026-02-01: the 4-week PGIC (from 2026-03-01) is open on the period's end, today."""
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_checkin(pain=6, mood=5, day="2026-03-14")
    view = window.view("summary")
    with qtbot.waitSignal(view.preview_ready, timeout=30000):
        window.show_section("summary")
    return view


def test_the_summary_asks_for_the_due_pgic_and_builds_again_with_the_answer(
    qtbot: Any, summary: Any, journal: Journal
) -> None:
    prompt = summary.pgic_prompt
    assert prompt.isVisible()
    assert (
        "impression of change (PGIC) about Duloxetine is due (4 weeks after starting Duloxetine)"
        in prompt.text.text()
    )
    assert summary.report.to_json()["medications"][0]["pgic"] == []
    keys = Keyboard(qtbot)

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PgicDialog)
        assert "Since starting Duloxetine on 2026-02-01" in " ".join(
            label.text() for label in dialog.card.findChildren(type(dialog.card.header))
        )
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.card.inputs[0])
        keys.press(Qt.Key.Key_Down)  # the first answer: 1 very much improved
        keys.press(Qt.Key.Key_Down)  # 2 much improved
        dialog.card.save_button.click()

    prompt.answer_button.setFocus()
    with qtbot.waitSignal(summary.preview_ready, timeout=30000):
        with_modal(lambda: keys.press(Qt.Key.Key_Space), answer)
    [pgic] = journal.questionnaires(instrument="pgic")
    assert (pgic.day, pgic.answers, journal.medication(pgic.medication_id or 0).name) == (
        TODAY,
        (2,),
        "Duloxetine",
    )
    assert not prompt.isVisible()
    assert [a["date"] for a in summary.report.to_json()["medications"][0]["pgic"]] == ["2026-03-15"]
    assert "Your impression of change is in the summary." in summary.status_label.text()


def test_skipping_writes_nothing_and_is_remembered_for_the_day(
    qtbot: Any, summary: Any, journal: Journal
) -> None:
    prompt = summary.pgic_prompt
    prompt.skip_button.click()
    assert not prompt.isVisible()
    assert journal.questionnaires(instrument="pgic") == []
    assert journal.setting("questionnaires_skipped") == {"pgic:1": "2026-03-15"}
    with qtbot.waitSignal(summary.preview_ready, timeout=30000):
        summary.rebuild_preview()
    assert not prompt.isVisible()


def test_a_period_that_ended_earlier_does_not_ask(qtbot: Any, summary: Any) -> None:
    summary.preset_combo.setCurrentIndex(summary.preset_combo.findData("custom"))
    summary.end_edit.setDate(summary.end_edit.date().addDays(-10))
    with qtbot.waitSignal(summary.preview_ready, timeout=30000):
        summary._dates_edited()
    assert not summary.pgic_prompt.isVisible()


def _pgic(day: date, medication_id: int = 1) -> QuestionnaireResult:
    return QuestionnaireResult(
        1, day, "pgic", (3,), 3.0, medication_id, recorded_at=f"{TODAY.isoformat()}T09:00:00"
    )


START = MedicationStart(1, "Duloxetine", date(2026, 1, 19))  # 4 weeks 02-16, 8 weeks 03-16, 12 weeks 04-13


@pytest.mark.parametrize(
    ("end", "answered", "asked"),
    [
        (date(2026, 3, 12), [], ("8 weeks after starting Duloxetine", date(2026, 3, 16))),  # 4 days before it
        # 8 days before it: the 4-week one
        (date(2026, 3, 8), [], ("4 weeks after starting Duloxetine", date(2026, 2, 16))),
        (date(2026, 3, 12), [_pgic(date(2026, 3, 6))], None),  # answered 6 days before the end
        (
            date(2026, 3, 12),
            [_pgic(date(2026, 3, 4))],
            ("8 weeks after starting Duloxetine", date(2026, 3, 16)),
        ),
        (
            date(2026, 3, 12),
            [_pgic(date(2026, 3, 6), medication_id=2)],
            ("8 weeks after starting Duloxetine", date(2026, 3, 16)),
        ),
        (date(2026, 5, 10), [], None),  # the 12-week one closed on 2026-04-27
        (date(2026, 1, 30), [], None),  # the first milestone is weeks away
    ],
)
def test_which_pgic_is_due_near_the_end(
    end: date, answered: list[QuestionnaireResult], asked: tuple[str, date] | None
) -> None:
    found = pgic_due_near_end(end, answered, [START])
    assert [(d.reason, d.opens) for d in found] == ([asked] if asked else [])
