"""The Summary view asks for a PGIC due near the period's end (domain/pgic_due.py; docs/summary.md, "The
impression of change before a visit"): a clear prompt above the pages, which opens the questionnaire; the summary
is built again with the answer. "Skip for today" remembers the skip as Today does, so neither asks again today.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QLabel, QVBoxLayout, QWidget

from medjournal.domain.due import DueQuestionnaire
from medjournal.domain.pgic_due import pgic_due_near_end
from medjournal.i18n import _, format_date
from medjournal.storage.journal import Journal
from medjournal.ui.buttons import left_row, quiet_button
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.journal_write import attempt
from medjournal.ui.today.questionnaire_card import QuestionnaireCard
from medjournal.ui.today.today_questionnaires import LOOK_BACK, SKIPPED_SETTING, medication_starts


def _skipped(journal: Journal) -> dict[str, date]:
    stored = journal.setting(SKIPPED_SETTING, {}) or {}
    return {key: date.fromisoformat(value) for key, value in stored.items() if isinstance(value, str)}


class PgicDialog(QDialog):
    """The PGIC card on its own; saving writes the answer for today and closes."""

    def __init__(self, journal: Journal, due: DueQuestionnaire, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(_("Impression of change"))
        self.card = QuestionnaireCard()
        self.card.show_questionnaire(due)
        self.card.answered.connect(self._save)
        self.card.skipped.connect(self._skip)
        # the card scrolls at a large font or on a small screen, its buttons stay in view below it; its lines
        # are of a readable length, measured in the font's characters
        self.card.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        scrolling_column(self).addWidget(self.card)
        self.card.move_buttons_to(foot(self))
        for first, second in itertools.pairwise(
            [*self.card.inputs, self.card.save_button, self.card.skip_button]
        ):
            QWidget.setTabOrder(first, second)  # the answers, then the buttons made before them
        self.card.focus_first()

    def _save(self, due: DueQuestionnaire, answers: list[int]) -> None:
        def write() -> object:
            return self.journal.add_questionnaire(due.instrument, answers, medication=due.medication_id)

        if attempt(write, self, self.card.show_error) is not None:
            self.accept()

    def _skip(self, due: DueQuestionnaire) -> None:
        if skip_for_today(self.journal, due, self.card):
            self.reject()


def skip_for_today(journal: Journal, due: DueQuestionnaire, parent: QWidget) -> bool:
    """Remember the skip as Today does (its questionnaires honour it too); nothing else is written."""
    skipped = dict(journal.setting(SKIPPED_SETTING, {}) or {})
    skipped[due.skip_key] = journal.today().isoformat()
    return attempt(lambda: journal.set_setting(SKIPPED_SETTING, skipped), parent) is not None


def prompt_text(due: DueQuestionnaire, today: date) -> str:
    """The prompt's sentence, saying plainly when the milestone opens: due now, tomorrow, or from a later day
    (a milestone within 7 days after the period's end is asked before the visit; docs/summary.md)."""
    name, reason = due.medication_name, due.reason
    if due.opens is None or due.opens <= today:
        text = _(
            "Before you show this summary: your impression of change (PGIC) about {name} is due ({reason}). "
            "Answer it now and the summary will include it."
        )
    elif due.opens == today + timedelta(days=1):
        text = _(
            "Before you show this summary: your impression of change (PGIC) about {name} is due tomorrow "
            "({reason}). Answer it now and the summary will include it."
        )
    else:
        text = _(
            "Before you show this summary: your impression of change (PGIC) about {name} is due from {day} "
            "({reason}). Answer it now and the summary will include it."
        )
    # Translators: a CLDR date pattern (day, month, year): "15 Mar 2026".
    day = format_date(due.opens, _("d MMM y")) if due.opens is not None else ""
    return text.format(name=name, reason=reason, day=day)


class PgicPrompt(QFrame):
    """ "Your impression of change is due …": Answer it now / Skip for today. ``answered`` after a PGIC is saved,
    ``skipped`` after a skip."""

    answered = Signal()
    skipped = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.due: DueQuestionnaire | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.answer_button = quiet_button(_("&Answer it now…"), self.answer)
        self.skip_button = quiet_button(_("S&kip for today"), self.skip)
        layout.addLayout(left_row(self.answer_button, self.skip_button))
        self.setVisible(False)

    def check(self, end: date) -> None:
        """Show the prompt when a PGIC is due within 7 days of ``end``. Only for a period that runs to today:
        the answer is dated today, and a period that ended earlier would leave it out."""
        today = self.journal.today()
        due: list[DueQuestionnaire] = []
        if end >= today:
            results = self.journal.questionnaires(end - LOOK_BACK, end, instrument="pgic")
            due = pgic_due_near_end(
                end, results, medication_starts(self.journal, today), _skipped(self.journal), today
            )
        self.due = due[0] if due else None
        if self.due is not None:
            self.text.setText(prompt_text(self.due, today))
        self.setVisible(self.due is not None)

    def answer(self) -> None:
        if self.due is None:
            return
        if PgicDialog(self.journal, self.due, self).exec() == QDialog.DialogCode.Accepted:
            self.setVisible(False)
            self.answered.emit()
        elif self.due.skip_key in _skipped(self.journal):
            self.setVisible(False)
            self.skipped.emit()

    def skip(self) -> None:
        if self.due is not None and skip_for_today(self.journal, self.due, self):
            self.setVisible(False)
            self.skipped.emit()
