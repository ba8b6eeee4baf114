"""The Summary view says what its period is from the period's kind, never from the words of its basis (the basis
is made in the summary's language, which may differ from the window's: docs/translating.md)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from medjournal.storage import Journal

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("summary_language", ["en", "de"])
def test_chosen_dates_are_said_as_chosen_whatever_the_summary_language(
    qtbot: Any, journal: Journal, summary_language: str
) -> None:
    from medjournal.ui.summary.summary_view import SummaryView

    journal.set_setting("summary_language", summary_language)
    journal.add_checkin(pain=6, mood=5, day="2026-03-14")
    view = SummaryView(journal)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.preview_ready, timeout=20000):
        view.show()
    view.preset_combo.setCurrentIndex(view.preset_combo.findData("custom"))
    qtbot.waitUntil(lambda: view.start_edit.isEnabled())
    view.start_edit.setDate(QDate(2026, 3, 1))
    view.start_edit.setFocus()
    with qtbot.waitSignal(view.preview_ready, timeout=20000):
        qtbot.keyClick(view.start_edit, Qt.Key.Key_Return)
    assert view.report.period.start.isoformat() == "2026-03-01"
    assert view.basis_label.text() == "Showing chosen dates (15 days)."
