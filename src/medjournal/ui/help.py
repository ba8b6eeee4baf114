"""Help and About: the keyboard shortcuts, where the documentation is, and the version."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medjournal import __version__

DOCS_URL = "https://example.invalid/medjournal/docs"

KEYS = (
    ("Ctrl+1 … Ctrl+5", "Today, Medications, History, Trends, Summary"),
    ("T / S / U", "on a dose row: taken, skipped (with an optional reason), undo"),
    ("Alt+P, Alt+M, Alt+L", "jump to pain, mood, sleep"),
    ("0 – 3", "on a side effect: its severity (none, mild, moderate, severe)"),
    ("Alt+Y", "side effects: same as yesterday"),
    ("Ctrl+S or Enter", "save the check-in"),
    ("Alt+D", "choose the day (to fill in a missed day)"),
    ("F5", "refresh: show entries made meanwhile on the command line"),
    ("F1", "this help"),
    ("Ctrl+Q", "quit"),
)


def documentation_location() -> str:
    """The local docs folder when running from a source tree, else the project's documentation address."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        docs = parent / "docs"
        if (parent / "pyproject.toml").exists() and docs.is_dir():
            return docs.as_uri()
    try:
        for entry in metadata.metadata("medjournal").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "documentation":
                return str(url).strip()
    except metadata.PackageNotFoundError:
        pass
    return DOCS_URL


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("medjournal help")
        layout = QVBoxLayout(self)
        rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for keys, what in KEYS)
        self.location = documentation_location()
        text = QLabel(
            "<p>Log your doses and a check-in on <b>Today</b>; the other sections show and correct what you "
            "logged. Everything stays on this computer.</p>"
            "<p>The <b>File</b> menu backs up your journal now, exports it, and restores it from a backup; "
            "medjournal also backs it up by itself every day you use it.</p>"
            f"<p><b>Keyboard</b></p><table>{rows}</table>"
            f"<p>The full documentation: <a href='{self.location}'>{self.location}</a></p>"
        )
        text.setWordWrap(True)
        text.setOpenExternalLinks(False)
        text.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        docs = QPushButton("Open the documentation")
        docs.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.location)))
        buttons.addButton(docs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_help(parent: QWidget | None) -> HelpDialog:
    dialog = HelpDialog(parent)
    dialog.open()
    return dialog


def about_text() -> str:
    return (
        f"<h3>medjournal {__version__}</h3>"
        "<p>A private, offline medication journal: doses, pain, mood, sleep and side effects, "
        "with a one-page summary for your doctor.</p>"
        "<p>medjournal is a journal, not a medical device: it never tells anyone to start, stop or "
        "change a medication. Discuss what you log with your doctor.</p>"
        "<p>Licence: GPL-3.0-or-later.</p>"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About medjournal", about_text())
