"""Every control in every view and dialog has a name a screen reader can say, and Tab follows reading order."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from medjournal.demo import write_demo
from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, open_journal
from medjournal.ui import accessibility
from medjournal.ui.accessibility import accessible_name, is_control, unnamed_controls
from medjournal.ui.app import application
from tests.ui.walk_subjects import dialogs, look_at_dialogs

SECTIONS = ("today", "medications", "history", "trends", "summary")


@pytest.fixture
def demo(journal: Journal) -> Journal:
    write_demo(journal, days=60)
    return journal


def test_every_section_of_the_window_names_every_control(qtbot: QtBot, demo: Journal) -> None:
    from medjournal.ui.main_window import MainWindow

    application()  # as the medjournal command starts it: this installs the naming filter
    window = MainWindow(demo, first_run=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for section in SECTIONS:
        window.show_section(section)
        assert unnamed_controls(window) == [], section
        assert _disabled_labels(window) == [], section


def _disabled_labels(root: QWidget) -> list[str]:
    """Labels greyed by disabling them: 1.6:1 grey, announced as "unavailable"."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if label.isVisibleTo(root) and not label.isEnabled()
    ]


@pytest.mark.parametrize(
    ("text", "background"), [("#1f1f1f", "#ffffff"), ("#e6e6e6", "#1e1f22"), ("#000000", "#777777")]
)
def test_muted_text_keeps_4_5_to_1_in_light_and_dark_themes(text: str, background: str) -> None:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    colour = accessibility.muted_colour(palette)
    assert accessibility.contrast(colour, QColor(background)) >= 4.5
    if accessibility.contrast(QColor(text), QColor(background)) > 7:
        assert colour != QColor(text)  # quieter than the text when there is room for it


def test_every_dialog_names_every_control_and_tabs_in_reading_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, clock: FixedClock, tmp_path: Path
) -> None:
    """Every dialog the translation walks open (tests/ui/walk_subjects.py), the documentation, the passphrase's,
    the PGIC's and your own activities among them, over the window started as the ``medjournal`` command starts
    it (which installs the naming filter)."""
    from medjournal.ui.main_window import MainWindow
    from tests.ui.keys import start_like_the_command

    demo = open_journal(journal_path, clock)
    write_demo(demo, days=60)
    demo.close()
    monkeypatch.setenv("LANGUAGE", "en")
    found: dict[str, list[object]] = {}
    titles: list[str] = []

    def look(title: str, dialog: QWidget) -> None:
        found[title] = [*unnamed_controls(dialog), *_tab_order_jumps(dialog), *_disabled_labels(dialog)]

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        titles.extend(dialogs(window.journal, tmp_path))
        look_at_dialogs(qtbot, window.journal, tmp_path, look)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.close()

    assert start_like_the_command(monkeypatch, journal_path, clock.now().isoformat(), session) == 0
    assert found == {title: [] for title in titles}


def _tab_order_jumps(root: QWidget) -> list[tuple[str, str]]:
    """Pairs of controls where Tab moves back up the dialog (a grid of check boxes may read by columns). Tab
    goes round, so the walk is read from the control at the top of the dialog round to the one before it."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and widget not in chain:
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if root.isAncestorOf(widget) and is_control(widget) and widget.isVisibleTo(root) and takes_tab:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    if chain:
        top = min(range(len(chain)), key=lambda i: (chain[i].mapTo(root, QPoint(0, 0)).y() // 8, i))
        chain = chain[top:] + chain[:top]
    jumps = []
    for before, after in itertools.pairwise(chain):
        up = after.mapTo(root, QPoint(0, 0)).y() < before.mapTo(root, QPoint(0, 0)).y() - 8
        parent = before.parentWidget()
        same_grid = parent is after.parentWidget() and isinstance(
            parent.layout() if parent else None, QGridLayout
        )
        if up and not same_grid:
            jumps.append((accessible_name(before), accessible_name(after)))
    return jumps


def test_a_questionnaire_answer_keeps_its_question_once_answered(qtbot: QtBot, demo: Journal) -> None:
    from medjournal.ui.main_window import MainWindow

    application()
    window = MainWindow(demo, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_section("today")
    boxes = [box for box in window.findChildren(QComboBox) if box.isVisible() and box.count() > 1]
    assert boxes
    for box in boxes:
        question = accessible_name(box)
        assert question and question != box.currentText()
        box.setCurrentIndex(box.count() - 1)
        assert accessible_name(box) == question and box.currentText() not in question
        # What AT-SPI reads on Linux: the combo box is "labelled by" the printed question.
        interface = QAccessible.queryAccessibleInterface(box)
        labels = [
            other.text(QAccessible.Text.Name)
            for other, _ in interface.relations(QAccessible.RelationFlag.Label)
        ]
        assert any(question.rstrip("?") in label for label in labels), labels


def test_names_come_from_what_is_printed_beside_the_control(qtbot: QtBot) -> None:
    application()
    form = QWidget()
    qtbot.addWidget(form)
    rows = QFormLayout(form)
    by_buddy, by_row, answer, unlabelled = QLineEdit(), QLineEdit(), QComboBox(), QSpinBox()
    buddy_label = QLabel("&Name:")
    buddy_label.setBuddy(by_buddy)
    rows.addRow(buddy_label, by_buddy)
    rows.addRow("<b>Taken</b> for", by_row)
    question = QHBoxLayout()
    question.addWidget(QLabel("Little interest or pleasure in doing things?"))
    question.addWidget(answer)
    question.addWidget(unlabelled)  # a label belongs to the control right after it only
    rows.addRow(question)
    answer.addItems(["Not at all", "Several days"])
    placeholder = QLineEdit()
    placeholder.setPlaceholderText("Search the journal")
    tooltip = QCheckBox()
    tooltip.setToolTip("Show as-needed doses")
    explicit = QLineEdit()
    explicit.setAccessibleName("Given in code")
    for widget in (placeholder, tooltip, explicit):
        rows.addRow(widget)
    form.show()
    qtbot.waitExposed(form)
    accessibility.name_controls(form)  # what the filter does when one of medjournal's own widgets is shown
    assert accessible_name(by_buddy) == "Name"
    assert accessible_name(by_row) == "Taken for"
    assert accessible_name(answer) == "Little interest or pleasure in doing things?"
    assert accessible_name(placeholder) == "Search the journal"
    assert accessible_name(tooltip) == "Show as-needed doses"
    assert accessible_name(explicit) == "Given in code"
    assert unnamed_controls(form) == ["QSpinBox  in QWidget"]


def test_the_line_edit_inside_an_editable_combo_box_says_the_combo_box_name(qtbot: QtBot) -> None:
    """A screen reader reaches the field typed into inside an editable combo box ("mg") as a control of its
    own: it gets the combo box's name, and the walk reports it when it has none."""
    application()
    form = QWidget()
    qtbot.addWidget(form)
    rows = QFormLayout(form)
    unit, bare = QComboBox(), QComboBox()
    for box in (unit, bare):
        box.setEditable(True)
        box.addItems(["mg", "ml"])
    rows.addRow("&Unit:", unit)
    rows.addRow(bare)
    form.show()
    qtbot.waitExposed(form)
    accessibility.name_controls(form)
    edit = unit.lineEdit()
    assert edit is not None
    interface = QAccessible.queryAccessibleInterface(edit)
    assert interface is not None and interface.text(QAccessible.Text.Name) == "Unit"
    assert unnamed_controls(form) == ["QComboBox  in QWidget", "the line edit inside QComboBox  in QWidget"]


def test_qt_own_dialogs_are_left_alone(qtbot: QtBot) -> None:
    """Walking a QMessageBox's layout from Python made PySide drop its wrapper of a C++-made button ("Internal C++
    object already deleted"), and crashed the print dialog's Properties."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    application()
    box = QMessageBox(QMessageBox.Icon.Question, "Print", "No printer is set up on this computer.")
    save = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    QTimer.singleShot(0, save.click)
    box.exec()
    assert box.clickedButton() is save


def test_the_filter_is_installed_once(qtbot: QtBot) -> None:
    app = application()
    application()
    assert accessibility._namer is not None and accessibility._namer.parent() is app
