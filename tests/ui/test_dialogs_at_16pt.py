"""At a 16 pt system font on a 1366×768 screen, in English and in German, every section and every dialog of the
window started as the ``medjournal`` command starts it fits the screen or scrolls: no field, button or combo box
lower than it needs, no word-wrapped text shorter than its lines, no button off the screen or below the dialog's
edge, no text cut (docs/translating.md, "Room for larger fonts")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from medjournal.ui import dialog_fit
from medjournal.ui.journal.first_run import FirstRunDialog
from medjournal.ui.main_window import MainWindow
from tests.ui.fit_checks import out_of_reach, short_wrapped_labels, squashed
from tests.ui.pseudo_walk import clipped
from tests.ui.test_large_font import system_font  # noqa: F401 - the 16 pt fixture
from tests.ui.walk_subjects import look_at_dialogs, on_the_demo, show_and_wait

pytestmark = pytest.mark.gui

SCREEN = QRect(0, 0, 1366, 768)
SECTIONS = ("today", "medications", "history", "trends", "summary")


def problems(root: QWidget) -> list[tuple[str, str]]:
    QApplication.processEvents()  # the layout of what was just shown settles
    return [
        *squashed(root),
        *short_wrapped_labels(root),
        *out_of_reach(root, SCREEN),
        *(("clipped " + where, text) for where, text in clipped(root, SCREEN.width())),
    ]


@pytest.mark.usefixtures("system_font")
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_section_and_dialog_fits_1366_by_768_at_16_pt(
    language: str,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    journal_path: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(dialog_fit, "available", lambda _widget: SCREEN)  # the offscreen screen is 800×800
    found: dict[str, list[tuple[str, str]]] = {}

    def look(place: str, root: QWidget) -> None:
        found[place] = problems(root)

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(SCREEN.size())
        qtbot.waitUntil(lambda: window.width() == SCREEN.width())
        for section in SECTIONS:
            show_and_wait(qtbot, window, section)
            look(section, window)
        look_at_dialogs(qtbot, window.journal, tmp_path, look)
        # the guided start once a medication is added: its confirmation is three lines
        start = FirstRunDialog(window.journal)
        start.show()
        qtbot.waitExposed(start)
        qtbot.keyClicks(start.name, "Sertraline")
        qtbot.mouseClick(start.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(start.message.text()))
        look("first run, added", start)
        found["added"] = [] if "Sertraline" in [m.name for m in window.journal.medications()] else [("", "")]
        start.close()
        start.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.close()

    assert on_the_demo(monkeypatch, journal_path, language, session, days=120) == 0
    assert {place: cut for place, cut in found.items() if cut} == {}
    assert set(found) >= {
        *SECTIONS,
        "first run",
        "settings",
        "add medication",
        "stop",
        "help",
        "first run, added",
    }


@pytest.mark.usefixtures("system_font")
def test_a_long_dialog_scrolls_and_keeps_its_buttons_on_the_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks themselves: forty lines of text in a dialog of the usual kind (everything in one column) run off
    a 1366×768 screen and squeeze; put in a scrolling column they fit and the buttons stay in view."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

    monkeypatch.setattr(dialog_fit, "available", lambda _widget: SCREEN)

    def fill(column: QVBoxLayout) -> None:
        for line in range(40):
            label = QLabel(
                f"Line {line} of a long explanation that wraps onto a second line at this width " * 2
            )
            label.setWordWrap(True)
            column.addWidget(label)
        column.addWidget(QLineEdit("a field"))

    plain = QDialog()
    qtbot.addWidget(plain)
    column = QVBoxLayout(plain)
    fill(column)
    column.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Save))
    plain.resize(600, 700)  # what a window manager does with a dialog taller than the screen
    plain.show()
    qtbot.waitExposed(plain)
    assert squashed(plain) != [] or short_wrapped_labels(plain) != []

    scrolling = QDialog()
    qtbot.addWidget(scrolling)
    fill(dialog_fit.scrolling_column(scrolling))
    layout = scrolling.layout()
    assert layout is not None
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Save))
    scrolling.show()
    qtbot.waitExposed(scrolling)
    assert problems(scrolling) == []
    assert scrolling.height() <= SCREEN.height() - dialog_fit.FRAME.height()
