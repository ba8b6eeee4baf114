"""Whether Tab goes through a view or a dialog in reading order, as a person sees it: the stops walked with the
Tab key, compared by where they are shown. Used by tests/ui/test_tab_order.py."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medjournal.ui.accessibility import accessible_name
from tests.ui.keys import Keyboard

SLACK = 6  # pixels: a combo box and the line edit beside it are not exactly level


def tab_walk(qtbot: QtBot, until: QWidget | None = None, limit: int = 200) -> list[QWidget]:
    """Press Tab from the focused widget until the focus comes back to ``until`` (or to a widget met before):
    the widgets the focus stopped on, in order, ``until`` left out. Tab inside a date field goes from its day
    to its month and year first: the same widget again is not a way round."""
    keys = Keyboard(qtbot)
    stops: list[QWidget] = []
    for _press in range(limit):
        keys.press(Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None
        if stops and widget is stops[-1]:
            continue
        if widget is until or widget in stops:
            return stops
        stops.append(widget)
    raise AssertionError(f"Tab went on past {limit} presses: {[_name(w) for w in stops]}")


def _scroll_areas(widget: QWidget, root: QWidget) -> list[QScrollArea]:
    """The scroll areas ``widget`` is shown in, below ``root``, the outermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found[::-1]


def _place(widget: QWidget, areas: list[QScrollArea], depth: int, frame: QWidget) -> QRect:
    """Where ``widget`` is in ``frame``'s coordinates, as the scroll area it sits in at ``depth`` (or itself)."""
    shown = areas[depth] if depth < len(areas) else widget
    return QRect(shown.mapTo(frame, QPoint(0, 0)), shown.size())


def places(before: QWidget, after: QWidget, root: QWidget) -> tuple[QRect, QRect]:
    """The two widgets' rectangles where they can be compared: inside the content of the innermost scroll area
    both are in (its whole content, scrolled or not), else in ``root``; a widget further inside a scroll area
    of its own counts as that scroll area."""
    first, second = _scroll_areas(before, root), _scroll_areas(after, root)
    shared = 0
    while shared < min(len(first), len(second)) and first[shared] is second[shared]:
        shared += 1
    content = first[shared - 1].widget() if shared else None
    frame = content if content is not None else root
    return _place(before, first, shared, frame), _place(after, second, shared, frame)


def out_of_order(before: QRect, after: QRect) -> bool:
    """Reading order: the next control is further down, or on the same line to the right, or at the top of a
    column to the right. Back up into the same column, or left along a line, is out of order."""
    same_line = after.top() < before.bottom() - SLACK and before.top() < after.bottom() - SLACK
    if same_line:
        return after.left() < before.left() - SLACK
    if after.top() > before.top():
        return False
    return after.left() < before.right() - SLACK  # above: only the next column may start higher


def order_faults(stops: list[QWidget], root: QWidget) -> list[str]:
    """Each pair of stops where Tab leaves reading order, and each stop no one can name (a scroll pane)."""
    faults = [f"a nameless {type(w).__name__}" for w in stops if not accessible_name(w)]
    for before, after in pairwise(stops):
        if out_of_order(*places(before, after, root)):
            faults.append(f"{_name(before)} → {_name(after)}")
    return faults


def controls_shown(root: QWidget) -> list[QWidget]:
    """The controls shown in ``root`` that Tab can stop on now (a button enabled only once a row is chosen is
    not one of them yet; of a group of choices, Tab stops on the one chosen and the arrow keys move along it)."""
    from medjournal.ui.tab_chain import takes_tab

    return [
        w
        for w in root.findChildren(QWidget)
        if takes_tab(w)
        and w.isVisibleTo(root)
        and w.isEnabled()
        and not isinstance(w, QScrollArea)
        and _inside_a_shown_control(w, root)
    ]


def _choices(widget: QWidget) -> list[QWidget]:
    """The choices of the exclusive group ``widget`` is one of (radio buttons, Trends' range buttons), or only
    ``widget``: Tab stops on one choice of a group and the arrow keys move along it."""
    if not isinstance(widget, QAbstractButton) or not widget.isCheckable():
        return [widget]
    group = widget.group()
    if group is not None and group.exclusive():
        return list(group.buttons())
    parent = widget.parentWidget()
    if widget.autoExclusive() and parent is not None:
        return [b for b in parent.findChildren(QAbstractButton) if b.autoExclusive() and b.isCheckable()]
    return [widget]


def unreached(stops: list[QWidget], shown: list[QWidget]) -> list[str]:
    """The controls of ``shown`` (:func:`controls_shown` before the walk) that Tab never stopped on, a group of
    choices counted as reached when one of them was."""
    return [_name(w) for w in shown if not any(choice in stops for choice in _choices(w))]


def _inside_a_shown_control(widget: QWidget, root: QWidget) -> bool:
    """Not a part of another control (a spin box's line edit, a table's editor)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if parent.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(parent, QScrollArea):
            return False
        parent = parent.parentWidget()
    return True


def first_in_reading_order(stops: list[QWidget], root: QWidget) -> QWidget:
    """The stop a person reads first: the one nothing is before in reading order."""
    for candidate in stops:
        if not any(
            out_of_order(*places(candidate, other, root)) for other in stops if other is not candidate
        ):
            return candidate
    raise AssertionError("no stop comes first")


def default_button(dialog: QWidget) -> QPushButton | None:
    return next((b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisible()), None)


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {accessible_name(widget)[:50]!r}"
