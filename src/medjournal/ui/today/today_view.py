"""Today: the day's doses, the check-in, side effects, other treatments and questionnaires due.

Made for a bad day (docs/design.md §1.4, docs/today.md): a typical day takes about a dozen key presses. Doses
are written the moment a key is pressed on their row; the check-in, side effects and treatments are written
together with Ctrl+S or Enter, after all of them have passed validation, in one transaction (``Journal.batch``),
so bad input or a failed write writes nothing. The saved values stay on screen: saving again updates the same
check-in and the day's side-effect ratings, Ctrl+N starts a new check-in. Another day can be chosen to fill in
a missed one; the Journal API stamps such entries with when they were recorded.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import knowledge
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import TREATMENT_LABELS, CheckIn, SafetyEvent
from medjournal.domain.symptoms import OWN_SIDE_EFFECTS, close_symptom
from medjournal.i18n import _, format_date, ngettext
from medjournal.storage.journal import Journal
from medjournal.ui.buttons import left_row, quiet_button
from medjournal.ui.journal_write import journal_write
from medjournal.ui.qt_dates import to_qdate
from medjournal.ui.section import Days
from medjournal.ui.stacking_columns import StackingColumns
from medjournal.ui.tab_chain import follow_reading_order, scroll_to_focus
from medjournal.ui.today.checkin_form import CheckinForm, muted_label
from medjournal.ui.today.measures_form import MeasuresForm
from medjournal.ui.today.safety_panel import SafetyPanel
from medjournal.ui.today.side_effect_list import SideEffectList
from medjournal.ui.today.today_doses import DoseSection
from medjournal.ui.today.today_questionnaires import QuestionnaireSection
from medjournal.ui.today.today_save import plan_save, write_plan
from medjournal.ui.today.treatment_form import TreatmentForm
from medjournal.ui.today.warnings_panel import WarningsPanel

_muted = muted_label


class TodayView(QWidget):
    journal_changed = Signal(object)  # the days a write touched (docs/architecture.md)
    saved = Signal(str)  # the status line after a save
    safety_panel_opened = Signal(object)  # the SafetyPanel

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.safety_panel: SafetyPanel | None = None
        self.shown_day: date | None = None
        self.saved_checkin: CheckIn | None = None  # the check-in the form shows, once saved
        self.saved_values: dict[str, Any] = {}  # the form's values when it was saved
        self.saved_effects: dict[str, tuple[int, int]] = {}  # symptom: (entry id, severity), the day's latest
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("today_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll_to_focus(scroll)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        root = QVBoxLayout(page)

        self._build_day_row(root)
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        root.addLayout(columns, 1)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        self._build_left(left, journal)
        self._build_right(right)
        self.columns = StackingColumns(scroll, root, columns)  # one above the other when they do not fit
        # The save bar stays below the scrolling page, so Save and its message are always in sight.
        outer.addWidget(self._save_bar())

        self.day_edit.setDate(to_qdate(journal.today()))
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def _build_day_row(self, root: QVBoxLayout) -> None:
        """The day shown, Back to today, and the banner for a past day."""
        day_label = QLabel(_("&Day"))
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        # Translators: a Qt date format (dddd weekday, d day, MMMM month, yyyy year); German "dddd, d. MMMM yyyy"
        self.day_edit.setDisplayFormat(_("dddd d MMMM yyyy"))
        day_label.setBuddy(self.day_edit)
        self.today_button = quiet_button(_("Back to today"), self.go_to_today)
        self.warnings_panel = WarningsPanel(self.journal, self, load=False)  # filled by refresh() below
        self.warnings_panel.journal_changed.connect(self.journal_changed)
        self.warnings_panel.offer_clicked.connect(self.take_offer)
        root.addLayout(
            left_row(day_label, self.day_edit, self.today_button, self.warnings_panel.notes_button)
        )
        self.late_banner = QLabel()
        self.late_banner.setWordWrap(True)
        self.late_banner.setVisible(False)
        root.addWidget(self.late_banner)

    def _build_left(self, left: QVBoxLayout, journal: Journal) -> None:
        """Doses, questionnaires due, notes to discuss, and what is saved for the day."""
        self.doses = DoseSection(journal, self)
        self.doses.status.connect(self.show_status)
        self.dose_list = self.doses.dose_list
        self.time_edit = self.doses.time_edit
        left.addWidget(self.doses)
        # Questionnaires due today come before the standing notes: they are short and only for today.
        self.questionnaires = QuestionnaireSection(journal, self, self)
        self.questionnaires.safety_event.connect(self.show_safety_panel)
        left.addWidget(self.questionnaires)
        left.addWidget(self.warnings_panel)  # built with the day row, which holds its "notes to discuss" line
        on_this_day = QGroupBox(_("On this day"))
        on_this_day_layout = QVBoxLayout(on_this_day)
        self.earlier = QLabel()
        self.earlier.setWordWrap(True)
        on_this_day_layout.addWidget(self.earlier)
        left.addWidget(on_this_day)
        left.addStretch(1)

    def _build_right(self, right: QVBoxLayout) -> None:
        """The check-in, side effects and other treatments."""
        self.checkin = CheckinForm()
        right.addWidget(self.checkin)
        effects = QGroupBox(_("Side &effects"))
        effects_layout = QVBoxLayout(effects)
        self.side_effects = SideEffectList()
        effects_label = _muted(
            _("Type a letter to find a symptom, then 0 none · 1 mild · 2 moderate · 3 severe. Delete clears.")
        )
        effects_layout.addWidget(effects_label)
        effects_layout.addWidget(self.side_effects)
        effect_buttons = QHBoxLayout()
        self.same_button = quiet_button(_("Same as &yesterday"), self.same_as_yesterday)
        effect_buttons.addWidget(self.same_button)
        self.own_edit = QLineEdit()
        self.own_edit.setPlaceholderText(_("Add your own symptom and press Enter"))
        self.own_edit.setAccessibleName(_("Add your own side effect"))
        effect_buttons.addWidget(self.own_edit, 1)
        effects_layout.addLayout(effect_buttons)
        right.addWidget(effects)
        self.treatments = TreatmentForm()
        right.addWidget(self.treatments)
        self.measures = MeasuresForm(self.journal, self, self.day)
        self.measures.written.connect(self.saved)
        right.addWidget(self.measures)

        right.addStretch(1)

    def _save_bar(self) -> QFrame:
        save_bar = QFrame()
        save_bar.setFrameShape(QFrame.Shape.StyledPanel)
        save_row = QHBoxLayout(save_bar)
        self.save_button = quiet_button(_("&Save check-in"), self.save, tip=_("Ctrl+S or Enter"))
        save_row.addWidget(self.save_button)
        save_row.addWidget(_muted(_("Ctrl+S or Enter")))
        self.status = QLabel()
        self.status.setWordWrap(True)
        save_row.addWidget(self.status, 1)
        return save_bar

    def hasHeightForWidth(self) -> bool:
        """No: Today scrolls inside itself, with Save below. Were its height to follow its width (its wrapped
        labels), the window's section scroller would make it as tall as it likes, pushing Save and the
        horizontal scroll bar below a small screen (1280×720 at 150%)."""
        return False

    # -- state ------------------------------------------------------------------------------------------

    def day(self) -> date:
        value = self.day_edit.date().toPython()
        assert isinstance(value, date)
        return value

    def shown_days(self) -> Days:
        """The days this section's writes touch: always the day shown (the main window passes them on, so
        that Trends reads one day again instead of the whole journal)."""
        return self.day(), self.day()

    def set_day(self, day: date) -> None:
        self.day_edit.setDate(to_qdate(day))

    def go_to_today(self) -> None:
        self.set_day(self.journal.today())

    def refresh(self) -> None:
        today = self.journal.today()
        self.day_edit.setMaximumDate(to_qdate(today))
        day = self.day()
        day_changed = day != self.shown_day
        if day_changed:
            self.shown_day = day
            self.new_checkin(announce=False)
        past = day < today
        self.checkin.say_day(past)
        self.treatments.say_day(past)
        self.today_button.setVisible(past)
        self.late_banner.setVisible(past)
        if past:
            self.late_banner.setText(
                _(
                    "<b>Filling in {day}.</b> Entries made now for a past day are marked as recorded later."
                ).format(day=_weekday_and_date(day))
            )
        self.doses.refresh(day)
        self._load_side_effect_items()
        self._load_saved_effects(day, day_changed)
        self._show_earlier(day)
        self.questionnaires.refresh(day)
        self.warnings_panel.refresh()
        self.measures.refresh()
        follow_reading_order(self)  # the notes and questionnaire built again sit where they are shown

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab inside Today follow reading order, also after a part was built again between
        refreshes (a questionnaire opened from the Journal menu, answered or skipped)."""
        follow_reading_order(self)
        return super().focusNextPrevChild(next)

    def refresh_days(self, _first: date, _last: date) -> None:
        """Today shows one day and the notes drawn from the weeks before it: it reads all of that again."""
        self.refresh()

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
            ratings = ((_("pain"), c.pain), (_("mood"), c.mood), (_("sleep"), c.sleep))
            bits = [f"{name} {value}" for name, value in ratings if value is not None]
            at = datetime.fromisoformat(c.time).strftime("%H:%M") if c.time else ""
            lines.append(
                _("Check-in {time}: {ratings}").format(time=at, ratings=", ".join(bits) or _("note"))
            )
        effects = self.journal.side_effects(day, day)
        if effects:
            named = ", ".join(f"{knowledge.side_effect_label(e.symptom)} {e.severity}" for e in effects)
            lines.append(_("Side effects: {named}").format(named=named))
        for t in self.journal.treatments(day, day):
            label = _(TREATMENT_LABELS[t.kind]) if t.kind in TREATMENT_LABELS else t.kind
            if t.minutes:
                label = _("{treatment}, {minutes} min").format(treatment=label, minutes=t.minutes)
            lines.append(label)
        if not lines:
            lines.append(_("Nothing saved for this day yet. You can save several check-ins a day."))
        self.earlier.setText("<br>".join(html.escape(line) for line in lines))

    def _load_saved_effects(self, day: date, day_changed: bool) -> None:
        """Show the day's saved side-effect ratings, keeping changes not saved yet (unless the day changed)."""
        before = {symptom: severity for symptom, (_, severity) in self.saved_effects.items()}
        shown = self.side_effects.ratings()
        pending = {} if day_changed else {k: s for k, s in shown.items() if before.get(k) != s}
        cleared = set() if day_changed else {k for k in before if k not in shown}
        latest: dict[str, tuple[int, int]] = {}
        for effect in self.journal.side_effects(day, day):  # in id order: the last one of a symptom wins
            latest[effect.symptom] = (effect.id, effect.severity)
        self.saved_effects = latest
        ratings = {k: severity for k, (_, severity) in latest.items() if k not in cleared}
        ratings.update(pending)
        if ratings != shown:
            self.side_effects.set_ratings(ratings)

    def new_checkin(self, announce: bool = True) -> None:
        """Ctrl+N: an empty form for a new check-in of the same day; the saved one stays as it was."""
        self.saved_checkin = None
        self.checkin.clear()
        self.treatments.clear()
        self.checkin.set_saved_note("")
        if announce:
            self.show_status(_("A new check-in for this day: rate and save (Ctrl+S)."))
            self.checkin.pain.setFocus()

    def focus_first(self) -> None:
        """The first open dose when there is one (T, S and U act on it), else pain."""
        index = self.dose_list.first_open_index()
        if index is not None:
            self.dose_list.setCurrentItem(self.dose_list.item(index))
            self.dose_list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.checkin.pain.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- check-in ---------------------------------------------------------------------------------------

    def same_as_yesterday(self) -> None:
        yesterday = self.day() - timedelta(days=1)
        latest: dict[str, int] = {}
        for effect in self.journal.side_effects(yesterday, yesterday):
            latest[effect.symptom] = effect.severity
        if not latest:
            self.show_status(
                _("No side effects were logged on {day}.").format(day=_weekday_and_date(yesterday))
            )
            return
        self.side_effects.set_ratings(latest)
        self.show_status(
            ngettext(
                "Filled in {n} side effect from yesterday; change any and save.",
                "Filled in {n} side effects from yesterday; change any and save.",
                len(latest),
            ).format(n=len(latest))
        )

    def add_own_side_effect(self) -> None:
        text = self.own_edit.text().strip()
        if not text:
            return
        close = close_symptom(text, self.side_effects.symptom_keys())
        if close is not None:
            label = knowledge.side_effect_label(close)
            if self.ask_did_you_mean(text, label):
                text = close  # the known symptom, selected in the list
        key = self.side_effects.add_own(text)
        own = list(self.journal.setting(OWN_SIDE_EFFECTS, []) or [])
        if key not in own and key not in dict(knowledge.side_effect_items()):
            own.append(key)
            journal_write(
                self,
                lambda: self.journal.set_setting(OWN_SIDE_EFFECTS, own),
                show=self.show_error,
                refresh="none",
            )
        self.own_edit.clear()
        self.side_effects.setFocus()

    def ask_did_you_mean(self, typed: str, label: str) -> bool:
        """A typed symptom close to a known one: True to use the known one (the default), False for a new one."""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self,
            _("Did you mean…?"),
            _("Did you mean {label}? Yes uses {label}; No adds “{typed}” as a new symptom.").format(
                label=label, typed=typed
            ),
            buttons,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        """Validate everything, then write the check-in, side effects and treatments together. True when saved.

        The values stay on screen; saving again writes only what changed, into the same entries."""
        day = self.day()
        values = self.checkin.values() if self.checkin.has_input() else None
        saved = (self.saved_checkin, self.saved_values) if self.saved_checkin is not None else None
        plan = plan_save(
            day, values, saved, self.side_effects.ratings(), self.saved_effects, self.treatments.values()
        )
        if plan.is_empty():
            if saved is not None or self.saved_effects:
                self.show_status(_("Nothing changed since the last save."))
            else:
                self.show_status(
                    _("Nothing to save yet: rate pain, mood or sleep, a side effect or a treatment.")
                )
            return False
        try:
            plan.validate(self.journal.today())
        except ValidationError as exc:
            self.show_status(exc.message, error=True)
            return False
        before = self.saved_checkin

        def remember(written: CheckIn | None) -> None:
            if plan.checkin is not None and written is not None:
                self.saved_checkin, self.saved_values = written, dict(plan.checkin)
            self.treatments.clear()

        done = journal_write(
            self,
            lambda: write_plan(self.journal, plan, before),
            days=self.shown_days(),
            show=self.show_error,
            done=remember,
        )
        if done is None:
            return False  # nothing was written; the form still holds everything, and saving again is safe
        at = self.journal.now().strftime("%H:%M")
        if self.saved_checkin is not None:
            self.checkin.set_saved_note(_("saved {time} · Ctrl+N starts a new one").format(time=at))
        message = _("Saved at {time}: {what}.").format(time=at, what=", ".join(plan.summary()))
        self.show_status(message)
        self.saved.emit(message)
        newly_yes = plan.checkin is not None and plan.checkin.get("self_harm_thoughts")
        if newly_yes and not (before is not None and before.self_harm_thoughts):
            self.show_safety_panel(self._latest_safety_event("self_harm_question"))
        return True

    # -- questionnaires and safety ----------------------------------------------------------------------

    def start_questionnaire(self, instrument: str) -> None:
        self.questionnaires.start(instrument, self.day())

    def take_offer(self, offer: str) -> None:
        """A warning's offer: the PHQ-9, or the check-in's own self-harm question (both optional), or the safety
        panel for a self-harm answer (it notes what it showed on the newest answer's event not yet shown)."""
        if offer == "phq9":
            self.start_questionnaire("phq9")
        elif offer == "self_harm":
            self.checkin.self_harm.setFocus(Qt.FocusReason.OtherFocusReason)
        elif offer == "help":
            unshown = [e for e in self.journal.safety_events() if not e.shown]
            self.show_safety_panel(max(unshown, key=lambda e: (e.day, e.id)) if unshown else None)

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

    def show_error(self, text: str) -> None:
        self.show_status(text, error=True)

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


def _weekday_and_date(day: date) -> str:
    """``Sunday 15 March`` (``Sonntag, 15. März`` in German)."""
    # Translators: a CLDR date pattern (EEEE weekday, d day, MMMM month); German "EEEE, d. MMMM"
    return format_date(day, _("EEEE d MMMM"))
