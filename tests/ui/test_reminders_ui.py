"""Reminders in the window: the timer-driven banner, Taken / Skip / Snooze, missed doses after sleep, the tray,
start at login, and the warnings panel. No sleeps: the clock is fixed and moved by hand; the controller's
single-shot QTimer is checked for being armed (at most 60 s) and its timeout is emitted by hand, so the tests do
not depend on a running event loop; results are waited on by signal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from medjournal.domain.clock import FixedClock
from medjournal.report.trends.trend_data import TrendData, load_trend_data
from medjournal.storage import Journal
from medjournal.ui.reminders import (
    KEEP_IN_TRAY,
    LAST_CHECKED,
    ReminderController,
)
from medjournal.ui.today.warnings_panel import WarningsPanel
from medjournal.ui.trends.trends_view import TrendsView
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def at(hour: int, minute: int = 0, second: int = 0, day: int = 15) -> datetime:
    return datetime(2026, 3, day, hour, minute, second).astimezone()


@pytest.fixture
def morning(journal: Journal, clock: FixedClock) -> Journal:
    clock.set(
        at(7, 0, day=1)
    )  # added on its first day: a slot it missed since is missed (domain/schedule.py)
    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-03-01")
    clock.set(at(7, 59, 30))
    return journal


@pytest.fixture
def host(qtbot) -> Iterator[QMainWindow]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    QApplication.setQuitOnLastWindowClosed(True)


def fire_timer(qtbot, controller: ReminderController) -> None:
    """Fire the controller's own single-shot timer now (its timeout runs the check)."""
    with qtbot.waitSignal(controller.checked, timeout=5000):
        controller.timer.timeout.emit()


def test_timer_shows_a_due_reminder_and_taken_logs_it(qtbot, host, morning: Journal, clock) -> None:
    controller = ReminderController(host, morning, clock=clock, tray_available=False)
    assert controller.timer.isSingleShot() and controller.timer.isActive()
    assert controller.timer.interval() == 30_000  # re-armed for the 08:00 slot, never more than 60 s
    assert not controller.banner.isVisibleTo(host)

    clock.set(at(8, 0, 20))
    with qtbot.waitSignal(controller.reminder_shown, timeout=5000) as shown:
        controller.timer.timeout.emit()
    reminder = shown.args[0]
    assert (reminder.medication_name, reminder.slot) == ("Duloxetine", "08:00")
    card = controller.banner.cards[reminder.key]
    assert card.label.text() == "<b>Duloxetine</b> 60 mg, due at 08:00"
    assert controller.banner.isVisibleTo(host) and card.taken_button.isVisibleTo(host)
    assert 0 < controller.timer.interval() <= 60_000

    fire_timer(qtbot, controller)  # a later check does not show it twice, and it stays until acted on
    assert list(controller.banner.cards) == [reminder.key]

    clock.set(at(8, 3))
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        qtbot.mouseClick(card.taken_button, Qt.MouseButton.LeftButton)
    assert removed.args == [reminder.key, "taken"]
    [logged] = morning.dose_logs(reminder.day, reminder.day)
    assert (logged.slot, logged.status, logged.amount) == ("08:00", "taken", 60)
    assert logged.taken_at.startswith("2026-03-15T08:03")
    assert controller.banner.cards == {}
    assert not controller.banner.isVisibleTo(host)


def test_snooze_brings_the_reminder_back_and_skip_logs_it(qtbot, host, morning: Journal, clock) -> None:
    controller = ReminderController(host, morning, clock=clock, tray_available=False)
    clock.set(at(8, 0, 10))
    fire_timer(qtbot, controller)
    [key] = controller.pending()
    card = controller.banner.cards[key]
    assert sorted(card.snooze_buttons) == [5, 15, 60]

    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        qtbot.mouseClick(card.snooze_buttons[15], Qt.MouseButton.LeftButton)
    assert removed.args == [key, "snoozed"]
    assert controller.pending() == []
    assert controller.timer.interval() <= 60_000

    clock.set(at(8, 15, 0))
    fire_timer(qtbot, controller)
    assert controller.pending() == []  # 14 min 50 s: not yet
    clock.set(at(8, 15, 20))
    with qtbot.waitSignal(controller.reminder_shown, timeout=5000) as shown:
        controller.timer.timeout.emit()
    assert shown.args[0].snoozed and shown.args[0].key == key
    card = controller.banner.cards[key]
    assert "(snoozed)" in card.label.text()

    with qtbot.waitSignal(controller.reminder_removed, timeout=5000):
        qtbot.mouseClick(card.skip_button, Qt.MouseButton.LeftButton)
    [logged] = morning.dose_logs(key[1], key[1])
    assert (logged.slot, logged.status) == ("08:00", "skipped")
    assert morning.medication("Duloxetine").stock_units is None


def test_a_dose_logged_elsewhere_removes_the_reminder(qtbot, host, morning: Journal, clock) -> None:
    controller = ReminderController(host, morning, clock=clock, tray_available=False)
    clock.set(at(8, 0, 10))
    fire_timer(qtbot, controller)
    [key] = controller.pending()
    morning.record_dose("Duloxetine", at=at(8, 1))  # e.g. from Today or the command line
    clock.set(at(8, 1, 30))
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        controller.timer.timeout.emit()
    assert removed.args == [key, "resolved"]
    assert controller.pending() == []


def test_after_sleep_missed_doses_are_reported_once(qtbot, host, morning: Journal, clock) -> None:
    morning.set_setting(LAST_CHECKED, at(19, 0, day=14).isoformat())  # the lid closed at 19:00 yesterday
    clock.set(at(8, 30))  # opened 30 minutes after this morning's dose
    controller = ReminderController(host, morning, clock=clock, tray_available=False)
    banner = controller.banner
    assert banner.missed_label.isVisibleTo(banner)
    assert banner.missed_label.text() == (
        "1 dose missed, not recorded: Duloxetine 2026-03-14 20:00. "
        "If you took it, you can still log it in History."
    )
    assert [key[2] for key in controller.pending()] == ["08:00"]  # still within its two hours: due
    assert morning.setting(LAST_CHECKED).startswith("2026-03-15T08:30")

    clock.set(at(8, 31))
    fire_timer(qtbot, controller)
    with qtbot.assertNotEmitted(controller.missed_reported):
        clock.set(at(8, 32))
        fire_timer(qtbot, controller)
    qtbot.mouseClick(banner.missed_ok, Qt.MouseButton.LeftButton)
    assert not banner.missed_label.isVisibleTo(banner)

    # closed and opened again later the same morning: nothing is reported a second time
    controller.persist()
    clock.set(at(9, 0))
    second = QMainWindow()
    qtbot.addWidget(second)
    again = ReminderController(second, morning, clock=clock, tray_available=False)
    assert not again.banner.missed_label.isVisibleTo(again.banner)


def test_without_a_tray_closing_the_window_closes_it(qtbot, host, morning: Journal, clock) -> None:
    controller = ReminderController(host, morning, clock=clock, tray_available=False)
    assert controller.tray is None
    host.close()
    assert not host.isVisible()
    assert not controller.timer.isActive()  # no window, no reminders


def test_tray_menu_and_keep_running_in_the_tray(qtbot, host, morning: Journal, clock) -> None:
    controller = ReminderController(host, morning, clock=clock, tray_available=True)
    assert controller.tray is not None
    texts = [a.text() for a in controller.tray_menu.actions() if not a.isSeparator()]
    assert texts == [
        "Open medjournal",
        "Log a dose…",
        "Snooze reminders",
        "Keep running in the tray when the window is closed",
        "Start at login",
        "Quit medjournal",
    ]
    assert controller.keep_action.isChecked()

    clock.set(at(8, 0, 10))
    fire_timer(qtbot, controller)
    [key] = controller.pending()
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        controller.snooze_actions[5].trigger()
    assert removed.args == [key, "snoozed"]

    host.close()  # kept in the tray: hidden, reminders still running
    assert not host.isVisible() and controller.timer.isActive()
    controller.open_action.trigger()
    assert host.isVisible()

    controller.keep_action.setChecked(False)
    assert morning.setting(KEEP_IN_TRAY) is False
    host.close()
    assert not host.isVisible() and not controller.timer.isActive()


def test_warnings_panel_lists_and_acknowledges(qtbot, journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01")
    journal.add_medication("Tramadol", 50, as_needed=True, max_daily=4, start="2026-03-10")
    journal.add_checkin(mood=6, self_harm_thoughts=False)  # this week's optional question answered: no prompt
    panel = WarningsPanel(journal)
    qtbot.addWidget(panel)
    panel.show()
    [row] = panel.rows.values()
    assert row.message.text() == "Ask your doctor or pharmacist about taking Duloxetine with Tramadol."
    assert row.source.text().startswith("Source: Cymbalta (duloxetine) US prescribing information")
    with qtbot.waitSignal(panel.journal_changed, timeout=5000):
        qtbot.mouseClick(row.acknowledge_button, Qt.MouseButton.LeftButton)
    assert panel.rows == {} and not panel.isVisible()
    assert journal.acknowledged_warnings() == {"caution:1-2:serotonin"}

    journal.stop_medication("Duloxetine", on="2026-03-15")
    panel.refresh()
    assert [w.kind for w in panel.warnings()] == ["stopped"]
    assert panel.isVisible()


def test_the_main_window_runs_reminders_and_shows_warnings_on_today(qtbot, journal: Journal, clock) -> None:
    from medjournal.ui.main_window import MainWindow

    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-03-01")
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=3, start="2026-03-10")
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert isinstance(window.reminders, ReminderController)
    today = window.view("today")
    panel = today.findChild(WarningsPanel)
    assert panel is not None
    assert [w.message for w in panel.warnings()] == [
        "Ask your doctor or pharmacist about taking Duloxetine with Ibuprofen."
    ]
    clock.advance(timedelta(minutes=1))
    assert window.reminders.check_now().empty


def test_quit_from_the_file_menu_and_the_tray_quits_for_real(
    qtbot, journal: Journal, clock, monkeypatch
) -> None:
    from medjournal.ui.main_window import MainWindow

    quits: list[int] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(1)))
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    controller = ReminderController(
        window,
        journal,
        clock=clock,
        tray_available=True,
        quit_action=window.quit_action,
        show_today=lambda: window.show_section("today"),
    )
    window.close()  # the title bar's X: kept in the tray
    assert not window.isVisible() and controller.timer.isActive()
    controller.log_action.trigger()  # Log a dose… opens the window on Today
    assert window.isVisible() and window.current_section() == "today"
    window.quit_action.trigger()  # File > Quit closes for real, and Qt's last-window rule quits
    assert not window.isVisible() and not controller.timer.isActive()
    assert QApplication.quitOnLastWindowClosed()

    other = QMainWindow()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    tray = ReminderController(other, journal, clock=clock, tray_available=True)
    other.close()
    assert not other.isVisible()
    tray.quit_action.trigger()  # Quit from the tray while the window is hidden
    assert quits == [1]


def test_a_dose_taken_from_a_reminder_reloads_only_its_day_in_trends(
    qtbot, journal: Journal, clock, monkeypatch
) -> None:
    """Every dose logged from a reminder used to reload every section in full: Trends read its whole range
    (years, in a long journal) again. It reads the dose's day now; the other sections, whose ``refresh_days``
    reads everything, reload."""
    import medjournal.report.trends.trend_data as trends_module  # the view imports it where it reads
    from medjournal.demo import write_demo
    from medjournal.ui.main_window import SECTIONS, MainWindow

    plan = write_demo(journal, days=120)
    journal.add_medication("Pregabalin", 75, times="21:00", start="2026-03-01")
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for section in SECTIONS:
        window.view(section.key)  # every section loaded, as after a while in the window
    others = [section.key for section in SECTIONS if section.key != "trends"]
    assert {"today", "medications", "history", "summary"} <= set(others)
    trends = of_type(window.view("trends"), TrendsView)
    window.show_section("trends")
    trends.set_preset("all")
    qtbot.waitUntil(lambda: not trends.loading)
    assert trends.data is not None and trends.data.start <= plan.first_day

    reads: list[tuple[object, object]] = []

    def counted_load(journal: Journal, start: date | None = None, end: date | None = None) -> TrendData:
        reads.append((start, end))
        return load_trend_data(journal, start, end)

    monkeypatch.setattr(trends_module, "load_trend_data", counted_load)
    monkeypatch.setattr(trends, "refresh", lambda: pytest.fail("Trends reloaded everything"))
    reloaded: list[str] = []

    def counted_refresh(key: str, real: Callable[[], None]) -> Callable[[], None]:
        def refresh() -> None:
            reloaded.append(key)
            real()

        return refresh

    for key in others:
        view: Any = window.view(key)
        monkeypatch.setattr(view, "refresh", counted_refresh(key, view.refresh))

    clock.set(at(21, 0, 30))
    controller = window.reminders
    with qtbot.waitSignal(controller.checked, timeout=5000):
        controller.timer.timeout.emit()
    [reminder] = [k for k in controller.pending() if k[2] == "21:00"]
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000):
        qtbot.mouseClick(controller.banner.cards[reminder].taken_button, Qt.MouseButton.LeftButton)

    today = reminder[1]
    assert reads == [(today, today)]  # the dose's day only (nothing after it is loaded yet), not 120 days
    assert sorted(reloaded) == sorted(others)
    pregabalin = journal.medication("Pregabalin")
    [row] = [m for m in trends.data.medications if m.id == pregabalin.id]
    assert row.taken_by_day == {today.toordinal(): 1}  # the new dose is in the chart
    assert trends.data.start <= plan.first_day  # the older days are still loaded
