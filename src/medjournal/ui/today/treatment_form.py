"""Other treatments of the day (physical therapy, exercise, other) with minutes; 0 means none."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from medjournal.domain.records import TREATMENT_KINDS, TREATMENT_LABELS
from medjournal.i18n import _


class TreatmentForm(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Other treatments today"), parent)
        row = QHBoxLayout(self)
        self.minutes: dict[str, QSpinBox] = {}
        for kind in TREATMENT_KINDS:
            spin = QSpinBox()
            spin.setRange(0, 600)
            spin.setSingleStep(5)
            spin.setSuffix(_(" min"))
            spin.setSpecialValueText(_("none"))
            spin.setAccessibleName(_("{treatment}, minutes").format(treatment=_(TREATMENT_LABELS[kind])))
            self.minutes[kind] = spin
            label = QLabel(_(TREATMENT_LABELS[kind]))
            label.setBuddy(spin)
            row.addWidget(label)
            row.addWidget(spin, 1)

    def say_day(self, past: bool) -> None:
        """The title names the day shown: "that day" for a day before today."""
        self.setTitle(_("Other treatments that day") if past else _("Other treatments today"))

    def values(self) -> dict[str, int]:
        return {kind: spin.value() for kind, spin in self.minutes.items() if spin.value() > 0}

    def clear(self) -> None:
        for spin in self.minutes.values():
            spin.setValue(0)
