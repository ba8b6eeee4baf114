"""The person's own activities, set up from Today's prompt or from Settings (docs/today.md, "Your own activities").

Every change is written at once through the Journal API: add (up to three asked), rename (F2 or double-click; the
ratings stay), stop asking and ask again. A refused name shows its one sentence under the list and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from medjournal.domain.activities import HIGH, HIGH_ANCHOR, LOW, LOW_ANCHOR, MAX_ACTIVE, MAX_NAME_LENGTH
from medjournal.i18n import _
from medjournal.storage.journal import Journal
from medjournal.ui.journal_dialog import JournalDialog
from medjournal.ui.journal_write import attempt
from medjournal.ui.today.checkin_form import muted_label

ID_ROLE = Qt.ItemDataRole.UserRole


class ActivitiesDialog(JournalDialog):
    changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(journal, _("Your own activities"), parent)
        layout = self.column
        layout.addWidget(
            muted_label(
                _(
                    "Name up to {n} activities your back pain makes hard, such as “walk 20 minutes” or “sit "
                    "through a meal”. Each week, with the PEG, you rate each from {low} {low_anchor} to {high} "
                    "{high_anchor}."
                ).format(
                    n=MAX_ACTIVE, low=LOW, low_anchor=_(LOW_ANCHOR), high=HIGH, high_anchor=_(HIGH_ANCHOR)
                )
            )
        )
        list_label = QLabel(_("&Activities (F2 renames; the ratings stay)"))
        self.list = QListWidget()
        self.list.setEditTriggers(
            QListWidget.EditTrigger.EditKeyPressed | QListWidget.EditTrigger.DoubleClicked
        )
        list_label.setBuddy(self.list)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        add_label = QLabel(_("&New activity"))
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_LENGTH + 20)  # longer names get the sentence that says how long
        self.name.setPlaceholderText(_("for example: walk 20 minutes"))
        add_label.setBuddy(self.name)
        self.add_button = QPushButton(_("A&dd"))
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        layout.addWidget(add_label)
        layout.addLayout(row)
        self.toggle_button = QPushButton(_("&Stop asking"))
        layout.addWidget(self.toggle_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.foot.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (self.toggle_button, close):
            button.setAutoDefault(False)
        self.add_button.setDefault(True)  # Enter in the name adds it; Esc closes
        self.add_button.clicked.connect(self.add)
        self.toggle_button.clicked.connect(self.toggle)
        self.list.currentItemChanged.connect(lambda *_args: self._update_toggle())
        self.list.itemChanged.connect(self.rename)
        self.reload()
        self.name.setFocus()

    def reload(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for activity in self.journal.activities(include_retired=True):
            item = QListWidgetItem(activity.name)
            item.setData(ID_ROLE, activity.id)
            if activity.active:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            else:  # asked again first, then renamed: the text here is not the name alone
                item.setText(
                    _("{name} (no longer asked since {day})").format(
                        name=activity.name, day=activity.retired_on
                    )
                )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_toggle()

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _update_toggle(self) -> None:
        selected = self._selected_id()
        active = selected is None or self.journal.activity(selected).active
        self.toggle_button.setText(_("&Stop asking") if active else _("Ask &again"))
        self.toggle_button.setEnabled(selected is not None)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _run(self, action: Callable[[], object]) -> bool:
        """One write through the window's write helper (ui/journal_write.py): a refusal is said under the list."""
        self._show("")
        if attempt(action, self, self._show) is None:
            return False
        self.changed.emit()
        return True

    def add(self) -> None:
        text = self.name.text()
        if self._run(lambda: self.journal.add_activity(text)):
            self.name.clear()
            self.reload()

    def rename(self, item: QListWidgetItem) -> None:
        activity_id = int(item.data(ID_ROLE))
        text = item.text()
        self._run(lambda: self.journal.rename_activity(activity_id, text))
        self.reload()  # a refused name goes back to the stored one
        self._select(activity_id)

    def toggle(self) -> None:
        selected = self._selected_id()
        if selected is None:
            return
        if self.journal.activity(selected).active:
            self._run(lambda: self.journal.retire_activity(selected))
        else:
            self._run(lambda: self.journal.restore_activity(selected))
        self.reload()
        self._select(selected)

    def _select(self, activity_id: int) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(ID_ROLE) == activity_id:
                self.list.setCurrentItem(item)
