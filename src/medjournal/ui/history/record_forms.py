"""A form whose fields can show a validation message right under themselves.

The dialogs of the Medications and History sections pass every value to the Journal API as typed; when it
answers with a :class:`ValidationError`, the sentence is shown next to the field it names (its ``field``), and
nothing is written. Errors that name no known field are shown at the top of the form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.errors import ValidationError
from medjournal.i18n import _, format_date, format_time, numeric_date
from medjournal.storage.journal import DeletedEntry, Journal
from medjournal.ui.accessibility import mute
from medjournal.ui.journal_write import journal_write
from medjournal.ui.section import Days, JournalView


def error_colour(widget: QWidget) -> str:
    """A red that stays readable on light and dark palettes."""
    window = widget.palette().color(QPalette.ColorRole.Window)
    return "#ff8a80" if window.lightness() < 128 else "#b00020"


def error_label(widget: QWidget) -> QLabel:
    """A hidden, wrapping label in the error colour of ``widget``'s palette, for one sentence about a write."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_colour(widget)};")
    label.hide()
    return label


@dataclass
class FormField:
    key: str
    widget: QWidget
    error: QLabel
    aliases: frozenset[str]


class ErrorForm(QWidget):
    """A QFormLayout with a message label under each field and one at the top for anything else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general_error = self._error_label()
        self.general_error.setObjectName("general_error")
        outer.addWidget(self.general_error)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.fields: dict[str, FormField] = {}

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {error_colour(self)}; font-weight: bold;")
        label.hide()
        return label

    def add_field(
        self, key: str, label: str, widget: QWidget, aliases: Iterable[str] = (), hint: str = ""
    ) -> QWidget:
        """Add a labelled field; ``aliases`` are the ValidationError.field names that belong to it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            mute(hint_label)
            column.addWidget(hint_label)
        error = self._error_label()
        error.setObjectName(f"error_{key}")
        column.addWidget(error)
        row_label = QLabel(label)
        row_label.setBuddy(widget)
        self.form.addRow(row_label, box)
        self.fields[key] = FormField(key, widget, error, frozenset({key, *aliases}))
        return widget

    def set_row_visible(self, key: str, visible: bool) -> None:
        box = self.fields[key].widget.parentWidget()
        if box is not None:
            self.form.setRowVisible(box, visible)

    def clear_errors(self) -> None:
        self.general_error.hide()
        self.general_error.clear()
        for field in self.fields.values():
            field.error.hide()
            field.error.clear()

    def show_error(self, error: ValidationError) -> str | None:
        """Show the message next to its field (or at the top); returns the key of the field it went to."""
        self.clear_errors()
        for field in self.fields.values():
            if error.field is not None and error.field in field.aliases and field.widget.isVisibleTo(self):
                field.error.setText(error.message)
                field.error.show()
                field.widget.setFocus()
                self._fit_dialog()
                return field.key
        self.general_error.setText(error.message)
        self.general_error.show()
        self._fit_dialog()
        return None

    def show_message(self, text: str) -> None:
        """Show a sentence about no field in particular (a locked or full journal) at the top."""
        self.show_error(ValidationError(text))

    def _fit_dialog(self) -> None:
        """Grow a dialog to make room for the message (a wrapped label does not resize its window)."""
        top = self.window()
        if isinstance(top, QDialog):
            top.adjustSize()

    def error_text(self, key: str | None = None) -> str:
        """The message shown for a field (or the general one); empty when there is none."""
        label = self.general_error if key is None else self.fields[key].error
        return label.text() if not label.isHidden() else ""

    def shown_errors(self) -> list[str]:
        labels = [self.general_error, *(f.error for f in self.fields.values())]
        return [label.text() for label in labels if not label.isHidden()]


class UndoBanner(QFrame):
    """A quiet bar under the list: "Deleted the check-in of …  [Undo]"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(_("&Undo (Ctrl+Z)"))
        self.close_button = QPushButton(_("Dismiss"))
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.close_button)
        self.hide()
        self.stack: list[tuple[DeletedEntry, str]] = []  # what Undo puts back, newest last, with its name

    def deleted(self, entry: DeletedEntry, name: str, text: str) -> None:
        """Remember a deletion that Undo can put back, and say ``text``."""
        self.stack.append((entry, name))
        self.label.setText(text)
        self.undo_button.setEnabled(True)
        self.show()

    def latest(self) -> tuple[DeletedEntry, str] | None:
        """The deletion Undo puts back next, with its name."""
        return self.stack[-1] if self.stack else None

    def put_back(self, text: str) -> None:
        """The latest deletion was put back: forget it and say ``text``."""
        self.stack.pop()
        self.label.setText(text)
        self.undo_button.setEnabled(bool(self.stack))

    def undo(
        self,
        section: JournalView,
        journal: Journal,
        said: Callable[[str, str | None], str],
        *,
        show: Callable[[str, str], object],
        days: Callable[[DeletedEntry], Days | None] | None = None,
        done: Callable[[int], object] | None = None,
    ) -> tuple[DeletedEntry, int] | None:
        """Undo in History and Medications: put the latest deletion back through :func:`journal_write`. Once it
        is back the banner forgets it and says ``said(name, previous)`` (``previous``: the name Undo puts back
        next, or None), then ``done(its new id)`` runs; a refusal goes to ``show(name, reason)``. Returns what
        was put back and its new id, or None."""
        latest = self.latest()
        if latest is None:
            return None
        deleted, name = latest
        previous = self.stack[-2][1] if len(self.stack) > 1 else None

        def restored(restored_id: int) -> None:
            self.put_back(said(name, previous))
            if done is not None:
                done(restored_id)

        outcome = journal_write(
            section,
            lambda: journal.restore_entry(deleted),
            days=days(deleted) if days is not None else None,
            show=lambda reason: show(name, reason),
            done=restored,
        )
        return (deleted, outcome.value) if outcome is not None else None


def day_text(day: date) -> str:
    """A day as the person reads it, e.g. ``Sun 15 Mar 2026``."""
    # Translators: a CLDR date pattern (EEE weekday, d day, MMM month, y year), e.g. "EEE, d. MMM y" in German
    return format_date(day, _("EEE d MMM y"))


def moment_text(stamp: str) -> str:
    """A stored moment (``2026-12-06T19:30:12+01:00``) as the person reads it, at the clock time it was
    written: ``Sun 6 Dec 2026, 19:30`` (``So., 6. Dez. 2026, 19:30`` in German), as the day and time of the
    entry above it. A stamp that is not a moment (an old or hand-made file) is shown as it is."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"{day_text(moment.date())}, {format_time(moment)}"


def moment_day(stamp: str) -> str:
    """The day of a stored moment in numbers (``15.03.2026`` in German), as History's tables write days; a
    stamp that is not a moment is shown as it is."""
    try:
        return numeric_day(date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp[:10]


def numeric_day(day: date) -> str:
    """A day in numbers, e.g. ``2026-03-15`` (``15.03.2026`` in German): the one rule of i18n.numeric_date."""
    return numeric_date(day)
