"""Help in German (docs/translating.md, "The documentation Help shows"): on a German window, F1 and "Dokumentation
öffnen" show the German user guide first (docs/de/user-guide.md) and the other documents in English; the keys the
guide and the Help dialog name do what they say on German Today, whose mnemonics are each used once.

The window is started as the ``medjournal`` command starts it, with the journal's language set to German.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMainWindow, QPushButton, QWidget

from medjournal import manual
from medjournal.ui.help import HelpDialog, ManualDialog
from medjournal.ui.language import apply_language
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.test_history_gone_german import NOW, german_journal

pytestmark = pytest.mark.gui

GUIDE_ROW = re.compile(r"^\| ([^|]+) \| ([^|]+) \|$")


def _guide_keys() -> dict[str, str]:
    """The German guide's keyboard table: what it says each key does."""
    page = manual.pages(language="de")[0]
    return {
        match.group(2).strip(): match.group(1).strip()
        for line in page.text().splitlines()
        if (match := GUIDE_ROW.match(line)) and "+" in match.group(1)
    }


def _buddy(window: QWidget, label_text: str) -> QWidget:
    label = next(
        w
        for w in window.findChildren(QLabel)
        if w.text().replace("&", "") == label_text and w.isVisibleTo(window)
    )
    buddy = label.buddy()
    assert buddy is not None, label_text
    return buddy


def _mnemonics(window: QMainWindow) -> list[str]:
    """The Alt+letter of every text shown on the current section and in the menu bar."""
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [
        w.text()
        for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)
        if w.isVisibleTo(window)
    ]
    found = []
    for text in texts:
        plain = text.replace("&&", "")
        if "&" in plain:
            found.append(plain[plain.index("&") + 1].lower())
    return found


def _visible(kind: type) -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_a_german_window_shows_the_german_guide_and_its_keys_work(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    german_journal(db)
    keys = _guide_keys()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, QMainWindow)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        letters = _mnemonics(window)
        seen["shared mnemonics"] = sorted({letter for letter in letters if letters.count(letter) > 1})
        keyboard = Keyboard(qtbot)
        jumps = keys["zu Schmerz, Stimmung, Schlaf springen"].split(", ")
        targets = ["Schmerz jetzt", "Stimmung heute", "Schlaf letzte Nacht"]
        jumps.append(keys["den Tag wählen (um einen versäumten Tag nachzutragen)"])
        targets.append("Tag")
        for key, target in zip(jumps, targets, strict=True):
            keyboard.play(key)
            buddy = _buddy(window, target)
            focus = QApplication.focusWidget()
            seen[key] = focus is not None and (focus is buddy or buddy.isAncestorOf(focus))
        keyboard.press(Qt.Key.Key_F1)  # the Help dialog
        qtbot.waitUntil(lambda: bool(_visible(HelpDialog)))
        help_dialog = _visible(HelpDialog)[-1]
        seen["help"] = " ".join(w.text() for w in help_dialog.findChildren(QLabel))
        button = next(b for b in help_dialog.findChildren(QPushButton) if "Dokumentation" in b.text())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(_visible(ManualDialog)))
        shown = _visible(ManualDialog)[-1]
        seen["first topic"] = shown.topics.item(0).text()
        seen["guide"] = shown.text.toPlainText()
        shown.text.anchorClicked.emit(QUrl("data-safety.md#backups"))
        seen["link"] = shown.topics.currentItem().text()
        shown.close()
        help_dialog.close()
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")
    assert seen["shared mnemonics"] == []
    assert [seen[key] for key in ("Alt+S", "Alt+M", "Alt+L", "Alt+G")] == [True] * 4
    help_text = " ".join(str(seen["help"]).split())
    assert "Heute, Medikamente, Einträge, Verlauf, Zusammenfassung" in help_text
    assert "Alt+S, Alt+M, Alt+L" in help_text and "Alt+G" in help_text and "Alt+D" not in help_text
    assert seen["first topic"] == "medjournal benutzen"
    guide = str(seen["guide"])
    assert (
        guide.startswith("medjournal benutzen") and "Sicherheit" in guide and "Using medjournal" not in guide
    )
    assert seen["link"] == "Data safety"  # the other documents stay English


def test_an_english_window_keeps_the_english_guide() -> None:
    dialog_pages = manual.pages(language="en")
    assert dialog_pages[0].title == "Using medjournal"
    assert manual.pages(language="de_AT")[0].title == "medjournal benutzen"
    assert [p.name for p in dialog_pages[1:]] == [p.name for p in manual.pages(language="de")[1:]]
    assert manual.guide_languages() == ["de"]
