"""The Today section's list of active warnings, each with its source and an Acknowledge button.

Acknowledging hides a warning from this list; it is never deleted (the journal keeps the acknowledgement with
its time, and the summary can still show it).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from medjournal.domain.warnings import JournalWarning, journal_prompts, journal_warnings
from medjournal.i18n import N_, _, ngettext
from medjournal.storage.journal import Journal
from medjournal.ui.accessibility import mute
from medjournal.ui.buttons import quiet_button
from medjournal.ui.journal_write import journal_write
from medjournal.ui.today.button_row import ButtonRow

OFFER_LABELS = {
    "phq9": N_("Answer the PHQ-9"),
    "self_harm": N_("Answer the self-harm question"),
    "help": N_("Where to get help"),
}


class WarningRow(QFrame):
    acknowledge_clicked = Signal(str)  # the warning's key
    offer_clicked = Signal(str)  # "phq9", "self_harm" or "help" (JournalWarning.offers)

    def __init__(self, warning: JournalWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setObjectName("warning-row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Text first, then its buttons on a line of their own: beside the text they squeezed a long note into a
        # narrow column, or widened Today past a 1366×768 screen.
        text = QVBoxLayout(self)
        self.title = QLabel(f"<b>{_escape(warning.title)}</b>")
        self.title.setWordWrap(True)  # a long title must not widen Today past a 1366×768 screen
        self.message = QLabel(warning.message)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        text.addWidget(self.title)
        text.addWidget(self.message)
        if warning.watch:
            self.watch = QLabel(warning.watch)
            self.watch.setWordWrap(True)
            self.watch.setTextFormat(Qt.TextFormat.PlainText)
            text.addWidget(self.watch)
        if warning.source:
            self.source = QLabel(_("Source: {source}").format(source=warning.source))
            self.source.setWordWrap(True)
            self.source.setTextFormat(Qt.TextFormat.PlainText)
            mute(self.source)
            text.addWidget(self.source)
        row = ButtonRow()  # side by side when they fit, one under the other in a longer language
        text.addWidget(row)
        self.offer_buttons: dict[str, QPushButton] = {}
        for offer in warning.offers:
            button = QPushButton(_(OFFER_LABELS[offer]) if offer in OFFER_LABELS else offer)
            if offer != "help":
                button.setToolTip(_("Optional; you can answer it now or later."))
            button.clicked.connect(lambda _checked=False, chosen=offer: self.offer_clicked.emit(chosen))
            row.add(button)
            self.offer_buttons[offer] = button
        self.acknowledge_button = QPushButton(_("Acknowledge"))
        self.acknowledge_button.setAccessibleName(_("Acknowledge: {title}").format(title=warning.title))
        self.acknowledge_button.setToolTip(_("Hide this note; it stays in your journal."))
        self.acknowledge_button.clicked.connect(lambda: self.acknowledge_clicked.emit(warning.key))
        row.add(self.acknowledge_button)


class WarningsPanel(QGroupBox):
    """``WarningsPanel(journal, parent)``: hidden when there is nothing to show. It writes (an acknowledgement)
    as a :class:`~medjournal.ui.section.JournalView` of its own; Today passes its ``journal_changed`` on."""

    journal_changed = Signal(object)  # None: an acknowledgement is about no day in particular
    offer_clicked = Signal(str)  # a row's offer: "phq9", "self_harm" or "help"

    def __init__(self, journal: Journal, parent: QWidget | None = None, *, load: bool = True) -> None:
        """``load=False``: the rows come with the owner's first :meth:`refresh` (Today refreshes every part
        once it is built; reading the warnings here too would work them out twice at the window's start)."""
        super().__init__(_("Notes to discuss"), parent)
        self.journal = journal
        self.rows: dict[str, WarningRow] = {}
        # Optional questions offered (domain/warnings.py journal_prompts), shown after the warnings.
        self.prompt_rows: dict[str, WarningRow] = {}
        self.rows_layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.rows_layout.addWidget(self.status)
        # The notes sit below the doses and the check-in; on a small screen they start below the fold. This
        # line, placed by Today at its top, says how many there are and takes the focus to the first one.
        self.notes_button = quiet_button(
            "", self.show_notes, _("Go to the notes to discuss, further down Today")
        )
        self.notes_button.setObjectName("notes-to-discuss-link")
        self.notes_button.setVisible(False)
        if load:
            self.refresh()
        else:
            self.setVisible(False)

    def warnings(self) -> list[JournalWarning]:
        return [row.warning for row in self.rows.values()]

    def refresh(self) -> None:
        for row in [*self.rows.values(), *self.prompt_rows.values()]:
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()
        self.prompt_rows.clear()
        now = self.journal.now()
        for found, into in (
            (journal_warnings(self.journal, now), self.rows),
            (journal_prompts(self.journal, now), self.prompt_rows),
        ):
            for warning in found:
                row = WarningRow(warning, self)
                row.acknowledge_clicked.connect(self.acknowledge)
                row.offer_clicked.connect(self.offer_clicked)
                self.rows_layout.addWidget(row)
                into[warning.key] = row
        self.setVisible(bool(self.rows or self.prompt_rows) or self.status.isVisibleTo(self))
        count = len(self.rows) + len(self.prompt_rows)
        text = ngettext("{n} note to discuss – Show", "{n} notes to discuss – Show", count).format(n=count)
        self.notes_button.setText(text)
        self.notes_button.setAccessibleName(text)
        self.notes_button.setVisible(count > 0)

    def show_notes(self) -> None:
        """Scroll to the notes and give the first one's first button the focus (a screen reader reads its
        name: "Acknowledge: <title>" or the offer)."""
        rows = [*self.rows.values(), *self.prompt_rows.values()]
        if not rows:
            return
        first = rows[0]
        target = next(iter(first.offer_buttons.values()), first.acknowledge_button)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(first, 0, 0)  # the start of the first note, its title in sight

    def refresh_days(self, _first: date, _last: date) -> None:
        self.refresh()

    def acknowledge(self, key: str) -> None:
        journal_write(
            self,
            lambda: self.journal.acknowledge_warning(key),
            show=self._show_error,
            done=lambda _ack: self.status.setVisible(False),
        )

    def _show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
