"""Each Alt+letter is used once on each section (with the menu bar's letters) and in each dialog, in every shipped
language: a letter used twice makes Alt+letter move between the two, and the person's first press lands on the
wrong one. The window is started the way the ``medjournal`` command starts it, on the demo journal (docs/
translating.md, "Shortcut letters")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMainWindow, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.storage import Journal
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


def letter_text(label: QLabel) -> str:
    """The text Qt looks for a label's Alt+letter in: its own (rich text too), less rich text's entities
    ("&amp;" is a drawn "&", no letter)."""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        text = re.sub(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", "", text)
    return text


def labels_without_buddy(root: QWidget) -> list[str]:
    """The labels shown with an Alt+letter that moves to nothing: no buddy, or a buddy that takes no focus (a box
    holding a row of choices, which Qt skips) or passes it to nothing that takes it. Qt gives a label's letter to
    its buddy only."""
    found = []
    for label in root.findChildren(QLabel):
        if (
            label.window() is not root.window()
            or not label.isVisibleTo(root)
            or not letter(letter_text(label))
        ):
            continue
        buddy = label.buddy()
        target: QWidget | None = buddy
        while target is not None and target.focusProxy() is not None:
            target = target.focusProxy()
        if (
            buddy is None
            or target is None
            or Qt.FocusPolicy.NoFocus in (buddy.focusPolicy(), target.focusPolicy())
        ):
            found.append(label.text())
    return sorted(found)


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
    lost: dict[str, list[str]] = {}

    def look(place: str, root: QWidget) -> None:
        QApplication.processEvents()
        found[place] = clashes(root)
        read[place] = len(shortcut_texts(root))
        lost[place] = labels_without_buddy(root)

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
    assert {place: labels for place, labels in lost.items() if labels} == {}
    # the letters were read: the menu bar's four on each section, the fields of the dialogs with the most
    assert min(read[section] for section in SECTIONS) >= 4
    assert read["add medication"] >= 8 and read["first run"] >= 6


def test_the_walk_sees_a_label_whose_letter_moves_to_nothing(qtbot: QtBot) -> None:
    """The check itself: a label with a letter and no buddy, and one whose buddy is a box of choices that takes
    no focus, are reported; a label with a field for buddy, a label without a letter, "&&" and "&amp;" are not."""
    from PySide6.QtWidgets import QLineEdit, QRadioButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    field, choices = QLineEdit(), QWidget()
    QVBoxLayout(choices).addWidget(QRadioButton("At set &times"))
    alone, onto_box, onto_field = QLabel("Einnahme&plan"), QLabel("&Schedule"), QLabel("&Name")
    onto_box.setBuddy(choices)
    onto_field.setBuddy(field)
    for widget in (
        alone,
        onto_box,
        onto_field,
        field,
        choices,
        QLabel("Fish && chips"),
        QLabel("<b>A</b> &amp; B"),
    ):
        layout.addWidget(widget)
    root.show()
    assert labels_without_buddy(root) == ["&Schedule", "Einnahme&plan"]


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


@pytest.mark.parametrize("language", i18n.available_languages())
def test_the_schedule_letter_moves_to_the_choice_made(language: str, qtbot: QtBot, journal: Journal) -> None:
    """Add medication: Alt+letter of "Schedule" ("Einnahme&plan": Alt+P) moves to the schedule's choice made, and
    changes nothing; once "As needed" is chosen it moves there. Its row held the letter but took no focus."""
    from medjournal.ui.language import apply_language
    from medjournal.ui.medications.medication_dialog import MedicationDialog
    from tests.ui.keys import Keyboard

    apply_language(language)
    try:
        dialog = MedicationDialog(journal)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        schedule = dialog.schedule
        assert schedule is not None
        [label] = [label for label in dialog.findChildren(QLabel) if label.buddy() is schedule.choice]
        key = Qt.Key(ord(letter(label.text()).upper()))
        keys = Keyboard(qtbot)
        keys.press(key, Qt.KeyboardModifier.AltModifier)
        assert (QApplication.focusWidget(), schedule.at_times.isChecked()) == (schedule.at_times, True)
        keys.press(Qt.Key.Key_Right)  # the arrow chooses "As needed"
        assert schedule.as_needed.isChecked()
        dialog.name.setFocus()
        keys.press(key, Qt.KeyboardModifier.AltModifier)
        assert (QApplication.focusWidget(), schedule.as_needed.isChecked()) == (schedule.as_needed, True)
    finally:
        apply_language("en")
