"""The window's side of the automatic backups that run in the background (docs/data-safety.md, *Backups in the
background*): a failed backup is said once in the status bar, where it stays until the next message.

The backup's thread calls :attr:`medjournal.storage.autobackup.AutoBackup.finished`; here that emits a signal
that Qt delivers in the window's thread, which then reads the outcome. The same failure repeated (a full disk
at each try) is said once, until a backup succeeds again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from medjournal.storage.autobackup import AutoBackup
    from medjournal.ui.main_window import MainWindow


class _Relay(QObject):
    """Carries "a backup finished" from the backup's thread to the window's. It has no parent: the thread
    may still call it while the window is being destroyed, and Qt drops the call once the watcher is gone."""

    finished = Signal()


class BackupStatus(QObject):
    """Watches the automatic backups of the journal shown in ``window`` (and of each journal opened in it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.said: str | None = None  # the failure last said, until a backup succeeds
        self._relay = _Relay()
        self._relay.finished.connect(self.show_outcome)
        window.journal_switched.connect(self.watch)
        self.watch()

    def _auto(self) -> AutoBackup | None:
        journal = self.window.journal
        return None if journal.closed else journal.auto_backup

    def watch(self) -> None:
        """Follow the journal now in the window; its day's first backup may already have finished."""
        auto = self._auto()
        if auto is None:
            return
        self.said = None  # each journal opened in the window says its own failure once
        auto.finished = self._relay.finished.emit
        if not auto.running:
            self.show_outcome()

    def show_outcome(self) -> None:
        auto = self._auto()
        if auto is None or auto.running:
            return
        bar = self.window.statusBar()
        if auto.last_error is None:  # it succeeded after a failure: that failure is no longer news
            if self.said is not None and bar.currentMessage() == self.said:
                bar.clearMessage()
            self.said = None
            return
        if auto.last_error != self.said:
            self.said = auto.last_error
            bar.showMessage(auto.last_error)
