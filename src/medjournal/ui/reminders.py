"""Dose reminders in the window: a timer that drives the scheduler, a banner, and the system tray.

``ReminderController(window, journal)`` is created by the main window once. A single-shot QTimer re-armed
after every check (never for longer than 60 s) asks :class:`~medjournal.domain.reminders.DoseScheduler` what
to show. Each due dose gets a card in a banner at the top of the window with Taken, Skip and Snooze (5, 15,
60 min); it stays until acted on. With a system tray, a tray icon (Open, Log a dose, Snooze, Quit) also pops a
notification, and closing the window can keep the app running in the tray (a setting). Where a desktop
notification service runs (:mod:`medjournal.ui.notifications`), each due dose is also a desktop notification
with Taken and Snooze, tray or not. Without either, the banner is the only place and the taskbar entry is
flashed. After sleep or a closed app the missed doses are listed once in the banner as "missed, not recorded".
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from medjournal.autostart import set_start_at_login
from medjournal.domain.clock import Clock
from medjournal.domain.errors import JournalClosedError, MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.domain.reminders import (
    SNOOZE_CHOICES,
    CheckResult,
    DoseScheduler,
    DueReminder,
    MissedReport,
    SlotKey,
)
from medjournal.i18n import _, format_decimal, ngettext
from medjournal.storage.journal import Journal
from medjournal.ui.journal_write import attempt
from medjournal.ui.notifications import Notifier, desktop_notifier

log = logging.getLogger(__name__)

KEEP_IN_TRAY = "reminders.keep_in_tray"  # journal settings
START_AT_LOGIN = "reminders.start_at_login"
LAST_CHECKED = "reminders.last_checked"
PERSIST_EVERY = timedelta(minutes=10)


# -- widgets -------------------------------------------------------------------------------------------------


class ReminderCard(QFrame):
    """One due dose: what, when, and Taken / Skip / Snooze 5, 15, 60 min."""

    taken_clicked = Signal(object)  # SlotKey
    skip_clicked = Signal(object)
    snooze_clicked = Signal(object, int)  # SlotKey, minutes

    def __init__(self, reminder: DueReminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("reminder-card")
        row = QHBoxLayout(self)
        text = _("<b>{medication}</b> {dose} {unit}, due at {time}").format(
            medication=html.escape(reminder.medication_name),
            dose=format_decimal(reminder.dose, 3),
            unit=html.escape(reminder.unit),
            time=reminder.slot,
        )
        if reminder.snoozed:
            text += " " + _("(snoozed)")
        self.label = QLabel(text)
        row.addWidget(self.label, 1)
        key = reminder.key
        self.taken_button = QPushButton(_("&Taken"))
        self.taken_button.clicked.connect(lambda: self.taken_clicked.emit(key))
        self.skip_button = QPushButton(_("S&kip"))
        self.skip_button.clicked.connect(lambda: self.skip_clicked.emit(key))
        row.addWidget(self.taken_button)
        row.addWidget(self.skip_button)
        row.addWidget(QLabel(_("Snooze:")))
        self.snooze_buttons: dict[int, QPushButton] = {}
        for minutes in SNOOZE_CHOICES:
            button = QPushButton(_("{n} min").format(n=minutes))
            button.setAccessibleName(
                ngettext("Snooze {n} minute", "Snooze {n} minutes", minutes).format(n=minutes)
            )
            button.clicked.connect(lambda _checked=False, m=minutes: self.snooze_clicked.emit(key, m))
            row.addWidget(button)
            self.snooze_buttons[minutes] = button


class ReminderBanner(QFrame):
    """The in-window place for reminders: one card per due dose and one line for missed doses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminder-banner")
        self.cards: dict[SlotKey, ReminderCard] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.card_layout = QVBoxLayout()
        layout.addLayout(self.card_layout)
        missed_row = QHBoxLayout()
        self.missed_label = QLabel()
        self.missed_label.setWordWrap(True)
        self.missed_ok = QPushButton(_("OK"))
        self.missed_ok.setAccessibleName(_("Dismiss the note about missed doses"))
        self.missed_ok.clicked.connect(self.clear_missed)
        missed_row.addWidget(self.missed_label, 1)
        missed_row.addWidget(self.missed_ok)
        layout.addLayout(missed_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.clear_missed()
        self.status.setVisible(False)

    def add_card(self, reminder: DueReminder) -> ReminderCard:
        self.remove_card(reminder.key)
        card = ReminderCard(reminder, self)
        self.cards[reminder.key] = card
        self.card_layout.addWidget(card)
        card.show()  # a layout would only show it from the event loop, a moment later
        self._update_visibility()
        return card

    def remove_card(self, key: SlotKey) -> None:
        card = self.cards.pop(key, None)
        if card is not None:
            card.setParent(None)
            card.deleteLater()
        self._update_visibility()

    def show_missed(self, report: MissedReport) -> None:
        self.missed_label.setText(report.describe())
        self.missed_label.setVisible(True)
        self.missed_ok.setVisible(True)
        self._update_visibility()

    def clear_missed(self) -> None:
        self.missed_label.clear()
        self.missed_label.setVisible(False)
        self.missed_ok.setVisible(False)
        self._update_visibility()

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self._update_visibility()

    def has_content(self) -> bool:
        return bool(self.cards) or self.missed_label.isVisibleTo(self) or bool(self.status.text())

    def _update_visibility(self) -> None:
        self.setVisible(self.has_content())


# -- the controller ------------------------------------------------------------------------------------------


class ReminderController(QObject):
    """Drives the scheduler from a timer and shows its reminders in the window and the tray."""

    reminder_shown = Signal(object)  # DueReminder
    reminder_removed = Signal(object, str)  # SlotKey, why: taken | skipped | snoozed | resolved
    missed_reported = Signal(object)  # MissedReport
    checked = Signal(object)  # CheckResult
    journal_changed = Signal(object)  # (first, last): the days of a dose logged here, for the window

    def __init__(
        self,
        window: QWidget,
        journal: Journal,
        clock: Clock | None = None,
        zone: tzinfo | None = None,
        tray_available: bool | None = None,
        notifier: Notifier | None = None,
        quit_action: QAction | None = None,
        show_today: Callable[[], None] | None = None,
    ) -> None:
        """``quit_action``: the window's own File > Quit, which quits for real while the tray keeps the app
        running; ``show_today``: what the tray's "Log a dose" opens after showing the window."""
        super().__init__(window)
        self.window = window
        self.journal = journal
        self.clock: Clock = clock or journal.clock
        self.zone = zone
        self._quitting = False
        self._told_about_tray = False
        self._show_today = show_today
        self.private = False  # True while the window is locked: notifications name no medication
        self._persisted_at: datetime | None = None
        self.scheduler = self._new_scheduler()
        self.banner = ReminderBanner()
        self._place_banner(window)
        self.banner._update_visibility()
        available = QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        self.tray: QSystemTrayIcon | None = self._build_tray() if available else None
        if self.tray is not None:
            # The tray keeps the app alive when the window is hidden; File > Quit quits for real.
            QApplication.setQuitOnLastWindowClosed(False)
            if quit_action is not None:
                quit_action.triggered.disconnect()
                quit_action.triggered.connect(self.quit)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.persist)
        # Desktop notifications (docs/reminders.md): Taken and Snooze there act like the banner's buttons.
        self.notifier = notifier if notifier is not None else desktop_notifier(self)
        self.notifier.taken.connect(self.take)
        self.notifier.snoozed.connect(self.snooze)
        self.notifier.opened.connect(self.open_window)
        self.reminder_removed.connect(lambda key, _why: self.notifier.withdraw(key))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check_now)
        self.check_now()

    def _place_banner(self, window: QWidget) -> None:
        """The banner above a main window's content, or simply inside any other window."""
        if isinstance(window, QMainWindow):
            # The banner goes above the window's content: wrap the central widget (the window keeps its own
            # reference to it, so nothing else changes).
            container = QWidget()
            container.setObjectName("reminders-container")
            layout = QVBoxLayout(container)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            layout.addWidget(self.banner)
            content = window.takeCentralWidget()
            if content is not None:
                layout.addWidget(content, 1)
                content.show()
            else:
                layout.addStretch(1)
            window.setCentralWidget(container)
            container.show()  # without waiting for the event loop when the window is already shown
        else:
            self.banner.setParent(window)

    # -- scheduling ----------------------------------------------------------------------------------------

    def _new_scheduler(self) -> DoseScheduler:
        stored = self.journal.setting(LAST_CHECKED)
        last = None
        if isinstance(stored, str):
            try:
                last = datetime.fromisoformat(stored)
            except ValueError:
                last = None
        return DoseScheduler(self.clock, zone=self.zone, last_checked=last)

    def check_now(self) -> CheckResult:
        """Ask the scheduler what to show, show it, and re-arm the timer."""
        scheduler = self.scheduler
        now = scheduler.now()
        try:
            medications = self.journal.medications()
            regimens = self.journal.regimens_by_medication()
            logs = self.journal.dose_logs(scheduler.oldest_day(now), scheduler.local_day(now))
        except JournalClosedError:  # the journal was closed under us (window closing, file switched)
            self.timer.stop()
            return CheckResult()
        result = scheduler.check(medications, regimens, logs)
        for key in result.resolved:
            self.banner.remove_card(key)
            self.reminder_removed.emit(key, "resolved")
        for reminder in result.due:
            self._show(reminder)
        if result.missed is not None:
            self.banner.show_missed(result.missed)
            missed = _("Unlock medjournal to see them.") if self.private else result.missed.describe()
            if not self.notifier.message(_("Doses missed, not recorded"), missed):
                self._notify(_("Doses missed, not recorded"), missed)
            self.missed_reported.emit(result.missed)
        # Written when something was shown, then every PERSIST_EVERY and on closing: opening the window
        # alone writes nothing.
        if not result.empty:
            self.persist()
        elif self._persisted_at is None:
            self._persisted_at = now
        elif now - self._persisted_at >= PERSIST_EVERY:
            self.persist()
        wait = scheduler.next_check_in(medications, regimens)
        self.timer.start(max(1000, min(60_000, int(wait.total_seconds() * 1000))))
        self.checked.emit(result)
        return result

    def persist(self) -> None:
        """Remember when reminders were last checked, so the next start reports only what it missed."""
        last = self.scheduler.last_checked
        if last is None:
            return
        try:
            self.journal.set_setting(LAST_CHECKED, last.isoformat(timespec="seconds"))
            self._persisted_at = last
        except MedjournalError as exc:  # a locked, full or closed journal must not stop us
            log.warning("could not remember the reminder check: %s", type(exc).__name__)

    def _show(self, reminder: DueReminder) -> None:
        card = self.banner.add_card(reminder)
        card.taken_clicked.connect(self.take)
        card.skip_clicked.connect(self.skip)
        card.snooze_clicked.connect(self.snooze)
        # The desktop's notification (with Taken and Snooze where the server offers actions); without a
        # notification service, the tray's message or the taskbar entry flashed.
        if self.private:  # the window is locked (ui/journal/idle_lock.py): no medication name on the screen
            if not self.notifier.message(_("A dose is due"), _("Unlock medjournal to see it.")):
                self._notify(_("A dose is due"), _("Unlock medjournal to see it."))
        elif not self.notifier.dose_due(reminder):
            self._notify(_("Time for a dose"), reminder.describe())
            if self.tray is None:
                QApplication.alert(self.window, 0)
        self.reminder_shown.emit(reminder)

    def _notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)

    # -- acting on a reminder ------------------------------------------------------------------------------

    def pending(self) -> list[SlotKey]:
        return list(self.banner.cards)

    def take(self, key: SlotKey) -> None:
        self._log(key, "taken")

    def skip(self, key: SlotKey) -> None:
        self._log(key, "skipped")

    def _log(self, key: SlotKey, status: str) -> None:
        medication_id, day, slot = key
        days = [day]
        logged = attempt(
            lambda: self.journal.record_dose(medication_id, status, at=self.clock.now(), slot=slot, day=day),
            self.window,
            self.banner.show_status,
        )
        if logged is not None:
            self.banner.show_status("")
            days.append(logged.value.day)
        self.scheduler.acted(key)
        self.banner.remove_card(key)
        self.reminder_removed.emit(key, status)
        # Every section shows the dose: a section that can reload just some days (Trends, which may show ten
        # years) reads only the dose's day again.
        self.journal_changed.emit((min(days), max(days)))

    def snooze(self, key: SlotKey, minutes: int) -> None:
        until = self.scheduler.snooze(key, minutes)
        self.banner.remove_card(key)
        self.reminder_removed.emit(key, "snoozed")
        log.debug("reminder snoozed until %s", until.isoformat())
        self.check_now()  # re-arms the timer for the snooze's end

    def snooze_all(self, minutes: int) -> None:
        for key in self.pending():
            self.snooze(key, minutes)

    def use_journal(self, journal: Journal) -> None:
        """Another journal was opened in the window: its doses from now on."""
        self.notifier.withdraw_all()  # the old journal's doses: never logged into the new one
        self.journal = journal
        for key in self.pending():
            self.banner.remove_card(key)
        self.banner.clear_missed()
        self.scheduler = self._new_scheduler()
        self._persisted_at = None
        self.check_now()

    # -- tray, closing and quitting ------------------------------------------------------------------------

    def _build_tray(self) -> QSystemTrayIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = self.window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("medjournal")
        menu = QMenu()
        self.open_action = menu.addAction(_("Open medjournal"), self.open_window)
        self.log_action = menu.addAction(_("Log a dose…"), self.log_a_dose)
        snooze_menu = menu.addMenu(_("Snooze reminders"))
        self.snooze_actions: dict[int, QAction] = {}
        for minutes in SNOOZE_CHOICES:
            self.snooze_actions[minutes] = snooze_menu.addAction(
                ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes),
                partial(self.snooze_all, minutes),
            )
        menu.addSeparator()
        self.keep_action = menu.addAction(_("Keep running in the tray when the window is closed"))
        self.keep_action.setCheckable(True)
        self.keep_action.setChecked(self.keep_in_tray())
        self.keep_action.toggled.connect(self.set_keep_in_tray)
        self.login_action = menu.addAction(_("Start at login"))
        self.login_action.setCheckable(True)
        self.login_action.setChecked(bool(self.journal.setting(START_AT_LOGIN, False)))
        self.login_action.toggled.connect(self.set_start_at_login)
        menu.addSeparator()
        self.quit_action = menu.addAction(_("Quit medjournal"), self.quit)
        self.tray_menu = menu
        tray.setContextMenu(menu)
        tray.activated.connect(self._tray_activated)
        tray.messageClicked.connect(self.open_window)
        tray.show()
        return tray

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_window()

    def open_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def log_a_dose(self) -> None:
        self.open_window()
        if self._show_today is not None:
            self._show_today()

    def keep_in_tray(self) -> bool:
        return bool(self.journal.setting(KEEP_IN_TRAY, True))

    def set_keep_in_tray(self, enabled: bool) -> None:
        self.journal.set_setting(KEEP_IN_TRAY, bool(enabled))

    def set_start_at_login(self, enabled: bool) -> Path | str | None:
        try:
            path = set_start_at_login(enabled)
        except OSError as exc:
            self.banner.show_status(
                _("Could not change start at login: {reason}.").format(reason=os_reason(exc))
            )
            return None
        self.journal.set_setting(START_AT_LOGIN, bool(enabled))
        return path

    def quit(self) -> None:
        self._quitting = True
        self.persist()
        QApplication.setQuitOnLastWindowClosed(True)
        was_visible = self.window.isVisible()
        self.window.close()  # closing the last visible window quits by Qt's own rule
        if not was_visible:  # hidden in the tray: nothing left to close
            QApplication.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "window" not in self.__dict__:  # called while the Python side is being torn down
            return False
        # Closing the window hides it in the tray (when set); Quit (tray menu, File > Quit) sets _quitting.
        if (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and self.tray is not None
            and not self._quitting
            and self.keep_in_tray()
        ):
            assert isinstance(event, QCloseEvent)
            event.ignore()
            self.window.hide()
            if not self._told_about_tray:
                self._told_about_tray = True
                self._notify(
                    _("medjournal is still running"),
                    _("Reminders keep coming here. Quit from this icon's menu."),
                )
            return True
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.persist()
            self.timer.stop()  # no reminders without a window; showing it again restarts them
            if self.tray is not None:
                QApplication.setQuitOnLastWindowClosed(True)  # a real close: Qt's usual rule quits
        elif watched is self.window and event.type() == QEvent.Type.Show and not self.timer.isActive():
            QTimer.singleShot(0, self, self.check_now)
        return super().eventFilter(watched, event)
