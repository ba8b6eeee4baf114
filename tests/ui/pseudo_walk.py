"""The pseudo-locale walk's eyes: every text a person can see in a window or dialog, and the labels too narrow
for their text (docs/translating.md). Used by tests/ui/test_pseudo_locale.py."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from medjournal.i18n import pseudo
from tests.ui.cell_walk import cramped_cells

OPEN, CLOSE = "⟦", "⟧"
_NOT_WORDS = re.compile(r"[\W\d_]+")  # what is left of a text once its numbers and punctuation go


def plain(text: str) -> str:
    """Rich text as it reads on screen."""
    if GuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _model_texts(model: QAbstractItemModel | None, rows: int = 40) -> Iterable[str]:
    if model is None:
        return
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model: one column, its count not public
        columns = 1
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(rows, model.rowCount(QModelIndex()))):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value


def _texts_of(widget: QWidget) -> list[str]:
    """What one widget shows: its text, title, items, placeholder or tab names, and its tooltip."""
    texts = [widget.windowTitle()] if widget.isWindow() else []
    texts.append(widget.toolTip())
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QComboBox):
        texts += [widget.placeholderText(), *(widget.itemText(i) for i in range(widget.count()))]
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QPlainTextEdit | QTextBrowser):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QMenu):
        texts += [widget.title(), *(action.text() for action in widget.actions())]
    elif isinstance(widget, QAbstractItemView):
        texts += list(_model_texts(widget.model()))
    if isinstance(widget, QAbstractSpinBox) and not isinstance(widget, QDateTimeEdit):
        texts.append(widget.specialValueText())
        if isinstance(widget, QSpinBox):
            texts.append(widget.suffix())
    return texts


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text shown in ``root`` and its visible children, menus and tabs included."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root) and not isinstance(widget, QMenu):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        found += [(where, plain(text)) for text in _texts_of(widget) if text and text.strip()]
    if isinstance(root, QMainWindow):
        found += [("QMenuBar", plain(action.text())) for action in root.menuBar().actions() if action.text()]
    return found


def untranslated(
    texts: Iterable[tuple[str, str]], data: Iterable[str], filled: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """The texts with words that went through no translation: outside every ⟦…⟧, once the person's own data
    (``data``: names, notes, units they typed), numbers and punctuation are taken out, letters are left.

    ``filled``: texts shown as published with their ``{placeholders}`` filled in (the PGIC's validated stem,
    "Since starting {medication} on {date}, …"). Such a text is taken out only where each placeholder holds
    nothing but what is accounted for itself: a translated text, the person's data, numbers and punctuation; an
    untranslated word put in a placeholder is still found."""
    # as shown: an "&" in a label marks its shortcut letter and is not drawn
    known = sorted({text for d in data if d for text in (d, d.replace("&", ""))}, key=len, reverse=True)

    def words_left(text: str) -> str:
        rest = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        while OPEN in rest and CLOSE in rest:  # nested: a translated text inside another
            rest = re.sub(r"⟦[^⟦⟧]*⟧", " ", rest)
        for item in known:
            rest = rest.replace(item, " ")
        return _NOT_WORDS.sub("", rest)

    def accounted_for(match: re.Match[str]) -> str:
        return " " if not any(words_left(slot) for slot in match.groups()) else match.group(0)

    published = [
        re.compile("([^\n]*?)".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", text)))
        for text in filled
    ]
    left = []
    for where, text in texts:
        rest = text
        for pattern in published:
            rest = pattern.sub(accounted_for, rest)
        if words_left(rest):
            left.append((where, text))
    return left


def _clipped_headers(header: QHeaderView) -> list[tuple[str, str]]:
    """A table's column headers narrower than their text, or a vertical header narrower than a row's title (a
    header does not wrap: Qt elides it)."""
    model = header.model()
    if model is None:
        return []
    found = []
    metrics = header.fontMetrics()
    if header.highlightSections():  # Qt draws the titles of a selected row's (or column's) sections in bold
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    across = header.orientation() == Qt.Orientation.Horizontal
    sections = range(header.count()) if across else range(min(header.count(), 200))
    for section in sections:
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = plain(str(model.headerData(section, header.orientation()) or ""))
        room = header.sectionSize(section) if across else header.width()
        if text and metrics.horizontalAdvance(text) + margin > room + 1:
            where = "QHeaderView section" if across else "QHeaderView row"
            found.append((f"{where} {section}", text))
    return found


def _clipped_group_box(box: QGroupBox) -> list[tuple[str, str]]:
    """A group box narrower than its title (and its tick box, when it has one)."""
    text = plain(box.title())
    if not text:
        return []
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    room = min(label.width(), box.width() - max(label.x(), 0))
    if box.fontMetrics().horizontalAdvance(text) > room + 1:
        return [("QGroupBox title", text)]
    return []


def _clipped_tabs(bar: QTabBar) -> list[tuple[str, str]]:
    """A tab cut short ("…") or scrolled out of a tab bar too narrow for all its tabs."""
    found = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = plain(bar.tabText(index))
        rect = bar.tabRect(index)
        cut = bar.fontMetrics().horizontalAdvance(text) > rect.width() - 8
        if text and (cut or rect.right() > bar.width() or rect.left() < 0):
            found.append((f"QTabBar tab {index}", text))
    return found


def _clipped_combo_box(box: QComboBox) -> list[tuple[str, str]]:
    """A combo box's items (each shown in the box once chosen) and placeholder wider than its text field. The
    list that drops down grows to its widest item, so the items are cut only in the box itself."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    room = field.width() - 4  # the field's own margins
    found = []
    for text in [box.placeholderText(), *(box.itemText(i) for i in range(box.count()))]:
        shown = plain(text)
        if shown and box.fontMetrics().horizontalAdvance(shown) > room + 1:
            found.append(("QComboBox item", shown))
    return found


def _clipped_tick(button: QCheckBox | QRadioButton) -> list[tuple[str, str]]:
    """A check box or radio button narrower than its box, the gap and its one-line text."""
    text = plain(button.text())
    if not text:
        return []
    option = QStyleOptionButton()
    button.initStyleOption(option)
    check = isinstance(button, QCheckBox)
    contents = QStyle.SubElement.SE_CheckBoxContents if check else QStyle.SubElement.SE_RadioButtonContents
    rect = button.style().subElementRect(contents, option, button)
    room = min(rect.width(), button.width() - max(rect.x(), 0))
    widest = max(button.fontMetrics().horizontalAdvance(line) for line in text.splitlines() or [text])
    if widest > room + 1:
        return [(type(button).__name__, text)]
    return []


def _too_wide_tooltip(widget: QWidget, screen_width: int) -> list[tuple[str, str]]:
    """A tooltip of plain text wider than the screen: Qt wraps a rich-text tooltip, a plain one stays one line."""
    tip = widget.toolTip()
    if not tip or GuiQt.mightBeRichText(tip):
        return []
    metrics = widget.fontMetrics()
    if max(metrics.horizontalAdvance(line) for line in tip.splitlines() or [tip]) > screen_width - 20:
        return [("tooltip", tip)]
    return []


def _clipped_spin_box(box: QAbstractSpinBox) -> list[tuple[str, str]]:
    """A spin box whose special text ("not rated") is wider than its edit field."""
    text = box.specialValueText()
    edit = box.lineEdit()
    if not text or edit is None:
        return []
    room = edit.contentsRect().width() - 4  # the edit field's own text margins
    if box.fontMetrics().horizontalAdvance(text) > room + 1:
        return [(type(box).__name__, text)]
    return []


def clipped(root: QWidget, screen_width: int = 1280) -> list[tuple[str, str]]:
    """Labels and buttons narrower than their one-line text (a label that wraps grows instead), column and row
    headers narrower than their titles, spin boxes narrower than their special text, group box titles, tabs,
    combo box items, check boxes and radio buttons cut short, plain tooltips and menus wider than the screen."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu):  # a menu is sized to its items when it opens: only the screen limits it
            if widget.actions() and widget.sizeHint().width() > screen_width:
                found.append(("QMenu", plain(widget.title())))
            continue
        if widget is not root and not widget.isVisibleTo(root):
            continue
        found += _too_wide_tooltip(widget, screen_width)
        if isinstance(widget, QHeaderView):
            found += _clipped_headers(widget)
            continue
        if isinstance(widget, QTableView):
            found += cramped_cells(widget)
        if isinstance(widget, QAbstractSpinBox):
            found += _clipped_spin_box(widget)
            continue
        if isinstance(widget, QGroupBox):
            found += _clipped_group_box(widget)
            continue
        if isinstance(widget, QTabBar):
            found += _clipped_tabs(widget)
            continue
        if isinstance(widget, QComboBox):
            found += _clipped_combo_box(widget)
            continue
        if isinstance(widget, QCheckBox | QRadioButton):
            found += _clipped_tick(widget)
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.pixmap().isNull():
            text = plain(widget.text())
            room = widget.contentsRect().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            text = plain(widget.text())
            room = widget.width() - 8  # the frame and the smallest padding of a button
        else:
            continue
        lines = [line for line in text.splitlines() if line.strip()]
        if lines and max(widget.fontMetrics().horizontalAdvance(line) for line in lines) > room + 1:
            found.append((type(widget).__name__, text))
    return found


def is_pseudo(text: str) -> bool:
    return text.startswith(OPEN) and text.endswith(CLOSE)


__all__ = ["clipped", "is_pseudo", "plain", "pseudo", "untranslated", "visible_texts"]
