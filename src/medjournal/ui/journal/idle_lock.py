"""Locking the window of an encrypted journal after a time without input (docs/data-safety.md, *Locking after
a time without input*).

The journal setting ``idle_lock`` holds the minutes (0 = off). An event filter on the application notes each
key press, click, mouse move and wheel turn; a timer compares the time since then with the setting. The filter
is installed only while the window's journal is encrypted with minutes set (:meth:`IdleLock.follow`): every event
of the application passes through an application-wide filter written in Python, about 4 % of the CPU time of a
plain journal's start, which never locks. It follows the journal: at the start, when another journal is opened,
when Settings is saved, and at each timer check; the idle time counts from when it began watching. Locked,
the window shows only a lock screen (its content hidden, open dialogs hidden, the menus disabled) and asks for
the passphrase with the unlock dialog; the right one shows the window as it was, a half-typed check-in
included. The journal's key stays in memory while medjournal runs: the lock hides the screen, nothing more.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from medjournal.domain.errors import MedjournalError
from medjournal.domain.settings_rules import IDLE_LOCK_MINUTES
from medjournal.i18n import _
from medjournal.ui.journal.unlock_dialog import UnlockDialog

SETTING = "idle_lock"
CHOICES = IDLE_LOCK_MINUTES  # 0 = never
CHECK_EVERY_MS = 15_000
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class IdleLock(QObject):
    """Watches for input and locks ``window`` when its journal is encrypted and idle for its ``idle_lock``
    minutes. ``now`` gives seconds (monotonic); tests pass their own and call :meth:`check`."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.now = now
        self.last_input = now()
        self.dialog: UnlockDialog | None = None
        self.screen: QWidget | None = None
        self._hidden: list[QWidget] = []
        self.watching = False  # the application-wide filter is installed
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.destroyed.connect(self._stop)
        switched = getattr(window, "journal_switched", None)
        if switched is not None:
            switched.connect(self.follow)
        self.follow()

    def follow(self, minutes: int | None = None) -> None:
        """Watch for input while the journal can lock (``minutes``, or :meth:`minutes`, above 0), not otherwise.
        Beginning to watch counts as input: the lock never comes sooner than its minutes after that."""
        if minutes is None:
            minutes = self.minutes()
        app = QApplication.instance()
        if app is None:
            return
        if minutes and not self.watching:
            app.installEventFilter(self)
            self.watching = True
            self.last_input = self.now()
        elif not minutes and self.watching and not self.is_locked:
            app.removeEventFilter(self)
            self.watching = False

    def _stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self.watching:
            app.removeEventFilter(self)
            self.watching = False

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def minutes(self) -> int:
        """The setting's minutes, 0 when the journal is not encrypted (a plain journal never locks)."""
        journal = getattr(self.window, "journal", None)
        try:
            if journal is None or not journal.encrypted:
                return 0
            value = journal.setting(SETTING, 0)
        except MedjournalError:  # closed while the window closes
            return 0
        return value if type(value) is int and value in CHOICES else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self.is_locked:
            self.last_input = self.now()
        elif event.type() == QEvent.Type.Resize and watched is self.window and self.screen is not None:
            self.screen.setGeometry(self.window.rect())
        return False

    def check(self) -> None:
        minutes = self.minutes()
        self.follow(minutes)
        if minutes and not self.is_locked and self.now() - self.last_input >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Hide everything the window shows and ask for the passphrase."""
        if self.is_locked:
            return
        window = self.window
        self._hidden = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not window and widget.isVisible() and widget.window() is not window
        ]
        for widget in self._hidden:
            widget.hide()
        content = window.centralWidget()
        if content is not None:
            content.hide()
        window.menuBar().setEnabled(False)
        self.screen = lock_screen(window, self.ask)
        self.screen.setGeometry(window.rect())
        self.screen.show()
        self.screen.raise_()
        reminders = getattr(window, "reminders", None)
        if reminders is not None:
            reminders.private = True
        self.locked.emit()
        self.ask()

    def ask(self) -> None:
        """The unlock dialog over the lock screen. Its Quit closes the window (what was typed and not saved
        is not saved); where the window stays in the tray, the lock screen's Unlock button asks again."""
        journal = getattr(self.window, "journal", None)
        if journal is None or journal.path is None or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.dialog = UnlockDialog(journal.path, self.window)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.accepted.connect(self.unlock)
        self.dialog.rejected.connect(self.window.close)
        self.dialog.open()

    def unlock(self) -> None:
        """The right passphrase was typed: the window as it was."""
        window = self.window
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        content = window.centralWidget()
        if content is not None:
            content.show()
        window.menuBar().setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        reminders = getattr(window, "reminders", None)
        if reminders is not None:
            reminders.private = False
        self.dialog = None
        self.last_input = self.now()
        self.unlocked.emit()


def lock_screen(window: QWidget, ask: Callable[[], None]) -> QWidget:
    """The plain screen over the window while it is locked: no journal content, one sentence, and a button
    that asks for the passphrase again."""
    screen = QWidget(window)
    screen.setObjectName("idleLockScreen")
    screen.setAutoFillBackground(True)
    layout = QVBoxLayout(screen)
    layout.addStretch(1)
    text = QLabel(_("medjournal is locked. Type the passphrase to see the journal again."))
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(text)
    button = QPushButton(_("&Unlock…"))
    button.clicked.connect(ask)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
    layout.addStretch(1)
    return screen
