"""Today: the day's doses, the check-in, side effects, other treatments and questionnaires due.

Made for a bad day (DESIGN.md principle 4): a typical day takes a dozen key presses. Doses are written the
moment a key is pressed on their row; the check-in, side effects and treatments are written together with
Ctrl+S or Enter, after all of them have passed validation, so bad input writes nothing. Another day can be
chosen to fill in a missed one; the Journal API stamps such entries with when they were recorded.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import entries, knowledge
from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.domain.records import TREATMENT_LABELS, SafetyEvent
from medjournal.storage.journal import Journal
from medjournal.ui import errors
from medjournal.ui.checkin_form import CheckinForm, muted_label
from medjournal.ui.dose_list import DoseList, DoseRow, build_rows, moment_on
from medjournal.ui.safety_panel import SafetyPanel
from medjournal.ui.side_effect_list import SideEffectList
from medjournal.ui.today_questionnaires import QuestionnaireSection
from medjournal.ui.treatment_form import TreatmentForm
from medjournal.ui.warnings_panel import WarningsPanel

OWN_SIDE_EFFECTS = "own_side_effects"  # journal setting: the person's own checklist items


_muted = muted_label


class TodayView(QWidget):
    journal_changed = Signal()
    saved = Signal(str)  # the status line after a save
    safety_panel_opened = Signal(object)  # the SafetyPanel

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.safety_panel: SafetyPanel | None = None
        self._time_touched = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        root = QVBoxLayout(page)

        # the day
        top = QHBoxLayout()
        day_label = QLabel("&Day")
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dddd d MMMM yyyy")
        day_label.setBuddy(self.day_edit)
        self.today_button = QPushButton("Back to today")
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(self.go_to_today)
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addWidget(self.today_button)
        top.addStretch(1)
        root.addLayout(top)
        self.late_banner = QLabel()
        self.late_banner.setWordWrap(True)
        self.late_banner.setVisible(False)
        root.addWidget(self.late_banner)

        columns = QHBoxLayout()
        root.addLayout(columns, 1)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        # doses
        doses = QGroupBox("Doses")
        dose_layout = QVBoxLayout(doses)
        self.dose_list = DoseList()
        self.dose_list.take_requested.connect(self.take_dose)
        self.dose_list.skip_requested.connect(self.skip_dose)
        self.dose_list.undo_requested.connect(self.undo_dose)
        dose_layout.addWidget(self.dose_list)
        time_row = QHBoxLayout()
        time_label = QLabel("Taken &at")
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.userTimeChanged.connect(self._time_changed)
        time_label.setBuddy(self.time_edit)
        time_row.addWidget(time_label)
        time_row.addWidget(self.time_edit)
        self.now_button = QPushButton("Now")
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.reset_time)
        time_row.addWidget(self.now_button)
        time_row.addStretch(1)
        dose_layout.addLayout(time_row)
        dose_layout.addWidget(_muted("On a row: T taken · S skipped (with an optional reason) · U undo. "
                                     "As-needed medications: T takes a dose."))
        self.no_doses = _muted("No medication is scheduled on this day. Add one under Medications.")
        dose_layout.addWidget(self.no_doses)
        left.addWidget(doses)
        # Questionnaires due today come before the standing notes: they are short and only for today.
        self.questionnaires = QuestionnaireSection(journal, self)
        self.questionnaires.safety_event.connect(self.show_safety_panel)
        self.questionnaires.changed.connect(self._after_write)
        left.addWidget(self.questionnaires)
        self.warnings_panel = WarningsPanel(journal, self)
        self.warnings_panel.journal_changed.connect(self._after_write)
        left.addWidget(self.warnings_panel)
        on_this_day = QGroupBox("On this day")
        on_this_day_layout = QVBoxLayout(on_this_day)
        self.earlier = QLabel()
        self.earlier.setWordWrap(True)
        on_this_day_layout.addWidget(self.earlier)
        left.addWidget(on_this_day)
        left.addStretch(1)

        # check-in, side effects, treatments
        self.checkin = CheckinForm()
        right.addWidget(self.checkin)
        effects = QGroupBox("Side &effects")
        effects_layout = QVBoxLayout(effects)
        self.side_effects = SideEffectList()
        effects_label = _muted("Type a letter to find a symptom, then 0 none · 1 mild · 2 moderate · "
                               "3 severe. Delete clears.")
        effects_layout.addWidget(effects_label)
        effects_layout.addWidget(self.side_effects)
        effect_buttons = QHBoxLayout()
        self.same_button = QPushButton("Same as &yesterday")
        self.same_button.setAutoDefault(False)
        self.same_button.clicked.connect(self.same_as_yesterday)
        effect_buttons.addWidget(self.same_button)
        self.own_edit = QLineEdit()
        self.own_edit.setPlaceholderText("Add your own symptom and press Enter")
        self.own_edit.setAccessibleName("Add your own side effect")
        effect_buttons.addWidget(self.own_edit, 1)
        effects_layout.addLayout(effect_buttons)
        right.addWidget(effects)
        self.treatments = TreatmentForm()
        right.addWidget(self.treatments)

        right.addStretch(1)

        # The save bar stays below the scrolling page, so Save and its message are always in sight.
        save_bar = QFrame()
        save_bar.setFrameShape(QFrame.Shape.StyledPanel)
        save_row = QHBoxLayout(save_bar)
        self.save_button = QPushButton("&Save check-in")
        self.save_button.setToolTip("Ctrl+S or Enter")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        save_row.addWidget(_muted("Ctrl+S or Enter"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        save_row.addWidget(self.status, 1)
        outer.addWidget(save_bar)

        QWidget.setTabOrder(self.dose_list, self.time_edit)
        self.checkin.apply_tab_order()
        self.day_edit.setDate(_qdate(journal.today()))
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    # -- state ------------------------------------------------------------------------------------------

    def day(self) -> date:
        value = self.day_edit.date().toPython()
        assert isinstance(value, date)
        return value

    def set_day(self, day: date) -> None:
        self.day_edit.setDate(_qdate(day))

    def go_to_today(self) -> None:
        self.set_day(self.journal.today())

    def refresh(self) -> None:
        today = self.journal.today()
        self.day_edit.setMaximumDate(_qdate(today))
        day = self.day()
        past = day < today
        self.today_button.setVisible(past)
        self.late_banner.setVisible(past)
        if past:
            self.late_banner.setText(f"<b>Filling in {day.strftime('%A %-d %B')}.</b> Entries made now for a "
                                     "past day are marked as recorded later.")
        if not self._time_touched:
            self.reset_time()
        keep = None
        current = self.dose_list.current_row()
        if current is not None:
            keep = (current.medication_id, current.slot.slot if current.slot else None)
        journal = self.journal
        rows = build_rows(journal.day_slots(day), journal.medications(), journal.regimens_by_medication(),
                          journal.dose_logs(day, day), day)
        self.dose_list.set_rows(rows, keep)
        self.no_doses.setVisible(not rows)
        self._load_side_effect_items()
        self._show_earlier(day)
        self.questionnaires.refresh(day)
        self.warnings_panel.refresh()

    def _load_side_effect_items(self) -> None:
        items = list(knowledge.side_effect_items())
        known = {key for key, _ in items}
        own = [str(s) for s in self.journal.setting(OWN_SIDE_EFFECTS, []) or []]
        recent = self.journal.side_effects(self.day() - timedelta(days=90), self.day())
        for symptom in [*own, *(e.symptom for e in recent)]:
            if symptom not in known:
                known.add(symptom)
                items.append((symptom, knowledge.side_effect_label(symptom)))
        if [key for key, _ in items] != self.side_effects.symptom_keys():
            self.side_effects.set_items(items)

    def _show_earlier(self, day: date) -> None:
        """What is already saved for the day, so a second check-in or a correction is made knowingly."""
        lines = []
        for c in self.journal.checkins(day, day):
            ratings = (("pain", c.pain), ("mood", c.mood), ("sleep", c.sleep))
            bits = [f"{name} {value}" for name, value in ratings if value is not None]
            at = datetime.fromisoformat(c.time).strftime("%H:%M") if c.time else ""
            lines.append(f"Check-in {at}: {', '.join(bits) or 'note'}")
        effects = self.journal.side_effects(day, day)
        if effects:
            named = ", ".join(f"{knowledge.side_effect_label(e.symptom)} {e.severity}" for e in effects)
            lines.append(f"Side effects: {named}")
        for t in self.journal.treatments(day, day):
            minutes = f", {t.minutes} min" if t.minutes else ""
            lines.append(f"{TREATMENT_LABELS.get(t.kind, t.kind)}{minutes}")
        if not lines:
            lines.append("Nothing saved for this day yet. You can save several check-ins a day.")
        self.earlier.setText("<br>".join(html.escape(line) for line in lines))

    def focus_first(self) -> None:
        if self.dose_list.first_open_index() is not None:
            self.dose_list.setFocus()
        else:
            self.checkin.pain.setFocus()

    # -- doses ------------------------------------------------------------------------------------------

    def _time_changed(self, _value: QTime) -> None:
        self._time_touched = True

    def reset_time(self) -> None:
        self._time_touched = False
        self.time_edit.blockSignals(True)
        self.time_edit.setTime(_qtime(self.journal.now().time()))
        self.time_edit.blockSignals(False)

    def dose_moment(self, row: DoseRow) -> datetime:
        """When the dose was taken: the time field if changed, else now (today) or the slot's time (past)."""
        now = self.journal.now()
        day = self.day()
        if self._time_touched:
            picked = self.time_edit.time()
            chosen = time(picked.hour(), picked.minute())
        elif day == now.date():
            return now.replace(second=0, microsecond=0)
        else:
            chosen = time.fromisoformat(row.slot.slot) if row.slot else time(12, 0)
        return moment_on(day, chosen, now.tzinfo)

    def take_dose(self, row: DoseRow) -> None:
        if row.slot is not None and row.slot.log is not None:
            self.show_status("This dose is already logged; press U to undo it first.")
            return
        if row.as_needed and row.over_maximum_after_one_more():
            maximum = row.regimen.max_daily if row.regimen else None
            if not errors.ask_yes_no(self, f"You have already logged {row.taken_today} doses of {row.name} "
                                     f"today; the daily maximum is {maximum}. Log another one anyway?"):
                return
        moment = self.dose_moment(row)
        slot = row.slot.slot if row.slot else None
        if self._write(lambda: self.journal.record_dose(row.medication_id, "taken", at=moment, slot=slot)):
            self.show_status(f"{row.name}: taken at {moment.strftime('%H:%M')}.")
            self._after_dose(row)

    def ask_skip_reason(self, row: DoseRow) -> str | None:
        """The optional reason for a skipped dose; None when the person cancels."""
        text, ok = QInputDialog.getText(self, "Skip dose", f"Why was the {row.name} dose skipped? (optional)")
        return text.strip() if ok else None

    def skip_dose(self, row: DoseRow) -> None:
        if row.slot is None:
            self.show_status("As-needed medications have no dose to skip.")
            return
        if row.slot.log is not None:
            self.show_status("This dose is already logged; press U to undo it first.")
            return
        reason = self.ask_skip_reason(row)
        if reason is None:
            return
        moment = self.dose_moment(row)
        slot = row.slot.slot
        if self._write(lambda: self.journal.record_dose(row.medication_id, "skipped", at=moment, slot=slot,
                                                        note=reason)):
            self.show_status(f"{row.name}: the {slot} dose is marked skipped.")
            self._after_dose(row)

    def undo_dose(self, row: DoseRow) -> None:
        log = row.slot.log if row.slot is not None else (row.logs[-1] if row.logs else None)
        if log is None:
            self.show_status("Nothing logged on this row to undo.")
            return
        if self._write(lambda: self.journal.delete_entry("dose_logs", log.id)):
            self.show_status(f"{row.name}: the logged dose was removed.")
            self._after_dose(row)

    def _after_dose(self, row: DoseRow) -> None:
        key = (row.medication_id, row.slot.slot if row.slot else None)
        self.refresh()
        self.dose_list.move_to_next_open(key)
        self.journal_changed.emit()

    # -- check-in ---------------------------------------------------------------------------------------

    def same_as_yesterday(self) -> None:
        yesterday = self.day() - timedelta(days=1)
        latest: dict[str, int] = {}
        for effect in self.journal.side_effects(yesterday, yesterday):
            latest[effect.symptom] = effect.severity
        if not latest:
            self.show_status(f"No side effects were logged on {yesterday.strftime('%A %-d %B')}.")
            return
        self.side_effects.set_ratings(latest)
        plural = "s" if len(latest) != 1 else ""
        self.show_status(f"Filled in {len(latest)} side effect{plural} from yesterday; change any and save.")

    def add_own_side_effect(self) -> None:
        text = self.own_edit.text().strip()
        if not text:
            return
        key = self.side_effects.add_own(text)
        own = list(self.journal.setting(OWN_SIDE_EFFECTS, []) or [])
        if key not in own and key not in dict(knowledge.side_effect_items()):
            own.append(key)
            self._write(lambda: self.journal.set_setting(OWN_SIDE_EFFECTS, own))
        self.own_edit.clear()
        self.side_effects.setFocus()

    def save(self) -> bool:
        """Validate everything, then write the check-in, side effects and treatments. True when saved."""
        day = self.day()
        values = self.checkin.values()
        ratings = self.side_effects.ratings()
        treatments = self.treatments.values()
        has_checkin = self.checkin.has_input()
        if not (has_checkin or ratings or treatments):
            self.show_status("Nothing to save yet: rate pain, mood or sleep, a side effect or a treatment.")
            return False
        today = self.journal.today()
        try:
            if has_checkin:
                entries.checkin({**values, "day": day}, today)
            for symptom, severity in ratings.items():
                entries.side_effect({"symptom": symptom, "severity": severity, "day": day}, today)
            for kind, minutes in treatments.items():
                entries.treatment({"kind": kind, "minutes": minutes, "day": day}, today)
        except ValidationError as exc:
            self.show_status(exc.message, error=True)
            return False

        def write() -> list[str]:
            done = []
            if has_checkin:
                self.journal.add_checkin(day=day, **values)
                done.append("check-in")
            for symptom, severity in ratings.items():
                self.journal.add_side_effect(symptom, severity, day=day)
            if ratings:
                done.append(f"{len(ratings)} side effect{'s' if len(ratings) != 1 else ''}")
            for kind, minutes in treatments.items():
                self.journal.add_treatment(kind, day=day, minutes=minutes)
            if treatments:
                done.append(f"{len(treatments)} treatment{'s' if len(treatments) != 1 else ''}")
            return done

        done = self._write(write)
        if not done:
            return False
        self.checkin.clear()
        self.side_effects.clear_ratings()
        self.treatments.clear()
        message = f"Saved at {self.journal.now().strftime('%H:%M')}: {', '.join(done)}."
        self.show_status(message)
        self.refresh()
        self.journal_changed.emit()
        self.saved.emit(message)
        if values.get("self_harm_thoughts"):
            self.show_safety_panel(self._latest_safety_event("self_harm_question"))
        return True

    # -- questionnaires and safety ----------------------------------------------------------------------

    def start_questionnaire(self, instrument: str) -> None:
        self.questionnaires.start(instrument, self.day())

    def _latest_safety_event(self, kind: str) -> SafetyEvent | None:
        events = [e for e in self.journal.safety_events() if e.kind == kind]
        return max(events, key=lambda e: e.id) if events else None

    def show_safety_panel(self, event: SafetyEvent | None) -> SafetyPanel:
        panel = SafetyPanel(self.journal, event.id if event else None, self.window())
        self.safety_panel = panel
        panel.open()
        self.safety_panel_opened.emit(panel)
        return panel

    # -- helpers ----------------------------------------------------------------------------------------

    def _write(self, action: Callable[[], object]) -> Any:
        try:
            result = action()
        except MedjournalError as exc:
            self.show_status(errors.sentence_for(exc), error=True)
            return None
        return result if result is not None else True

    def _after_write(self) -> None:
        self.journal_changed.emit()

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(f"<b>{text}</b>" if error else text)
        self.status.setProperty("error", error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.focusWidget() is self.own_edit:
                self.add_own_side_effect()
            else:
                self.save()
            event.accept()
            return
        super().keyPressEvent(event)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)
