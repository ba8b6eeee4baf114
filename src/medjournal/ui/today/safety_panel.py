"""The safety panel (docs/clinical.md §6), shown at once after a PHQ-9 item 9 answer above 0 or a "yes" to
the journal's own question about thoughts of being better off dead or of self-harm.

Calm words, crisis lines for the country setting (numbers only from the reviewed data file, with its review
date), the emergency number, "contact your prescriber", and that medjournal is offline and alerts no one.
It cannot be dismissed by a stray keypress: Escape and Enter do nothing, there is no default button and no
close button; it closes only with a deliberate click on "I have read this". What it showed is stored with the
safety event the Journal API recorded.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import knowledge
from medjournal.domain.knowledge import CrisisInfo
from medjournal.i18n import _, numeric_date
from medjournal.storage.journal import Journal
from medjournal.ui import errors
from medjournal.ui.buttons import quiet_button
from medjournal.ui.dialog_fit import fit_when_shown


def panel_html(info: CrisisInfo) -> str:
    """The panel's words for one country. Every number comes from ``info`` (the reviewed data file)."""
    if info.lines:
        items = "".join(
            f"<li><b>{html.escape(line.name)}: {html.escape(line.number)}</b> ({html.escape(line.how)})</li>"
            for line in info.lines
        )
        lines = (
            _("<p>Crisis lines in {country}:</p>").format(country=html.escape(info.label))
            + f"<ul>{items}</ul>"
        )
        if info.from_system:
            lines += _(
                "<p><small>{country} is taken from your system's settings. If you are somewhere else, choose "
                "your country below; you can change it later in Settings.</small></p>"
            ).format(country=html.escape(info.label))
    else:
        lines = _(
            "<p>medjournal has no reviewed crisis line for this country yet. Choose your country below "
            "if it is listed, or ask your doctor or local health service for the number of a crisis "
            "line near you.</p>"
        )
    if info.emergency:
        danger = _("<p><b>If you are in immediate danger, call your emergency number, {number}, now.</b></p>")
        danger = danger.format(number=html.escape(info.emergency))
    else:
        danger = _("<p><b>If you are in immediate danger, call your local emergency number now.</b></p>")
    return (
        _("<h2>Please reach out for support</h2>")
        + _(
            "<p>Thank you for answering honestly. Thoughts of being better off dead or of hurting yourself can "
            "come with long-lasting pain, with low mood, and sometimes after starting or changing a medication. "
            "You do not have to deal with them alone: talking to someone can help, today.</p>"
        )
        + lines
        + danger
        + _(
            "<p>Please contact your prescriber or doctor soon and tell them about these thoughts, especially if "
            "you started, stopped or changed a medication recently.</p>"
        )
        + _(
            "<p>medjournal is offline: it has not sent your answer to anyone and it alerts no one. Your answer "
            "is kept in your journal and shown at the top of your summary for your doctor.</p>"
        )
        + _("<p><small>Crisis numbers reviewed on {date}.</small></p>").format(
            date=html.escape(_reviewed_on(info.reviewed_on))
        )
    )


def _reviewed_on(day: str) -> str:
    """The data file's review day by locale ("06.12.2026" in German), as it is given when it is not a date."""
    try:
        return numeric_date(date.fromisoformat(day))
    except ValueError:
        return day


def shown_text(info: CrisisInfo) -> str:
    """What the panel showed, in one line, stored with the safety event."""
    lines = "; ".join(f"{line.name} {line.number} ({line.how})" for line in info.lines)
    lines = lines or "no crisis line listed"
    emergency = info.emergency or "local emergency number"
    return (
        f"Safety panel for {info.label} ({info.country}{', from the system' if info.from_system else ''}): "
        f"{lines}; emergency {emergency}; "
        f"numbers reviewed on {info.reviewed_on}."
    )


class SafetyPanel(QDialog):
    """Modal; closes only through :meth:`acknowledge` (the "I have read this" button)."""

    def __init__(self, journal: Journal, event_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.event_id = event_id
        self.shown: list[str] = []
        self._may_close = False
        self.setWindowTitle(_("medjournal: support"))
        self.setModal(True)
        # No close button in the title bar: closing is a deliberate click on the button below.
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setAccessibleName(_("Support information"))
        layout.addWidget(self.text, 1)

        row = QHBoxLayout()
        country_label = QLabel(_("Country for crisis lines:"))
        self.country = QComboBox()
        for code, label in knowledge.crisis_countries():
            self.country.addItem(label, code)
        country_label.setBuddy(self.country)
        row.addWidget(country_label)
        row.addWidget(self.country, 1)
        layout.addLayout(row)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.read_button = quiet_button(_("I have read this"), self.acknowledge)
        self.read_button.setDefault(False)
        buttons.addWidget(self.read_button)
        layout.addLayout(buttons)

        # No country in the journal: the system locale's, if the reviewed data has it (docs/clinical.md §6.2).
        info = knowledge.journal_crisis_info(journal.setting("country"))
        self.country.setCurrentIndex(max(0, self.country.findData(info.country)))
        self.country.currentIndexChanged.connect(self._country_changed)
        self._show(info)
        self.text.setFocus()
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 30)
        fit_when_shown(self)  # no taller than the screen: the text scrolls, the button stays in view

    def info(self) -> CrisisInfo:
        return knowledge.crisis_info(str(self.country.currentData()))

    def _show(self, info: CrisisInfo) -> None:
        self.text.setHtml(panel_html(info))
        self.shown.append(shown_text(info))
        event_id = self.event_id
        if event_id is not None:
            text = " | ".join(self.shown)
            errors.guarded(self, lambda: self.journal.note_safety_panel_shown(event_id, text))

    def _country_changed(self) -> None:
        code = str(self.country.currentData())
        errors.guarded(self, lambda: self.journal.set_setting("country", code))
        self._show(knowledge.crisis_info(code))

    def plain_text(self) -> str:
        return self.text.toPlainText()

    def acknowledge(self) -> None:
        self._may_close = True
        self.accept()

    # A stray key never closes the panel.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._may_close:
            super().reject()

    def done(self, result: int) -> None:
        if self._may_close:
            super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()
