"""The questionnaires part of Today: what is due (domain.due), the card, saving and skipping.

A positive PHQ-2 (3 or more) offers the full PHQ-9 next. A PHQ-9 item 9 answer above 0 makes the Journal API
record a safety event; this section then asks Today to open the safety panel at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from medjournal.domain import instruments
from medjournal.domain.due import DueQuestionnaire, MedicationStart, questionnaires_due
from medjournal.domain.records import QuestionnaireResult, Regimen
from medjournal.i18n import _, format_decimal
from medjournal.storage.journal import Journal
from medjournal.ui import errors
from medjournal.ui.journal_write import journal_write, written
from medjournal.ui.section import Section
from medjournal.ui.today.checkin_form import muted_label
from medjournal.ui.today.questionnaire_card import QuestionnaireCard
from medjournal.ui.today.today_activities import ActivitiesPrompt, ActivityRatings

SKIPPED_SETTING = "questionnaires_skipped"  # journal setting: {skip key: "YYYY-MM-DD"}
LOOK_BACK = timedelta(days=120)


def run_start(steps: list[Regimen], day: date) -> date | None:
    """When the current run of a medication started: back through dose steps that follow on without a gap."""
    ordered = sorted((s for s in steps if s.start_date <= day), key=lambda s: (s.start_date, s.id))
    if not ordered or not ordered[-1].active_on(day):
        return None
    start = ordered[-1].start_date
    for previous in reversed(ordered[:-1]):
        if previous.end_date is not None and previous.end_date >= start - timedelta(days=1):
            start = min(start, previous.start_date)
        else:
            break
    return start


def medication_starts(journal: Journal, day: date) -> list[MedicationStart]:
    """Scheduled medications taken on ``day``, with the start of their current run: those the PGIC asks about
    (on Today and in the Summary)."""
    found = []
    by_medication = journal.regimens_by_medication()
    for medication in journal.medications():
        steps = by_medication.get(medication.id, [])
        started = run_start(steps, day)
        current = [s for s in steps if s.active_on(day)]
        # PGIC asks about a medication under evaluation: scheduled ones, not as-needed painkillers.
        if started is not None and current and not current[-1].as_needed:
            found.append(MedicationStart(medication.id, medication.name, started))
    return found


class QuestionnaireSection(QGroupBox):
    """Writes for ``section`` (Today), which reads the day again after a questionnaire is saved."""

    safety_event = Signal(object)  # SafetyEvent

    def __init__(self, journal: Journal, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(_("Questionnaires"), parent)
        self.journal = journal
        self.section = section
        self.day = journal.today()
        self.due: list[DueQuestionnaire] = []
        self.requested: DueQuestionnaire | None = None
        layout = QVBoxLayout(self)
        self.none_due = muted_label(_("No questionnaire is due today; the Journal menu has all of them."))
        layout.addWidget(self.none_due)
        self.card = QuestionnaireCard()
        self.card.answered.connect(self.save_answers)
        self.card.skipped.connect(self.skip)
        layout.addWidget(self.card)
        # The person's own activities are asked inside the PEG's card, under its questions (today_activities.py).
        self.activity_ratings = ActivityRatings()
        self.card.layout_.insertWidget(self.card.layout_.indexOf(self.card.body) + 1, self.activity_ratings)
        self.activity_ratings.setVisible(False)
        self.activities_prompt = ActivitiesPrompt(journal)
        self.activities_prompt.open_setup.connect(self.set_up_activities)
        self.activities_prompt.changed.connect(lambda: self.refresh(self.day))
        layout.addWidget(self.activities_prompt)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        layout.addWidget(self.status)

    def starts(self, day: date) -> list[MedicationStart]:
        return medication_starts(self.journal, day)

    def refresh(self, day: date) -> None:
        if day != self.day:
            self.requested = None
        self.day = day
        past = day < self.journal.today()
        self.card.say_day(past)
        self.none_due.setText(  # a past day says "that day" (docs/today.md)
            _("No questionnaire is due that day; the Journal menu has all of them.")
            if past
            else _("No questionnaire is due today; the Journal menu has all of them.")
        )
        skipped = {
            key: date.fromisoformat(value)
            for key, value in (self.journal.setting(SKIPPED_SETTING, {}) or {}).items()
        }
        results = self.journal.questionnaires(day - LOOK_BACK, day)
        self.due = questionnaires_due(day, results, self.starts(day), skipped)
        self._show_next()

    def _show_next(self) -> None:
        self.activities_prompt.setVisible(self.activities_prompt.wanted())
        current = self.requested or (self.due[0] if self.due else None)
        if current is None:
            self.card.setVisible(False)
            self.none_due.setVisible(True)
            return
        self.none_due.setVisible(False)
        more = len([d for d in self.due if d != current])
        asked = self.journal.activities() if current.instrument == "peg" else []
        self.activity_ratings.set_activities(asked)
        self.activity_ratings.setVisible(bool(asked))
        if self.card.due == current and not self.card.isHidden():
            self._tab_through_activities()  # the activities may have changed under the same card
            return  # keep answers being typed when another section's write refreshes Today
        self.card.show_questionnaire(current, more)
        self.activity_ratings.clear()
        self._tab_through_activities()

    def _tab_through_activities(self) -> None:
        """Tab goes from the PEG's last answer to each activity, then to Save."""
        if not self.activity_ratings.isVisibleTo(self.card) or not self.card.inputs:
            return
        previous: QWidget = self.card.inputs[-1]
        for spin in self.activity_ratings.inputs:
            QWidget.setTabOrder(previous, spin)
            previous = spin
        QWidget.setTabOrder(previous, self.card.save_button)

    def set_up_activities(self) -> None:
        from medjournal.ui.today.activities_dialog import ActivitiesDialog

        dialog = ActivitiesDialog(self.journal, self)
        changes: list[bool] = []
        dialog.changed.connect(lambda: changes.append(True))
        dialog.exec()
        if changes:
            written(self.section)  # Today reads the journal again once, the other sections hear of it
        else:
            self.refresh(self.day)

    def start(self, instrument: str, day: date) -> None:
        """Open a questionnaire on request (from the Journal menu), whether or not it is due."""
        self.day = day
        if instrument == "pgic":
            starts = self.starts(day)
            if not starts:
                errors.show_message(
                    self, _("The PGIC asks about a medication you are taking; add one first.")
                )
                return
            self.requested = DueQuestionnaire("pgic", _("on request"), starts[0])
        else:
            self.requested = DueQuestionnaire(instrument, _("on request"))
        self._show_next()
        self.card.focus_first()

    def save_answers(self, due: DueQuestionnaire, answers: list[int]) -> None:
        rated = self.activity_ratings.ratings() if self.activity_ratings.isVisibleTo(self.card) else {}

        def saved(result: QuestionnaireResult) -> None:
            inst = instruments.instrument(due.instrument)
            self.status.setText(
                _("Saved {title} (score {score}).").format(
                    title=inst.title.split(":")[0], score=format_decimal(result.score, 2)
                )
                + (" " + _("Your activities' ratings were saved with it.") if rated else "")
            )
            self.status.setVisible(True)
            self.requested = None
            if due.instrument == "phq2" and instruments.is_positive_screen("phq2", result.score):
                self.requested = DueQuestionnaire(
                    "phq9", _("suggested after the PHQ-2: please answer all nine")
                )

        day = self.day

        def write() -> QuestionnaireResult:
            with self.journal.batch():  # the PEG and the activities rated with it: both saved, or neither
                result = self.journal.add_questionnaire(
                    due.instrument, answers, day=day, medication=due.medication_id
                )
                for activity_id, rating in rated.items():
                    self.journal.rate_activity(activity_id, rating, day)
            return result

        written = journal_write(self.section, write, days=(day, day), show=self.card.show_error, done=saved)
        if written is None:
            return
        if instruments.self_harm_answer(due.instrument, answers) > 0:
            events = [e for e in self.journal.safety_events() if e.kind == "phq9_item9"]
            self.safety_event.emit(max(events, key=lambda e: e.id) if events else None)

    def skip(self, due: DueQuestionnaire) -> None:
        if due is self.requested:
            self.requested = None
            self._show_next()
            return
        skipped = dict(self.journal.setting(SKIPPED_SETTING, {}) or {})
        skipped[due.skip_key] = self.day.isoformat()
        journal_write(  # only this box shows what was skipped
            self.section,
            lambda: self.journal.set_setting(SKIPPED_SETTING, skipped),
            show=self.card.show_error,
            done=lambda _none: self.refresh(self.day),
            refresh="none",
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter inside the card saves the answers, not the check-in.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.card.isVisible():
            self.card.submit()
            event.accept()
            return
        super().keyPressEvent(event)
