"""The window in German: medjournal's texts, Qt's own buttons and the number widgets follow the language."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.ui.help import HelpDialog
from medjournal.ui.language import apply_language


def test_german_reaches_medjournal_and_qt_texts(qtbot: QtBot) -> None:
    try:
        assert apply_language("de") == "de"
        dialog = HelpDialog()
        qtbot.addWidget(dialog)
        text = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "Tastatur" in text and "Nebenwirkungen: wie gestern" in text
        assert dialog.windowTitle() == "medjournal-Hilfe"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "t",
            "t",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Ja"
        assert QLocale().toString(7.5) == "7,5"
    finally:
        apply_language("en")
    assert i18n.language() == "en"
    assert QLocale().toString(7.5) == "7.5"
