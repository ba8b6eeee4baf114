"""Today by mouse, and Today on a small screen (docs/today.md), through the real start-up of ``medjournal``.

Pain, mood and sleep are one click each on their rows of buttons, side-effect severities one click on their
row; at 1366×768 the doses, the three ratings, the side effects and Save are in sight without scrolling.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.test_key_contract import NOW, read_back
from tests.ui.widgets import child, of_type

pytestmark = pytest.mark.gui


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """One medication at 08:00 and 20:00, nothing logged; the clock at 21:30 (as the key contract)."""
    from datetime import datetime

    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(datetime.fromisoformat(NOW).astimezone()))
    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-11-01")
    journal.close()
    return path


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_one_click_per_rating_and_severity(qtbot, monkeypatch, db: Path) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        form = today.checkin
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        click(qtbot, form.pain_buttons.button(6))
        seen["pain focus"] = QApplication.focusWidget() is form.pain  # digits carry on from the click
        click(qtbot, form.mood_buttons.button(5))
        click(qtbot, form.sleep_buttons.button(9))
        Keyboard(qtbot).play("4")  # a digit on the spin box the click left the focus on replaces the 9
        seen["sleep row"] = form.sleep_buttons.value()
        click(qtbot, form.mood_buttons.button(2))
        click(qtbot, form.mood_buttons.button(None))  # "–": back to not rated
        click(qtbot, form.mood_buttons.button(5))
        effects = today.side_effects
        nausea = effects.item(effects.symptom_keys().index("nausea"))
        click(qtbot, effects.buttons(nausea).button(2))
        seen["word"] = effects.buttons(nausea).caption_label.text()
        click(qtbot, today.save_button)
        seen["status"] = today.status.text()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["pain focus"] is True
    assert seen["sleep row"] == 4
    assert seen["word"] == "moderate"
    _, checkins, effects = read_back(db)
    assert checkins == [(6, 5, 4)]
    assert effects == [("nausea", 2)]
    assert "Saved at 21:30" in str(seen["status"])


def test_typed_values_show_on_the_buttons(qtbot, monkeypatch, db: Path) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)
        Keyboard(qtbot).play("Alt+P 7 Alt+E N 3")
        nausea = today.side_effects.item(today.side_effects.symptom_keys().index("nausea"))
        seen["pain"] = today.checkin.pain_buttons.value()
        seen["mood"] = today.checkin.mood_buttons.value()
        seen["nausea"] = today.side_effects.buttons(nausea).value()
        names = [b.accessibleName() for b in today.checkin.pain_buttons.group.buttons()]
        seen["names"] = names
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert (seen["pain"], seen["mood"], seen["nausea"]) == (7, None, 3)
    assert seen["names"][0] == "Pain: not rated"
    assert seen["names"][7] == "Pain 6, higher is worse"


def _in_sight(widget: QWidget, viewport: QWidget) -> bool:
    """Whether the whole of ``widget`` is inside the visible part of ``viewport``."""
    top_left = widget.mapTo(viewport.window(), QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    seen = QRect(viewport.mapTo(viewport.window(), QPoint(0, 0)), viewport.size())
    return widget.isVisible() and seen.contains(rect)


def test_today_fits_1366x768(qtbot, monkeypatch, db: Path) -> None:
    seen: dict[str, bool] = {}

    def session(window: QWidget) -> None:
        # a maximised window on a 1366×768 screen at 100%: a 32-pixel panel and a 36-pixel title bar
        window.resize(1366, 700)
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        scroll = child(today, QScrollArea, "today_scroll")
        sideways = scroll.horizontalScrollBar()
        # the layout settles once the resize reaches it and the page's scroll bars follow; if a scroll bar stays,
        # the assertions below say what does not fit
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: today.height() > 500 and not sideways.isVisible())
        viewport = scroll.viewport()
        form = today.checkin
        seen["doses"] = _in_sight(today.dose_list, viewport)
        for name in ("pain", "mood", "sleep"):
            seen[name] = _in_sight(getattr(form, name), viewport) and _in_sight(
                getattr(form, f"{name}_buttons"), viewport
            )
        effects = today.side_effects
        first = effects.buttons(effects.item(0))
        seen["side effects"] = _in_sight(first, viewport) and _in_sight(
            effects.buttons(effects.item(2)), viewport
        )
        seen["save"] = _in_sight(today.save_button, window)
        seen["no scrolling"] = scroll.verticalScrollBar().value() == 0
        seen["no sideways scrolling"] = sideways.maximum() == 0 and not sideways.isVisible()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {
        "doses": True,
        "pain": True,
        "mood": True,
        "sleep": True,
        "side effects": True,
        "save": True,
        "no scrolling": True,
        "no sideways scrolling": True,
    }


def test_today_scrolls_inside_itself_on_a_smaller_screen(qtbot, monkeypatch, db: Path) -> None:
    """1280×720 at 150% leaves about 853×420 logical pixels: Save stays in sight below Today's own scrolling
    page, and the page's scroll bars (not the window's) reach the rest."""
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window.resize(853, 420)
        today = of_type(of_type(window, MainWindow).view("today"), TodayView)
        qtbot.waitUntil(lambda: today.width() < 900)
        scroll = child(today, QScrollArea, "today_scroll")
        seen["save"] = _in_sight(today.save_button, window)
        section = today.parentWidget()
        assert section is not None
        seen["today within its section"] = _in_sight(today, of_type(section.parentWidget(), QWidget))
        page = of_type(scroll.widget(), QWidget)
        seen["page reachable"] = (
            scroll.verticalScrollBar().maximum() >= page.height() - scroll.viewport().height()
            and scroll.horizontalScrollBar().maximum() >= page.width() - scroll.viewport().width()
        )
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == {"save": True, "today within its section": True, "page reachable": True}
