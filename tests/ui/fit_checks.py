"""The 16 pt walk's eyes (tests/ui/test_dialogs_at_16pt.py): inputs squashed below the height they need, word-wrapped
labels shorter than their text at their width, and buttons a person cannot reach because they lie off the screen
or below the dialog's edge (docs/translating.md, "Room for larger fonts")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)

from tests.ui.pseudo_walk import plain

INPUTS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.window() is root.window() and (widget is root or widget.isVisibleTo(root))


def _says(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    said = text() if callable(text) else ""
    if not said and isinstance(widget, QLineEdit):
        said = widget.placeholderText()
    return plain(str(said or widget.accessibleName()))[:60]


def squashed(root: QWidget) -> list[tuple[str, str]]:
    """Buttons, fields, spin boxes and combo boxes lower than their minimumSizeHint (a field's text cut through
    the middle). The editors inside spin and combo boxes, and a tab bar's own scroll buttons, are the outer
    control's."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not _shown(widget, root):
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox, QTabBar)):
            continue
        need = widget.minimumSizeHint().height()
        if widget.height() < need:
            found.append((f"{type(widget).__name__} {widget.height()} px of {need}", _says(widget)))
    return found


def short_wrapped_labels(root: QWidget) -> list[tuple[str, str]]:
    """Word-wrapped labels lower than the height their text needs at their width."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.wordWrap() or not plain(label.text()).strip() or not _shown(label, root):
            continue
        need = label.heightForWidth(label.width())
        if label.height() < need:
            found.append((f"QLabel {label.height()} px of {need}", plain(label.text())[:60]))
    return found


def _scrolled(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area inside ``root`` (a person scrolls to it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def out_of_reach(root: QWidget, screen: QRect) -> list[tuple[str, str]]:
    """``root`` larger than ``screen``, or a button of it (not in a scroll area) outside ``root``: a Save or
    Cancel below the screen's edge."""
    found = []
    if root.width() > screen.width() or root.height() > screen.height():
        found.append(("window", f"{root.width()}×{root.height()} on {screen.width()}×{screen.height()}"))
    inside = root.rect()
    for button in root.findChildren(QAbstractButton):
        if not _shown(button, root) or _scrolled(button, root):
            continue
        top_left = button.mapTo(root, QPoint(0, 0))
        if not inside.contains(QRect(top_left, button.size())):
            found.append((f"button at {top_left.x()},{top_left.y()}", _says(button)))
    return found
