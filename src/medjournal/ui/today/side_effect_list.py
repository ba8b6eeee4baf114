"""The side-effect checklist on Today (docs/clinical.md §3): severity 0–3 per symptom, one key each.

Type the first letters of a symptom to jump to it, then 0 none, 1 mild, 2 moderate, 3 severe; Delete clears.
"Same as yesterday" fills in yesterday's ratings in one action. Only rated rows are saved. With the mouse, each
row's buttons "–" 0 1 2 3 set its severity in one click (docs/today.md, "The mouse path").
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from medjournal.domain import knowledge
from medjournal.domain.knowledge import SEVERITY_LABELS
from medjournal.i18n import _
from medjournal.ui.today.rating_buttons import ValueButtons

KEY_ROLE = Qt.ItemDataRole.UserRole
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1


def _word(value: int | None) -> str:
    return "" if value is None else _(SEVERITY_LABELS[value])


class SideEffectList(QTreeWidget):
    """Checklist items plus the person's own. ``ratings()`` returns {symptom key: severity} of rated rows."""

    ratings_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        # a short column title: a header does not wrap, and the scale's longer wording cut off in German and the
        # pseudo-locale (docs/translating.md); it stays in the title's tooltip and in the line above the list
        self.setHeaderLabels([_("Side effect"), _("Severity")])
        header_item = self.headerItem()
        if header_item is not None:
            header_item.setToolTip(1, _("Severity (0 none – 3 severe · higher = worse)"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Side effects: type a letter to find one, then 0 to 3 for its severity"))
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.set_items(knowledge.side_effect_items())
        # ten whole rows: most of the checklist in sight without pushing the rest of Today away
        rows = self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height() + 4
        # a fixed height, not a largest one: on a page of one column (Today at a 16 pt font) a list is given
        # only its size hint, which showed five rows
        self.setFixedHeight(self.header().sizeHint().height() + rows * 10 + 2 * self.frameWidth())

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        kept = self.ratings()
        self.clear()
        for key, label in items:
            item = QTreeWidgetItem([label, ""])
            item.setData(0, KEY_ROLE, key)
            item.setData(0, SEVERITY_ROLE, None)
            self.addTopLevelItem(item)
            self._add_buttons(item)
        self.set_ratings(kept)
        if self.topLevelItemCount():
            self.setCurrentItem(self.item(0))

    def item(self, index: int) -> QTreeWidgetItem:
        found = self.topLevelItem(index)
        assert found is not None
        return found

    def symptom_keys(self) -> list[str]:
        return [str(self.item(i).data(0, KEY_ROLE)) for i in range(self.topLevelItemCount())]

    def add_own(self, text: str) -> str:
        """Add the person's own symptom (or find it if already listed); returns its key."""
        key = knowledge.side_effect_key(text)
        for index in range(self.topLevelItemCount()):
            item = self.item(index)
            if item.data(0, KEY_ROLE) == key or item.text(0).lower() == key.lower():
                self.setCurrentItem(item)
                return str(item.data(0, KEY_ROLE))
        item = QTreeWidgetItem([knowledge.side_effect_label(key), ""])
        item.setData(0, KEY_ROLE, key)
        item.setData(0, SEVERITY_ROLE, None)
        self.addTopLevelItem(item)
        self._add_buttons(item)
        self.setCurrentItem(item)
        return key

    def _add_buttons(self, item: QTreeWidgetItem) -> None:
        """The row's severity buttons; the text under them stays the row's value for screen readers."""
        label = item.text(0)

        def describe(value: int | None) -> str:
            if value is None:
                return _("{what}: not rated").format(what=label)
            return f"{label} {value} {_word(value)}"

        buttons = ValueButtons(0, 3, describe, _word)
        buttons.picked.connect(lambda value: self._picked(item, value))
        self.setItemWidget(item, 1, buttons)

    def buttons(self, item: QTreeWidgetItem) -> ValueButtons:
        found = self.itemWidget(item, 1)
        assert isinstance(found, ValueButtons)
        return found

    def _picked(self, item: QTreeWidgetItem, value: object) -> None:
        self.setCurrentItem(item)
        self.set_severity(item, value if isinstance(value, int) else None)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def set_severity(self, item: QTreeWidgetItem, severity: int | None) -> None:
        item.setData(0, SEVERITY_ROLE, severity)
        text = "" if severity is None else f"{severity} {_word(severity)}"
        item.setText(1, text)
        item.setToolTip(1, text)
        widget = self.itemWidget(item, 1)
        if isinstance(widget, ValueButtons):
            widget.set_value(severity)
        font = item.font(0)
        font.setBold(bool(severity))
        item.setFont(0, font)
        self.ratings_changed.emit()

    def ratings(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for index in range(self.topLevelItemCount()):
            item = self.item(index)
            severity = item.data(0, SEVERITY_ROLE)
            if severity is not None:
                found[str(item.data(0, KEY_ROLE))] = int(severity)
        return found

    def set_ratings(self, ratings: dict[str, int]) -> None:
        missing = dict(ratings)
        for index in range(self.topLevelItemCount()):
            item = self.item(index)
            key = str(item.data(0, KEY_ROLE))
            self.set_severity(item, missing.pop(key, None))
        for key, severity in missing.items():
            self.add_own(key)
            current = self.currentItem()
            if current is not None:
                self.set_severity(current, severity)

    def clear_ratings(self) -> None:
        self.set_ratings({})

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        key = event.key()
        if item is not None and Qt.Key.Key_0 <= key <= Qt.Key.Key_3:
            self.set_severity(item, key - Qt.Key.Key_0)
            return
        if item is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_severity(item, None)
            return
        super().keyPressEvent(event)
