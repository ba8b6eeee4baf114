"""Today fits a 1280-pixel window in every language: in German and in the pseudo-locale (40 % longer) the page
does not scroll sideways and nothing in it is wider than the scroll area's viewport (docs/translating.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.demo import write_demo
from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.warnings_panel import WarningRow
from tests.ui.keys import start_like_the_command

pytestmark = pytest.mark.gui


def too_wide(scroll: QScrollArea) -> list[tuple[str, int]]:
    """The visible widgets on Today's page wider than the viewport, or whose smallest size is."""
    room = scroll.viewport().width()
    page = scroll.widget()
    assert page is not None
    found = []
    for widget in [page, *page.findChildren(QWidget)]:
        if not widget.isVisibleTo(page):
            continue
        width = max(widget.width(), widget.minimumSizeHint().width())
        if width > room:
            found.append((f"{type(widget).__name__} {widget.objectName()}".strip(), width))
    return found


@pytest.mark.parametrize("language", ["de", i18n.PSEUDO])
def test_today_fits_1280_pixels_without_scrolling_sideways(
    qapp: QApplication,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    journal_path: Path,
    language: str,
) -> None:
    """``LANGUAGE=de medjournal --db journal.db`` at 1280×800 on the screenshots' journal: an evening, 120 days of
    entries, a note with three buttons (PHQ-2 of 3: answer the PHQ-9, the self-harm question, acknowledge)."""
    clock = FixedClock(datetime(2026, 3, 15, 19, 40).astimezone())
    demo = open_journal(journal_path, clock)
    write_demo(demo, days=120)
    demo.set_setting("language", language)
    demo.set_setting("country", "DE")
    demo.close()
    monkeypatch.setenv("LANGUAGE", language)
    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 10))  # a Linux desktop's usual font, as in docs/screenshots
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280)
        window.show_section("today")
        qtbot.waitUntil(lambda: window.current_section() == "today")
        scroll = window.findChild(QScrollArea, "today_scroll")
        assert scroll is not None
        qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
        rows = window.findChildren(WarningRow)
        seen["buttons"] = max((len(row.findChildren(QPushButton)) for row in rows), default=0)
        seen["scroll"] = scroll.horizontalScrollBar().maximum()
        seen["too wide"] = too_wide(scroll)
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, clock.now().isoformat(), session) == 0
    finally:
        apply_language("en")
        QApplication.setFont(font)
    assert seen["buttons"] == 3  # the row that used to widen Today is there
    assert seen["scroll"] == 0, seen["too wide"]
    assert seen["too wide"] == []
