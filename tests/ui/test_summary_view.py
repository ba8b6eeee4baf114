"""The Summary section: questions, a visit, and a PDF saved through the view (the file dialog is patched)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from medjournal.storage import Journal

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: Any, journal: Journal) -> Any:
    from medjournal.ui.summary.summary_view import SummaryView

    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_checkin(pain=6, mood=5, day="2026-03-14")
    widget = SummaryView(journal)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.preview_ready, timeout=20000):
        widget.show()
    return widget


def test_preview_shows_the_pages(view: Any) -> None:
    assert view.page_count() == view.layout_pages.page_count >= 2
    assert view.start_edit.date().toString("yyyy-MM-dd") == "2025-12-16"  # no visit yet: the last 90 days
    assert view.end_edit.date().toString("yyyy-MM-dd") == "2026-03-15"
    assert view.save_button.isEnabled()


def test_writing_a_question_saves_it_and_puts_it_on_page_one(view: Any, journal: Journal, qtbot: Any) -> None:
    view.question_edit.setText("Can I take it in the evening instead?")
    with qtbot.waitSignal(view.journal_changed), qtbot.waitSignal(view.preview_ready, timeout=20000):
        qtbot.keyClick(view.question_edit, Qt.Key.Key_Return)
    assert [q.text for q in journal.questions()] == ["Can I take it in the evening instead?"]
    assert view.questions_list.count() == 1
    assert view.question_edit.text() == ""
    assert view.report.to_json()["questions"] == ["Can I take it in the evening instead?"]


def test_an_empty_question_is_refused_without_writing(view: Any, journal: Journal) -> None:
    view.question_edit.setText("   ")
    view.add_question()
    assert journal.questions() == []
    assert "Write the question first" in view.status_label.text()


def test_marking_a_question_asked_removes_it(view: Any, journal: Journal, qtbot: Any) -> None:
    question = journal.add_question("Is the nausea expected?")
    view.refresh()
    qtbot.waitUntil(lambda: view.questions_list.count() == 1)
    view.questions_list.setCurrentRow(0)
    with qtbot.waitSignal(view.journal_changed):
        view.mark_asked_button.click()
    assert journal.questions() == []
    assert journal.questions(include_asked=True)[0].id == question.id
    assert journal.questions(include_asked=True)[0].asked_on is not None


def test_recording_a_visit_starts_the_next_period_today(view: Any, journal: Journal, qtbot: Any) -> None:
    journal.add_question("Should I stay on 60 mg?")
    view.refresh()
    view.visit_note_edit.setText("Kept 60 mg")
    with qtbot.waitSignal(view.journal_changed), qtbot.waitSignal(view.preview_ready, timeout=20000):
        view.visit_button.click()
    [visit] = journal.visits()
    assert visit.day.isoformat() == "2026-03-15" and visit.note == "Kept 60 mg"
    assert journal.questions() == []  # the box "mark my open questions as asked" is ticked by default
    assert "Last visit: 2026-03-15" in view.last_visit_label.text()
    assert "(today: the default summary starts from it tomorrow)" in view.last_visit_label.text()
    assert "Visit recorded" in view.status_label.text()
    # Today's visit does not start today's summary: it still covers the last 90 days, and says why.
    assert view.start_edit.date().toString("yyyy-MM-dd") == "2025-12-16"
    assert view.basis_label.text() == (
        "Showing the last 90 days. The visit today starts the next summary from 16 Mar 2026."
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_save_as_pdf_writes_the_file_chosen(
    view: Any, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "for-dr-lee"  # no suffix: the view adds .pdf
    asked: list[str] = []

    def choose(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
        asked.append(suggestion)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    with qtbot.waitSignal(view.pdf_saved) as saved:
        view.save_button.click()
    written = Path(saved.args[0])
    assert written == tmp_path / "for-dr-lee.pdf"
    assert asked and asked[0].endswith("medjournal-summary-2026-03-15.pdf")
    text = subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True, check=True).stdout
    assert "Medication journal summary" in text and "Duloxetine" in text
    assert "Saved" in view.status_label.text()


def test_cancelling_the_file_dialog_writes_nothing(
    view: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    view.save_pdf()
    assert list(tmp_path.glob("*.pdf")) == []


def test_chosen_dates_rebuild_the_preview(view: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    view.preset_combo.setCurrentIndex(view.preset_combo.findData("custom"))
    qtbot.waitUntil(lambda: not view._busy, timeout=20000)
    view.start_edit.setDate(QDate(2026, 3, 1))
    view.end_edit.setDate(QDate(2026, 3, 14))
    with qtbot.waitSignal(view.preview_ready, timeout=20000):
        view.end_edit.editingFinished.emit()
    assert view.report.to_json()["period"]["start"] == "2026-03-01"
    assert view.report.to_json()["period"]["end"] == "2026-03-14"


def test_a_period_that_ends_before_it_starts_is_explained(view: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    view.preset_combo.setCurrentIndex(view.preset_combo.findData("custom"))
    qtbot.waitUntil(lambda: not view._busy, timeout=20000)
    view.start_edit.setDate(QDate(2026, 3, 10))
    view.end_edit.setDate(QDate(2026, 3, 1))
    view.end_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not view._busy, timeout=20000)
    assert "starts after it ends" in view.status_label.text()
