"""A dose falling due while the window is locked (docs/data-safety.md, *Locking after a time without input*):
the notification says a dose is due and names no medication; the banner holds the reminder for after
unlocking."""

from __future__ import annotations

from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal
from medjournal.ui.notifications import Notifier
from medjournal.ui.reminders import ReminderController
from tests.ui.test_notifications import StandInService, at, due_at_eight, host, morning  # noqa: F401

pytestmark = pytest.mark.gui


def test_a_dose_due_while_locked_is_announced_without_its_name(
    qtbot: Any,
    host: Any,  # noqa: F811
    morning: Journal,  # noqa: F811
    clock: FixedClock,
) -> None:
    service = StandInService(["body", "actions"])
    controller = ReminderController(
        host, morning, clock=clock, tray_available=False, notifier=Notifier(service)
    )
    controller.private = True  # what the idle lock sets while the window is locked
    reminder = due_at_eight(qtbot, controller, clock)
    [(_, summary, body, _actions)] = service.sent
    assert (summary, body) == ("A dose is due", "Unlock medjournal to see it.")
    assert "Duloxetine" in reminder.describe()
    assert reminder.key in controller.pending()  # kept for the banner, shown after unlocking

    controller.private = False
    clock.set(at(20, 0, 20))
    with qtbot.waitSignal(controller.reminder_shown, timeout=5000):
        controller.timer.timeout.emit()
    assert service.sent[-1][1] == "Time for a dose" and "Duloxetine" in service.sent[-1][2]
