"""Tab in reading order, and panes that scroll to the focus without taking it (docs/architecture.md, "Tab and
the first focus").

Qt's Tab chain is the order the widgets were made in. A part of a view that is built again while the view is
shown (Today's notes to discuss, a questionnaire's answers) is put at the end of that chain, after the Save
button below it. :func:`follow_reading_order` links a container's controls again in the order its layouts
place them: top to bottom, left to right, a column at a time where the layout has columns.

A scroll area that holds a form is not a control: were it to take the focus, the first Tab would be spent
entering the form and a screen reader would announce a nameless pane. :func:`scroll_to_focus` keeps it out of
the chain and scrolls the field that takes the focus into view, whichever way the focus came.
"""

from __future__ import annotations

from itertools import pairwise
from typing import cast

import shiboken6
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QFormLayout, QGridLayout, QLayout, QScrollArea, QWidget


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can stop on ``widget`` itself (a field inside a compound widget hands it to the compound)."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def reading_chain(root: QWidget) -> list[QWidget]:
    """The controls inside ``root``, hidden ones included, in the order its layouts place them."""
    found: list[QWidget] = []
    _add_widget(root, found, root)
    return found


def follow_reading_order(root: QWidget) -> None:
    """Link the Tab chain of ``root``'s controls in reading order; the first keeps its place in the window's
    chain, so Tab still comes in from the control before ``root`` and leaves to the one after it."""
    for before, after in pairwise(reading_chain(root)):
        if before.nextInFocusChain() is not after:
            QWidget.setTabOrder(before, after)


def _add_widget(widget: QWidget, found: list[QWidget], root: QWidget) -> None:
    if isinstance(widget, QScrollArea):
        content = widget.widget()
        if content is not None:
            _add_widget(content, found, root)
        return
    if widget is not root and takes_tab(widget):
        found.append(widget)
    layout = widget.layout()
    if layout is not None:
        _add_layout(layout, found, root)


def _add_layout(layout: QLayout, found: list[QWidget], root: QWidget) -> None:
    indexes = list(range(layout.count()))
    if isinstance(layout, (QGridLayout, QFormLayout)):  # their items are kept in the order they were added
        positions = {index: _cell(layout, index) for index in indexes}
        indexes.sort(key=positions.__getitem__)
    for index in indexes:
        item = layout.itemAt(index)
        if item is None:
            continue
        child = item.widget()
        inner = item.layout()
        if child is not None:
            _add_widget(child, found, root)
        elif inner is not None:
            _add_layout(inner, found, root)


def _cell(layout: QGridLayout | QFormLayout, index: int) -> tuple[int, int]:
    """The row and column (a form's label, then its field) of a grid's or a form's item."""
    if isinstance(layout, QGridLayout):
        row, column, _rows, _columns = cast(tuple[int, int, int, int], layout.getItemPosition(index))
        return row, column
    row, role = cast(tuple[int, QFormLayout.ItemRole], layout.getItemPosition(index))
    return row, role.value


def scroll_to_focus(area: QScrollArea) -> None:
    """Keep ``area`` itself out of the Tab chain, and scroll the control that takes the focus inside it into
    view (Tab from the buttons below it, a mnemonic, a click, a field focused in code)."""
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FollowFocus(area).show_focused)


class _FollowFocus(QObject):
    """Lives as long as its scroll area (a child of it), and so does its connection to the application."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    @Slot(QWidget, QWidget)
    def show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.area):  # the focus leaves a scroll area being taken down
            return
        content = self.area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.area.ensureWidgetVisible(new)
