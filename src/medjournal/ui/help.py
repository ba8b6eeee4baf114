"""Help and About: the keyboard shortcuts, where the documentation is, and the version."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medjournal import __version__, manual
from medjournal.i18n import N_, _, language
from medjournal.ui.dialog_fit import fit_when_shown, foot, scrolling_column

KEYS = (
    (N_("Ctrl+1 … Ctrl+5"), N_("Today, Medications, History, Trends, Summary")),
    (N_("T / S / U"), N_("on a dose row: taken, skipped (with an optional reason), undo")),
    (N_("Alt+P, Alt+M, Alt+L"), N_("jump to pain, mood, sleep")),
    (N_("0 – 3"), N_("on a side effect: its severity (none, mild, moderate, severe)")),
    (N_("Alt+Y"), N_("side effects: same as yesterday")),
    (N_("Ctrl+S or Enter"), N_("save the check-in")),
    (N_("Alt+D"), N_("choose the day (to fill in a missed day)")),
    (N_("F5"), N_("refresh: show entries made meanwhile on the command line")),
    (N_("F1"), N_("this help")),
    (N_("Ctrl+Q"), N_("quit")),
)


class ManualDialog(QDialog):
    """The documentation shipped in the package, read inside the app (no network, no browser)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("medjournal documentation"))
        self.resize(980, 680)
        self.language = language()  # the guide in the window's language where it is translated
        self.pages = manual.pages(language=self.language)
        self.topics = QListWidget()
        self.topics.setAccessibleName(_("Documents"))
        self.topics.setWordWrap(True)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Document text"))
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self.follow)
        for page in self.pages:
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.name)
            self.topics.addItem(item)
        self.topics.currentRowChanged.connect(self.show_row)
        split = QSplitter()
        split.addWidget(self.topics)
        split.addWidget(self.text)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_when_shown(self)  # no larger than the screen (its list and text scroll by themselves)
        if self.pages:
            self.topics.setCurrentRow(0)
        else:
            self.text.setPlainText(_("This installation of medjournal has no documentation files."))

    def show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            page = self.pages[row]
            self.text.setSearchPaths([str(page.path.parent)])
            self.text.setMarkdown(page.text())

    def follow(self, url: QUrl) -> None:
        """A link to another shipped document opens it here; nothing is ever fetched from the network."""
        if url.scheme() in ("", "file"):
            page = manual.page_named(url.path(), language=self.language)
            if page is not None:
                self.topics.setCurrentRow(self.pages.index(page))
                return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # the person's own browser, at their click


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("medjournal help"))
        layout = scrolling_column(self)
        rows = "".join(
            f"<tr><td><b>{_(keys)}</b>&nbsp;&nbsp;</td><td>{_(what)}</td></tr>" for keys, what in KEYS
        )
        text = QLabel(
            _(
                "<p>Log your doses and a check-in on <b>Today</b>; the other sections show and correct what you "
                "logged. Everything stays on this computer.</p>"
            )
            + _(
                "<p>The <b>File</b> menu backs up your journal now, exports it, and restores it from a backup; "
                "medjournal also backs it up by itself every day you use it.</p>"
            )
            + "<p><b>{}</b></p><table>{}</table>".format(_("Keyboard"), rows)
            + _("<p>The full documentation is part of medjournal and opens here, without a network.</p>")
        )
        text.setWordWrap(True)
        # Wide enough for the key table's longest lines; as tall as the wrapped text where the screen has room,
        # and scrolling where it has not (a longer language wraps more: German was cut at the bottom).
        text.setMinimumWidth(text.fontMetrics().averageCharWidth() * 72)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        docs = QPushButton(_("Open the &documentation"))
        docs.clicked.connect(self.open_manual)
        buttons.addButton(docs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        foot(self).addWidget(buttons)
        self.manual: ManualDialog | None = None

    def open_manual(self) -> ManualDialog:
        self.manual = ManualDialog(self.parentWidget())
        self.manual.show()
        return self.manual


def show_help(parent: QWidget | None) -> HelpDialog:
    dialog = HelpDialog(parent)
    dialog.open()
    return dialog


def about_text() -> str:
    return (
        f"<h3>medjournal {__version__}</h3>"
        + _(
            "<p>A private, offline medication journal: doses, pain, mood, sleep and side effects, "
            "with a one-page summary for your doctor.</p>"
        )
        + _(
            "<p>medjournal is a journal, not a medical device: it never tells anyone to start, stop or "
            "change a medication. Discuss what you log with your doctor.</p>"
        )
        + _("<p>Licence: {licence}.</p>").format(licence="GPL-3.0-or-later")
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, _("About medjournal"), about_text())
