"""Dialogs that fit the screen at any font size (docs/translating.md, "Room for larger fonts").

A dialog's content goes in a column inside a scroll area; whatever is added to the dialog's own layout after it
(its Save and Cancel, its Close) stays below it, always in view. When the dialog is first shown it takes the
size its content needs, word-wrapped text at its full height, but never more than the screen has room for: on a
small screen or with a large font the content scrolls and the buttons stay on the screen. Inside the scroll area
nothing is squeezed below the height it needs (Qt's scroll area keeps its content at its minimum size and the
height its wrapped text needs at its width).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget

from medjournal.ui.tab_chain import scroll_to_focus

BODY = "dialog_body"  # the scroll area's object name
# Room left on the screen for the window manager's title bar and frame, which Qt cannot measure before the
# dialog is on the screen (a 16 pt title bar is about 40 px).
FRAME = QSize(16, 56)


def scrolling_column(dialog: QDialog) -> QVBoxLayout:
    """Give ``dialog`` its layout: a scroll area holding the column returned, for the content; what is added to
    ``dialog.layout()`` afterwards (the buttons) stays below it, outside the scroll area."""
    outer = QVBoxLayout(dialog)
    area = QScrollArea()
    area.setObjectName(BODY)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    area.setWidget(body)
    scroll_to_focus(area)  # the dialog opens on its first field, not on a nameless pane
    outer.addWidget(area, 1)
    fit_when_shown(dialog)
    return column


def foot(dialog: QDialog) -> QVBoxLayout:
    """The layout below ``dialog``'s scrolling column (from :func:`scrolling_column`): its buttons go here."""
    outer = dialog.layout()
    assert isinstance(outer, QVBoxLayout), "the dialog has no scrolling column"
    return outer


def screen_of(widget: QWidget) -> QScreen:
    """The screen ``widget`` is on (its centre's), else the primary one.

    Not the widget's own ``screen`` method: PySide6 (6.11) files the screen it returns as a child of the
    widget's Python object, so when that widget is deleted the screen's Python object is marked dead while Qt's
    screen lives on; the garbage collector could later delete Qt's screen through it, and the next widget asking
    for its screen crashed (a test run ended with a segmentation fault in ``QScreen::virtualSiblings``).
    ``screenAt`` files nothing: tests/ui/test_screen_of.py holds both."""
    found = QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center()))
    return found or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QRect:
    """The part of the screen ``widget`` is on that windows may cover (without panels and docks)."""
    return screen_of(widget).availableGeometry()


def room(widget: QWidget) -> QSize:
    """The largest size of a dialog on ``widget``'s screen, its title bar and frame left room."""
    area = available(widget).size()
    return QSize(area.width() - FRAME.width(), area.height() - FRAME.height())


def wanted_size(dialog: QDialog, limit: QSize) -> QSize:
    """The size ``dialog`` needs to show its content unscrolled, no larger than ``limit``."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    area = dialog.findChild(QScrollArea, BODY)
    body = area.widget() if area is not None else None
    if area is None or body is None:
        return hint.boundedTo(limit).expandedTo(dialog.minimumSize().boundedTo(limit))
    bar = dialog.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, area)
    beside = hint.width() - area.sizeHint().width()  # the dialog's margins
    width = min(max(hint.width(), body.sizeHint().width() + beside + bar), limit.width())
    inner = width - beside - bar
    height = body.heightForWidth(inner) if body.hasHeightForWidth() else -1
    height = max(height, body.minimumSizeHint().height())
    if not body.hasHeightForWidth():
        height = max(height, body.sizeHint().height())
    above_and_below = hint.height() - area.sizeHint().height()  # margins and the buttons
    return QSize(width, min(height + above_and_below, limit.height()))


def fit(dialog: QDialog) -> None:
    """Size ``dialog`` to its content and the screen: a larger size set in code is kept where the screen has
    room."""
    limit = room(dialog)
    dialog.resize(dialog.size().expandedTo(wanted_size(dialog, limit)).boundedTo(limit))


class _FitOnFirstShow(QObject):
    """Fits its dialog as it is first shown: its screen is known then, and the filter runs before the dialog's
    own show event places it over its parent with the new size. The person's own resizing after that is left
    alone."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            watched.removeEventFilter(self)
            fit(watched)
        return False


def fit_when_shown(dialog: QDialog) -> None:
    """Fit ``dialog`` to its content and the screen when it is first shown."""
    dialog.installEventFilter(_FitOnFirstShow(dialog))
