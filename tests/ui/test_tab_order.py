"""Tab follows reading order in every view and every dialog, and each dialog opens with the focus where a person
starts: walked with the Tab key through the window the ``medjournal`` command starts (docs/architecture.md,
"Tab and the first focus")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from medjournal.ui import main_window
from medjournal.ui.dialog_fit import BODY
from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard
from tests.ui.reading_order import (
    controls_shown,
    default_button,
    first_in_reading_order,
    order_faults,
    tab_walk,
    unreached,
)
from tests.ui.walk_subjects import look_at_dialogs, on_the_demo, show_and_wait

pytestmark = pytest.mark.gui

SECTIONS = tuple(section.key for section in main_window.SECTIONS)  # every section the window has


# Dialogs made for one thing that open on the field for it rather than on the first control: your own
# activities opens on the name of a new one (Enter adds it), under the list of those already named.
OPENS_ELSEWHERE: dict[str, Callable[[QWidget], QWidget | None]] = {
    "own activities": lambda dialog: getattr(dialog, "name", None),
}


@pytest.fixture(params=[10, 16], ids=["10pt", "16pt"])
def font_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int]:
    """A desktop's usual font, and the 16 pt a person with low vision sets (Today's columns then stack)."""
    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", request.param))
    yield request.param
    QApplication.setFont(font)


def sized(qtbot: QtBot, window: QWidget) -> MainWindow:
    """The window the command started, at 1280×800."""
    assert isinstance(window, MainWindow)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    return window


def walk_section(qtbot: QtBot, window: MainWindow, section: str) -> tuple[list[QWidget], list[str]]:
    """Tab from the section tabs through the section and back to them: the stops, and what is wrong."""
    show_and_wait(qtbot, window, section)
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    view = window.view(section)
    shown = controls_shown(view)
    stops = tab_walk(qtbot, until=bar)
    outside = [f"outside the section: {type(w).__name__}" for w in stops if not view.isAncestorOf(w)]
    return stops, outside + order_faults(stops, window) + unreached(stops, shown)


def test_tab_goes_through_every_section_in_reading_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, font_size: int
) -> None:
    """German demo journal, 1280×800: on Today the notes to discuss (the bleeding caution with ibuprofen, this
    week's mood question) sit between the doses and the check-in, and Tab reaches them there."""
    found: dict[str, list[str]] = {}
    today: dict[str, int] = {}

    def session(shown: QWidget) -> None:
        window = sized(qtbot, shown)
        for section in SECTIONS:
            stops, found[section] = walk_section(qtbot, window, section)
            if section == "today":
                view = window.today()
                for row in view.warnings_panel.rows.values():
                    today[f"note {row.warning.key}"] = stops.index(row.acknowledge_button)
                today["pain"] = stops.index(view.checkin.pain)
                today["doses"] = stops.index(view.dose_list)
        window.close()

    assert on_the_demo(monkeypatch, tmp_path / "journal.db", "de", session, days=60) == 0
    assert found == {section: [] for section in SECTIONS}
    notes = [key for key in today if key.startswith("note")]
    assert notes, "the demo journal shows notes to discuss"
    assert all(today["doses"] < today[note] < today["pain"] for note in notes), today


def test_every_dialog_opens_on_its_first_control_and_tabs_in_reading_order(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, font_size: int
) -> None:
    """Each walked dialog (tests/ui/walk_subjects.py) opens with the focus on the first control a person reads
    (or its default button), never on the pane its fields scroll in; Tab then goes round in reading order."""
    found: dict[str, list[str]] = {}

    def look(title: str, dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: _inside(QApplication.focusWidget(), dialog))
        opened_on = QApplication.focusWidget()
        assert opened_on is not None
        shown = controls_shown(dialog)
        stops = [opened_on, *tab_walk(qtbot, until=opened_on)]
        first = first_in_reading_order(stops, dialog)
        start = stops.index(first)
        round_ = stops[start:] + stops[:start]  # from the top of the dialog to its last button
        problems = order_faults(round_, dialog) + unreached(round_, shown)
        starts = (first, default_button(dialog), OPENS_ELSEWHERE.get(title, lambda _d: None)(dialog))
        if opened_on not in starts:
            problems.append(f"opens on {type(opened_on).__name__} {opened_on.objectName()!r}")
        found[title] = problems

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        look_at_dialogs(qtbot, window.journal, tmp_path, look)
        window.close()

    assert on_the_demo(monkeypatch, tmp_path / "journal.db", "de", session, days=60) == 0
    assert found == {title: [] for title in found}
    assert len(found) >= 20


def test_today_stays_in_reading_order_as_its_parts_are_built_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A note acknowledged, a questionnaire opened from the Journal menu and answered, another day chosen:
    each builds a part of Today again, and Tab still reaches it where it is shown."""
    found: dict[str, list[str]] = {}

    def walk(place: str, window: MainWindow) -> list[QWidget]:
        stops, found[place] = walk_section(qtbot, window, "today")
        return stops

    def session(shown: QWidget) -> None:
        window = sized(qtbot, shown)
        today = window.today()
        walk("first", window)
        notes = len(today.warnings_panel.rows)
        first_note = next(iter(today.warnings_panel.rows.values())).acknowledge_button
        first_note.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is first_note)
        Keyboard(qtbot).press(Qt.Key.Key_Space)  # acknowledged: the notes are built again
        qtbot.waitUntil(lambda: len(today.warnings_panel.rows) == notes - 1)
        walk("a note acknowledged", window)

        window.start_questionnaire("phq2")  # Journal › Fill in a questionnaire
        card = today.questionnaires.card
        qtbot.waitUntil(lambda: card.isVisible() and QApplication.focusWidget() is card.inputs[0])
        stops = walk("a questionnaire opened", window)
        assert stops.index(card.inputs[0]) < stops.index(card.inputs[1]) < stops.index(card.save_button)
        card.inputs[0].setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is card.inputs[0])
        keys = Keyboard(qtbot)
        for _answer in card.inputs:
            keys.press(Qt.Key.Key_Down)  # "0 Not at all"
            keys.press(Qt.Key.Key_Tab)
        keys.press(Qt.Key.Key_Return)  # saves the answers
        qtbot.waitUntil(lambda: today.questionnaires.status.isVisibleTo(today))
        walk("a questionnaire answered", window)

        today.day_edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.day_edit)
        keys.press(Qt.Key.Key_Down)  # the day before
        qtbot.waitUntil(lambda: today.late_banner.isVisibleTo(today))
        walk("the day before", window)
        window.close()

    assert on_the_demo(monkeypatch, tmp_path / "journal.db", "de", session, days=60) == 0
    assert found == {
        place: []
        for place in (
            "first",
            "a note acknowledged",
            "a questionnaire opened",
            "a questionnaire answered",
            "the day before",
        )
    }


def test_a_field_below_the_fold_scrolls_into_view_when_tabbed_to(
    qtbot: QtBot, journal: Any, tmp_path: Path, qapp: QApplication
) -> None:
    """Settings at 16 pt on a 1280×720 screen scrolls; Shift+Tab from Save goes back into the scrolling part,
    to its last field, and shows it."""
    from medjournal.ui.journal.settings_dialog import SettingsDialog

    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 16))
    try:
        dialog = SettingsDialog(journal)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        area = dialog.findChild(QScrollArea, BODY)
        assert area is not None and area.verticalScrollBar().maximum() > 0, "the settings do not scroll here"
        save = default_button(dialog)
        assert save is not None
        save.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is save)
        qtbot.keyClick(save, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        field = QApplication.focusWidget()
        assert field is not None and _inside(field, area.widget())
        shown = QRect(field.mapTo(area.viewport(), QPoint(0, 0)), field.size())
        assert area.viewport().rect().contains(shown), (shown, area.viewport().rect())
    finally:
        QApplication.setFont(font)


def _inside(widget: QWidget | None, container: QWidget | None) -> bool:
    return widget is not None and container is not None and container.isAncestorOf(widget)


def test_the_self_harm_cards_help_is_reached_before_the_check_in(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A PHQ-9 with question 9 above 0 answered on the command line: German Today's first card offers "Hilfe
    finden", and Tab reaches it after the doses and before the check-in, in reading order."""
    from medjournal.ui.language import apply_language
    from tests.conftest import NOW, Cli
    from tests.ui.keys import journal_at, start_like_the_command

    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW.isoformat())
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01")
    journal.set_setting("language", "de")
    journal.set_setting("country", "DE")
    journal.close()
    assert Cli(db, NOW)("questionnaire", "phq9", "--answers", "1,2,1,2,1,1,1,1,1").exit_code == 0
    seen: dict[str, Any] = {}

    def session(shown: QWidget) -> None:
        window = sized(qtbot, shown)
        today = window.today()
        stops, seen["faults"] = walk_section(qtbot, window, "today")
        [help_button] = [
            row.offer_buttons["help"]
            for row in today.warnings_panel.rows.values()
            if "help" in row.offer_buttons
        ]
        seen["help"] = help_button.text()
        seen["order"] = [stops.index(w) for w in (today.dose_list, help_button, today.checkin.pain)]
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    finally:
        apply_language("en")
    assert seen["faults"] == []
    assert seen["help"] == "Hilfe finden"
    assert seen["order"] == sorted(seen["order"])
