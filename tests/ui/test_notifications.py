"""Desktop notifications for reminders (docs/reminders.md): what is sent for a due dose, Taken and Snooze from
the notification, the banner as the fallback; and one run against a stand-in notification server on a private
D-Bus session bus (skipped, with the reason, where dbus-daemon is not installed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal
from medjournal.ui.notifications import DBusBackend, Notifier
from medjournal.ui.reminders import ReminderController

pytestmark = pytest.mark.gui


def at(hour: int, minute: int = 0, second: int = 0, day: int = 15) -> datetime:
    return datetime(2026, 3, day, hour, minute, second).astimezone()


class StandInService:
    """A notification service in memory: records what is sent; a test clicks its buttons."""

    def __init__(self, caps: list[str] | None = None, fail: bool = False) -> None:
        self.caps = caps
        self.fail = fail
        self.sent: list[tuple[int, str, str, list[str]]] = []
        self.closed: list[int] = []
        self.on_action: Any = None
        self.on_closed: Any = None

    def capabilities(self) -> list[str] | None:
        return self.caps

    def notify(self, summary: str, body: str, actions: list[str]) -> int | None:
        if self.fail:
            return None
        self.sent.append((len(self.sent) + 1, summary, body, actions))
        return len(self.sent)

    def close(self, notification_id: int) -> None:
        self.closed.append(notification_id)

    def set_handlers(self, on_action: Any, on_closed: Any) -> None:
        self.on_action, self.on_closed = on_action, on_closed


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


def due_at_eight(qtbot, controller: ReminderController, clock: FixedClock) -> Any:
    clock.set(at(8, 0, 20))
    with qtbot.waitSignal(controller.reminder_shown, timeout=5000) as shown:
        controller.timer.timeout.emit()
    return shown.args[0]


def test_a_due_dose_is_sent_with_taken_and_snooze(qtbot, host, morning: Journal, clock) -> None:
    service = StandInService(["body", "actions"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    reminder = due_at_eight(qtbot, controller, clock)
    assert service.sent == [
        (
            1,
            "Time for a dose",
            reminder.describe(),
            ["default", "Open medjournal", "taken", "Taken", "snooze", "Snooze 15 min"],
        )
    ]
    assert "Duloxetine" in reminder.describe() and "08:00" in reminder.describe()
    assert list(controller.banner.cards) == [reminder.key]  # the banner keeps it in the window too

    clock.set(at(8, 4))
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        service.on_action(1, "taken")  # the person clicks Taken on the desktop's notification
    assert removed.args == [reminder.key, "taken"]
    [logged] = morning.dose_logs(reminder.day, reminder.day)
    assert (logged.slot, logged.status, logged.amount) == ("08:00", "taken", 60)
    assert logged.taken_at.startswith("2026-03-15T08:04")
    assert controller.pending() == []
    service.on_action(1, "taken")  # a second click (or a replayed signal) logs nothing more
    assert len(morning.dose_logs(reminder.day, reminder.day)) == 1


def test_snooze_from_the_notification_brings_it_back_in_15_minutes(
    qtbot, host, morning: Journal, clock
) -> None:
    service = StandInService(["actions"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    reminder = due_at_eight(qtbot, controller, clock)
    with qtbot.waitSignal(controller.reminder_removed, timeout=5000) as removed:
        service.on_action(1, "snooze")
    assert removed.args == [reminder.key, "snoozed"]
    assert morning.dose_logs(reminder.day, reminder.day) == []
    clock.set(at(8, 15, 10))
    controller.timer.timeout.emit()
    assert controller.pending() == []  # 14 min 50 s after the click: not yet
    clock.set(at(8, 15, 30))
    with qtbot.waitSignal(controller.reminder_shown, timeout=5000) as shown:
        controller.timer.timeout.emit()
    assert shown.args[0].snoozed and shown.args[0].key == reminder.key
    assert [sent[0] for sent in service.sent] == [1, 2] and "(snoozed)" not in service.sent[1][1]


def test_acting_in_the_banner_withdraws_the_notification(qtbot, host, morning: Journal, clock) -> None:
    service = StandInService(["actions"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    reminder = due_at_eight(qtbot, controller, clock)
    controller.skip(reminder.key)
    assert service.closed == [1]
    service.on_action(1, "taken")  # a click that crossed the skip on the way: nothing is logged over it
    [logged] = morning.dose_logs(reminder.day, reminder.day)
    assert logged.status == "skipped"


def test_a_server_without_actions_gets_a_plain_notification(qtbot, host, morning: Journal, clock) -> None:
    service = StandInService(["body"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    reminder = due_at_eight(qtbot, controller, clock)
    assert service.sent == [(1, "Time for a dose", reminder.describe(), [])]
    assert list(controller.banner.cards) == [reminder.key]


@pytest.mark.parametrize("service", [None, StandInService(None), StandInService(["actions"], fail=True)])
def test_without_a_service_the_banner_is_the_reminder(qtbot, host, morning: Journal, clock, service) -> None:
    alerts: list[object] = []
    notifier = Notifier(service)
    controller = ReminderController(host, morning, clock=clock, tray_available=False, notifier=notifier)
    original = QApplication.alert
    QApplication.alert = lambda widget, msec=0: alerts.append(widget)  # type: ignore[method-assign,assignment]
    try:
        reminder = due_at_eight(qtbot, controller, clock)
    finally:
        QApplication.alert = original  # type: ignore[method-assign]
    assert list(controller.banner.cards) == [reminder.key]
    assert alerts == [host]  # the taskbar entry flashed, as without notifications
    assert not notifier.available
    controller.take(reminder.key)
    assert [log.status for log in morning.dose_logs(reminder.day, reminder.day)] == ["taken"]


def test_no_session_bus_means_no_backend(monkeypatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert DBusBackend.open() is None
    assert DBusBackend.open("unix:path=/nonexistent/medjournal-test-bus") is None


# -- a real D-Bus round trip -----------------------------------------------------------------------------------

SERVER = Path(__file__).with_name("notification_server.py")


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed (Debian package dbus); .ci/run installs it")
    config = tmp_path / "session.conf"
    config.write_text(
        "<!DOCTYPE busconfig PUBLIC '-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN'"
        " 'http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd'>"
        f"<busconfig><type>session</type><listen>unix:dir={tmp_path}</listen>"
        "<policy context='default'><allow send_destination='*' eavesdrop='true'/>"
        "<allow eavesdrop='true'/><allow own='*'/></policy></busconfig>"
    )
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def start_server(address: str, click: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
    server = subprocess.Popen(
        [sys.executable, str(SERVER), click],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert server.stdout is not None
    assert json.loads(server.stdout.readline()) == {"ready": True}
    return server


def test_taken_through_a_notification_server_on_a_private_bus(
    qtbot, host, morning: Journal, clock, private_bus: str
) -> None:
    server = start_server(private_bus, "taken")
    try:
        backend = DBusBackend.open(private_bus)
        assert backend is not None
        notifier = Notifier(backend)
        assert notifier.available and notifier.has_actions
        controller = ReminderController(host, morning, clock=clock, tray_available=False, notifier=notifier)
        clock.set(at(8, 0, 20))
        with qtbot.waitSignal(controller.reminder_removed, timeout=10_000) as removed:
            controller.timer.timeout.emit()  # shown, sent, and the server clicks Taken
        assert removed.args[1] == "taken"
        [logged] = morning.dose_logs(at(8).date(), at(8).date())
        assert (logged.slot, logged.status) == ("08:00", "taken")
        backend.shutdown()
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    calls = [json.loads(line) for line in out.splitlines() if line]
    notify = [call for call in calls if call.get("member") == "Notify"]
    assert len(notify) == 1
    assert notify[0]["signature"] == "susssasa{sv}i"  # uint32 replaces_id, as every real server insists
    assert notify[0]["arguments"][3] == "Time for a dose"
    assert notify[0]["arguments"][5] == [
        "default",
        "Open medjournal",
        "taken",
        "Taken",
        "snooze",
        "Snooze 15 min",
    ]


def test_the_missed_note_is_a_plain_notification_that_opens_the_window(
    qtbot, host, morning: Journal, clock
) -> None:
    morning.set_setting(
        "reminders.last_checked", at(19, 0, day=14).isoformat()
    )  # asleep since 19:00 yesterday
    clock.set(at(11, 0))
    service = StandInService(["actions"])
    notifier = Notifier(service)
    opened: list[bool] = []
    notifier.opened.connect(lambda: opened.append(True))
    ReminderController(host, morning, clock=clock, tray_available=False, notifier=notifier)
    [(note_id, summary, body, actions)] = service.sent
    assert summary == "Doses missed, not recorded"
    assert body.startswith(
        "2 doses missed, not recorded: Duloxetine 2026-03-14 20:00; Duloxetine 2026-03-15 08:00"
    )
    assert actions == ["default", "Open medjournal"]
    service.on_action(note_id + 40, "default")  # another app's notification clicked: not ours to open
    assert opened == []
    service.on_action(note_id, "default")
    assert opened == [True]
    assert morning.dose_logs(at(8).date(), at(8).date()) == []  # a click on the note logs nothing


def test_switching_journals_withdraws_the_old_journals_notifications(
    qtbot, host, morning: Journal, clock, tmp_path
) -> None:
    from medjournal.storage import open_journal

    service = StandInService(["actions"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    due_at_eight(qtbot, controller, clock)
    other = open_journal(tmp_path / "other.db", clock)
    try:
        other.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-03-01")
        controller.use_journal(other)  # what MainWindow.switch_journal ends in (journal_switched)
        assert 1 in service.closed
        service.on_action(1, "taken")  # a click on the old journal's notification
        assert other.dose_logs(at(8).date(), at(8).date()) == []
    finally:
        other.close()
