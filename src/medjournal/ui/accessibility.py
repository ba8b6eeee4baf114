"""Every control has a name a screen reader can say, taken from the label a sighted person reads beside it.

Qt names a button or check box from its own text, but an input field, a spin box, a combo box or a list has no
text of its own: without an accessible name a screen reader says "edit" or reads the current value ("1 Several
days") with no question. Rather than naming each field by hand in every view and dialog (and forgetting some),
one event filter on the application names any unnamed control when it is first shown, from, in order:

1. a QLabel whose buddy it is;
2. its label in a QFormLayout row;
3. the QLabel just before it in the same box or grid layout (a question and its answer box);
4. its placeholder text, then its tooltip.

The line edit inside an editable combo box is reached by a screen reader as a control of its own: it gets
the combo box's name. A name set in code always wins. ``unnamed_controls(root)`` lists what is still unnamed,
for the tests that walk every view and dialog.

The names are for assistive technology only, so the naming begins when one first asks medjournal about a widget
(:func:`install`), as Qt itself makes its accessibility objects only when asked: a screen reader running before
medjournal starts asks as the window appears, one started later asks when it reaches the window, and either way
every window of ours is named in the event loop's next turn (each name set tells the screen reader it changed).
Without one, nothing is walked and no event crosses into Python for it (the filter was about a fifth of a start's
CPU time: docs/architecture.md, *Start-up*).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSlider,
    QAbstractItemView,
    QAbstractButton,
)
_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A label's text as it is read: no markup, no accelerator ampersands, no trailing colon."""
    text = _TAGS.sub(" ", text).replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return " ".join(text.split()).rstrip(":").strip()


def is_control(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
        return False  # the editor inside a spin box or combo box: the outer control carries the name
    if isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(), QTabBar):
        return False
    return isinstance(widget, CONTROLS) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def _layouts(layout: QLayout | None) -> list[QLayout]:
    """``layout`` and every layout nested in it."""
    found: list[QLayout] = []
    pending = [layout] if layout is not None else []
    while pending:
        current = pending.pop()
        found.append(current)
        for index in range(current.count()):
            item = current.itemAt(index)
            child = item.layout() if item is not None else None
            if child is not None:
                pending.append(child)
    return found


def _label_in_form(widget: QWidget) -> QLabel | None:
    parent = widget.parentWidget()
    for layout in _layouts(parent.layout() if parent is not None else None):
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel) and plain(label.text()):
                return label
    return None


def _label_text(widget: QWidget | None) -> str:
    return plain(widget.text()) if isinstance(widget, QLabel) else ""


def _label_before(widget: QWidget) -> QLabel | None:
    parent = widget.parentWidget()
    layout = next(
        (
            found
            for found in _layouts(parent.layout() if parent is not None else None)
            if found.indexOf(widget) >= 0
        ),
        None,
    )
    if isinstance(layout, QGridLayout):
        position = layout.getItemPosition(layout.indexOf(widget))
        row, column = int(position[0]), int(position[1])  # type: ignore[index]
        for before in range(column - 1, -1, -1):
            item = layout.itemAtPosition(row, before)
            previous = item.widget() if item is not None else None
            if isinstance(previous, QLabel) and _label_text(previous):
                return previous
        return None
    if isinstance(layout, QBoxLayout):
        for before in range(layout.indexOf(widget) - 1, -1, -1):
            item = layout.itemAt(before)
            previous = item.widget() if item is not None else None
            if isinstance(previous, QLabel) and _label_text(previous):
                return previous
            if previous is not None and is_control(previous):
                return None  # a label belongs to the control right after it, not to every later one
    return None


# id of a control: the control (held, so that its id stays its own) and the first label of its window, with
# text, whose buddy it is
Buddies = dict[int, tuple[QWidget, QLabel]]


def buddy_labels(window: QWidget) -> Buddies:
    """Each control's buddy label in ``window``: the first in ``findChildren`` order that has text."""
    found: Buddies = {}
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and id(buddy) not in found and plain(label.text()):
            found[id(buddy)] = (buddy, label)
    return found


def label_for(widget: QWidget, buddies: Buddies | None = None) -> QLabel | None:
    """The label printed for ``widget``: its buddy label, its form row's label, or the label just before it.
    ``buddies`` (from :func:`buddy_labels`) saves looking through every label of the window for each control."""
    if buddies is None:
        buddies = buddy_labels(widget.window())
    buddy = buddies.get(id(widget))
    return buddy[1] if buddy is not None else _label_in_form(widget) or _label_before(widget)


def name_from_label(widget: QWidget) -> str:
    """The name a sighted person would give ``widget`` from what is printed around it ("" if nothing)."""
    return _name_from(widget, label_for(widget))


def _name_from(widget: QWidget, label: QLabel | None) -> str:
    if label is not None:
        return plain(label.text())
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    return plain(widget.toolTip())


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``. A button's own text names it; any other control needs a name
    set on it: Qt names an unnamed combo box by its current value ("1 Several days"), which says nothing of
    the question once it is answered."""
    if widget.accessibleName() or not isinstance(widget, QAbstractButton):
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def name_control(widget: QWidget, buddies: Buddies | None = None) -> None:
    """Give ``widget`` the name of its visible label if it is an unnamed control, and make that label its
    buddy: on Linux, AT-SPI reads a combo box's name from its "labelled by" relation, which Qt builds from the
    buddy, while its Name property is the current value."""
    if not is_control(widget):
        return
    if buddies is None:
        buddies = buddy_labels(widget.window())
    label = label_for(widget, buddies)
    if label is not None and label.buddy() is None:
        label.setBuddy(widget)
        buddies.setdefault(id(widget), (widget, label))  # label_for only finds labels with text
    if not accessible_name(widget).strip():
        name = _name_from(widget, label)
        if name:
            widget.setAccessibleName(name)
    _name_inner_edit(widget)


def _inner_edit(widget: QWidget) -> QLineEdit | None:
    """The line edit a person types into inside an editable combo box ("mg", "Capsule"): a screen reader
    reaches it as a control of its own, so it needs the combo box's name too."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return None


def _name_inner_edit(widget: QWidget) -> None:
    edit = _inner_edit(widget)
    if edit is not None and not edit.accessibleName().strip() and widget.accessibleName().strip():
        edit.setAccessibleName(widget.accessibleName())


def name_controls(root: QWidget) -> None:
    """Name every unnamed control under ``root`` (and ``root`` itself)."""
    buddies = buddy_labels(root.window())
    for widget in [root, *root.findChildren(QWidget)]:
        name_control(widget, buddies)


def unnamed_controls(root: QWidget) -> list[str]:
    """The visible, enabled controls under ``root`` that a screen reader could not name, described for a test."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if is_control(widget) and widget.isVisibleTo(root):
            where = f"{type(widget).__name__} {widget.objectName() or ''} in {type(widget.window()).__name__}"
            if not accessible_name(widget).strip():
                found.append(where)
            edit = _inner_edit(widget)
            if edit is not None and not _said_name(edit):
                found.append(f"the line edit inside {where}")
    return found


def _said_name(widget: QWidget) -> str:
    """The name Qt's accessibility layer gives ``widget`` (what a screen reader says)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


class AccessibleNamer(QObject):
    """The application-wide event filter: when one of medjournal's own widgets is shown (a window, a dialog, a
    view, or a part added to one later), the controls inside it are named.

    Qt shows a window's children before it sends the window its own Show event, so while a window is being
    shown its parts are left to that last event, which names the whole window once: walking each part's
    controls as well, and then each enclosing part's again, was a tenth of the window's start."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # ids of the windows whose own Show event came, until hidden (a stale id only means more naming)
        self._shown: set[int] = set()

    def shown(self, window: QWidget) -> None:
        """``window`` was shown before the naming began: its parts shown later are named as they appear."""
        self._shown.add(id(window))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and is_ours(watched):
            if watched.isWindow():
                self._shown.add(id(watched))
                name_controls(watched)
            elif id(watched.window()) in self._shown or not is_ours(watched.window()):
                name_controls(watched)  # a part shown later, or one of ours in a window that is not
        elif kind == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow():
            self._shown.discard(id(watched))
        return False


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


MUTED_CONTRAST = 4.5  # WCAG AA for body text


def muted_colour(palette: QPalette) -> QColor:
    """A quieter text colour that still reads at 4.5:1 on the window background, in light and dark themes."""
    text = palette.color(QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorRole.Window)
    for share in (0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.0):  # how far towards the background
        colour = QColor.fromRgbF(
            text.redF() + (background.redF() - text.redF()) * share,
            text.greenF() + (background.greenF() - text.greenF()) * share,
            text.blueF() + (background.blueF() - text.blueF()) * share,
        )
        if contrast(colour, background) >= MUTED_CONTRAST:
            return colour
    return text


def mute(label: QLabel) -> QLabel:
    """Show ``label`` as secondary text. Not by disabling it: a disabled label is a 1.6:1 grey that a screen
    reader announces as "unavailable"."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, muted_colour(palette))
    label.setPalette(palette)
    return label


def is_ours(widget: QWidget) -> bool:
    """A widget of medjournal's own classes (a window, a dialog, a view, a card), not one of Qt's.

    The filter walks only these. Walking the layouts of Qt's own dialogs (the print dialog's Properties, a
    QMessageBox) from Python made PySide drop its wrappers of their C++-made buttons ("Internal C++ object already
    deleted") and crashed the print dialog; Qt's dialogs name their own controls anyway."""
    return type(widget).__module__.startswith("medjournal.")


_namer: AccessibleNamer | None = None
_asked = False  # the factory below is installed: the naming begins at the first question


def install(app: QApplication) -> None:
    """Name controls in every window of ``app`` once assistive technology is in use (once per application): at
    once when Qt's accessibility is already active (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON``, a screen reader that
    asked before), otherwise when the first accessibility object is asked for."""
    global _asked
    if _namer is not None or _asked:
        return
    if QAccessible.isActive():
        begin_naming(app)
        return
    _asked = True
    QAccessible.installFactory(_first_question)


def begin_naming(app: QApplication) -> None:
    """Name the controls of every window of ours shown now, and of every one shown from now on."""
    global _namer
    if _namer is not None:
        return
    _namer = AccessibleNamer(app)
    app.installEventFilter(_namer)
    for window in app.topLevelWidgets():
        if window.isVisible() and is_ours(window):
            _namer.shown(window)
            name_controls(window)


_begun = False  # the first question was asked: the naming is on its way


def _first_question(_class_name: str, _object: QObject) -> None:
    """An accessibility factory that makes nothing (Qt's own make every object) and, the first time it is asked,
    begins the naming in the event loop's next turn. Not in the question itself: naming a control makes Qt ask for
    accessibility objects again, inside the question for one of them, and an object made twice that way left
    Qt's accessibility cache pointing at a deleted one (a crash at a later question). Each name set then tells
    the screen reader it changed. Qt asks each factory again for each class of each new object, so this returns
    at once after the first time."""
    global _begun
    if _namer is None and not _begun:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            _begun = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, app, lambda: begin_naming(app))
    return None
