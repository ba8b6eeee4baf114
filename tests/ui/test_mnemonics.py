"""Each Alt+letter is used once on each section (with the menu bar's letters) and in each dialog, in every shipped
language: a letter used twice makes Alt+letter move between the two, and the person's first press lands on the
wrong one. The window is started the way the ``medjournal`` command starts it, on the demo journal (docs/
translating.md, "Shortcut letters")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMainWindow, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.walk_subjects import look_at_dialogs, on_the_demo, show_and_wait
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

SECTIONS = ("today", "medications", "history", "trends", "summary")
QUESTIONNAIRES = ("peg", "phq2", "phq9", "gad2", "pgic")


def letter(text: str) -> str:
    """The letter after a single "&" ("" when the text has none; "&&" is a drawn ampersand)."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def shortcut_texts(root: QWidget) -> list[str]:
    """The texts with an Alt+letter shown in ``root``: labels, buttons, group box titles and tabs, and a main
    window's menu bar."""
    texts = [action.text() for action in root.menuBar().actions()] if isinstance(root, QMainWindow) else []
    for widget in root.findChildren(QWidget):
        if widget.window() is not root.window() or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(index) for index in range(widget.count())]
    return [text for text in texts if letter(text)]


def clashes(root: QWidget) -> list[str]:
    """Each letter used more than once, with the texts that share it ("n: &Notiz | &Nebenwirkungen")."""
    by_letter: dict[str, list[str]] = {}
    for text in shortcut_texts(root):
        by_letter.setdefault(letter(text), []).append(text)
    return sorted(f"{key}: {' | '.join(texts)}" for key, texts in by_letter.items() if len(texts) > 1)


@pytest.mark.parametrize("language", i18n.available_languages())
def test_every_alt_letter_is_used_once_in_every_section_and_dialog(
    language: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, tmp_path: Path
) -> None:
    found: dict[str, list[str]] = {}
    read: dict[str, int] = {}

    def look(place: str, root: QWidget) -> None:
        QApplication.processEvents()
        found[place] = clashes(root)
        read[place] = len(shortcut_texts(root))

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1366, 768)
        for section in SECTIONS:
            show_and_wait(qtbot, window, section)
            look(section, window)
        for questionnaire in QUESTIONNAIRES:  # Journal › Fill in a questionnaire: its card on Today
            window.start_questionnaire(questionnaire)
            card = of_type(window.view("today"), TodayView).questionnaires.card
            qtbot.waitUntil(card.isVisible)
            look(questionnaire, window)
        look_at_dialogs(qtbot, window.journal, tmp_path, look)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.close()

    assert on_the_demo(monkeypatch, journal_path, language, session, days=60) == 0
    assert {place: shared for place, shared in found.items() if shared} == {}
    # the letters were read: the menu bar's four on each section, the fields of the dialogs with the most
    assert min(read[section] for section in SECTIONS) >= 4
    assert read["add medication"] >= 8 and read["first run"] >= 6


def test_the_walk_sees_a_shared_letter(qtbot: QtBot) -> None:
    """The check itself: two texts with the same letter are reported, "&&" is not a letter, a hidden label is
    not read."""
    from PySide6.QtWidgets import QCheckBox, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    hidden = QLabel("&Hidden")
    for widget in (QLabel("&Notiz"), QCheckBox("&Nebenwirkungen"), QLabel("Fish && &chips"), hidden):
        layout.addWidget(widget)
    root.show()
    hidden.hide()
    assert clashes(root) == ["n: &Notiz | &Nebenwirkungen"]
