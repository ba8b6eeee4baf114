"""Today's part for the person's own activities (docs/today.md, "Your own activities"): their weekly ratings,
asked inside the PEG's card and saved with it, and a small prompt to name them while there are none.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from medjournal.domain.activities import HIGH, HIGH_ANCHOR, LOW, LOW_ANCHOR, MAX_ACTIVE, QUESTION, Activity
from medjournal.i18n import _
from medjournal.storage.journal import Journal
from medjournal.ui.buttons import left_row, quiet_button
from medjournal.ui.journal_write import attempt
from medjournal.ui.today.checkin_form import ScaleSpinBox, muted_label

PROMPT_DISMISSED = "activities_prompt_dismissed"  # journal setting: true once "Not now" was chosen


class ActivityRatings(QWidget):
    """One 0–10 rating per activity asked, each optional (left at "not rated", nothing is saved for it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activities: list[Activity] = []
        self.inputs: list[ScaleSpinBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel(_(QUESTION))
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        layout.addWidget(
            muted_label(
                _(
                    "{low} {low_anchor} – {high} {high_anchor} (higher = better); leave one unrated to skip it"
                ).format(low=LOW, low_anchor=_(LOW_ANCHOR), high=HIGH, high_anchor=_(HIGH_ANCHOR))
            )
        )

    def set_activities(self, activities: list[Activity]) -> None:
        if [a.id for a in activities] == [a.id for a in self.activities] and self.inputs:
            return  # keep ratings being typed
        while self.grid.count():
            taken = self.grid.takeAt(0)
            child = taken.widget() if taken is not None else None
            if child is not None:
                child.deleteLater()
        self.activities = list(activities)
        self.inputs = []
        for row, activity in enumerate(activities):
            label = QLabel(activity.name)
            label.setWordWrap(True)
            spin = ScaleSpinBox(LOW, HIGH)
            spin.setAccessibleName(activity.name)
            label.setBuddy(spin)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(spin, row, 1)
            self.inputs.append(spin)

    def clear(self) -> None:
        for spin in self.inputs:
            spin.set_rating(None)

    def ratings(self) -> dict[int, int]:
        """{activity id: rating} for the activities rated."""
        return {
            activity.id: rating
            for activity, spin in zip(self.activities, self.inputs, strict=True)
            if (rating := spin.rating()) is not None
        }


class ActivitiesPrompt(QFrame):
    """ "Add your activities": shown in Today while the journal has none, until "Not now"."""

    open_setup = Signal()
    changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "Your own activities: name up to {n} things your back pain makes hard (such as “walk 20 minutes”) "
                "and rate them each week with the PEG. Your doctor sees how they change."
            ).format(n=MAX_ACTIVE)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.add_button = quiet_button(_("Add your act&ivities…"), self.open_setup.emit)
        self.later_button = quiet_button(_("Not now"), self.dismiss)
        layout.addLayout(left_row(self.add_button, self.later_button))

    def wanted(self) -> bool:
        return not self.journal.activities(include_retired=True) and not self.journal.setting(
            PROMPT_DISMISSED
        )

    def dismiss(self) -> None:
        if attempt(lambda: self.journal.set_setting(PROMPT_DISMISSED, True), self) is not None:
            self.changed.emit()
