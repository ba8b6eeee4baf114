"""Help opens the documentation shipped with the package, inside the app, without a network."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from medjournal import manual
from medjournal.ui.help import HelpDialog, ManualDialog

W = TypeVar("W", bound=QWidget)


def _visible(kind: type[W]) -> list[W]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_documentation_ships_and_the_user_guide_comes_first() -> None:
    pages = manual.pages()
    assert pages[0].name == "user-guide.md" and pages[0].title == "Using medjournal"
    assert {"data-safety.md", "methods.md", "summary.md"} <= {page.name for page in pages}
    assert manual.page_named("data-safety.md#backups") == next(p for p in pages if p.name == "data-safety.md")
    assert manual.page_named("https-nothing.md") is None


def test_the_help_button_opens_the_guide_and_links_stay_inside(qtbot: QtBot) -> None:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    button = next(b for b in dialog.findChildren(QPushButton) if "documentation" in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(_visible(ManualDialog)))
    shown = _visible(ManualDialog)[-1]
    qtbot.addWidget(shown)
    assert "Using medjournal" in shown.text.toPlainText()
    assert "Safety" in shown.text.toPlainText()
    shown.text.anchorClicked.emit(QUrl("data-safety.md"))
    assert shown.topics.currentItem().text() == "Data safety"
    assert shown.text.toPlainText().startswith("Data safety")
    shown.close()
