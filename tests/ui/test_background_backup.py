"""The automatic backups never make a save or the window's start wait (docs/data-safety.md, *Backups in the
background*), through the real start of the ``medjournal`` command and the keys a person types.

A gate in front of the backup's copy holds the background backup until the test lets it go, so that each test
can look at the window while the backup is running; the gate never holds the window's own thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.storage.autobackup import BATCH_SIZE, AutoBackup, is_automatic
from medjournal.storage.backup import backup_to_folder, list_backups, parse_backup_name
from medjournal.ui.journal import journal_actions
from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-01T21:30"
DAY = date(2026, 12, 1)
GATE_TIMEOUT_S = 60.0  # a broken test fails instead of hanging


def clock() -> FixedClock:
    return FixedClock(datetime.fromisoformat(NOW).astimezone())


class Gate:
    """Stands in front of the automatic backup's copy (``autobackup.backup_to_folder``) in the backup's thread:
    ``entered`` is set when a backup reaches it; it goes on when ``release`` is set, or once ``release_when``
    (checked when it is entered and each time ``release`` is set) says so."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.passed = 0
        self.threads: list[str] = []
        real = backup_to_folder  # the function the automatic backup calls (storage/backup.py)

        def gated(*args: Any, **kwargs: Any) -> Path:
            self.threads.append(threading.current_thread().name)
            self.entered.set()
            assert self.release.wait(GATE_TIMEOUT_S), "the gate was never opened"
            self.passed += 1
            return real(*args, **kwargs)

        monkeypatch.setattr("medjournal.storage.autobackup.backup_to_folder", gated)

    def open_when_closing(self, auto: AutoBackup) -> None:
        """Let the backup go on only once the journal has begun to close (and so waits for it)."""

        def watch() -> None:
            # The event AutoBackup.wait() sets as the journal begins to close.
            if auto._closing.wait(GATE_TIMEOUT_S):  # never opened otherwise: the gate's own wait then fails
                self.release.set()

        threading.Thread(target=watch, daemon=True).start()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Any:
    made = Gate(monkeypatch)
    yield made
    made.release.set()  # a failed test never leaves a backup waiting


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A journal with a medication and a check-in typed the day before, backed up today already (so the
    window's start takes no backup: the 25th save's is the one the tests look at)."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, clock())
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-11-01")
    journal.add_checkin(day=DAY - timedelta(days=1), pain=5)
    assert journal.auto_backup is not None and journal.auto_backup.run() is not None  # today's
    journal.close()
    return path


def auto_backups(db: Path) -> list[Path]:
    """The automatic backups of ``db`` (with a fixed clock they share one second: ``-auto``, ``-auto-1``, ...)."""
    found = [(p, parse_backup_name(p.name)) for p in list_backups(db.parent / "backups", db.name)]
    return [p for p, parsed in found if parsed is not None and is_automatic(parsed[2])]


def pains_in(path: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT pain FROM checkins ORDER BY id")]
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    """Anything in the backups folder that is not a finished backup (a temporary file of a backup)."""
    return (
        sorted(p.name for p in folder.iterdir() if parse_backup_name(p.name) is None)
        if folder.is_dir()
        else []
    )


def shown(window: QWidget) -> tuple[MainWindow, AutoBackup]:
    """The window the command showed, and its journal's automatic backups (in the background)."""
    main = of_type(window, MainWindow)
    auto = main.journal.auto_backup
    assert auto is not None and auto.background
    return main, auto


def type_saves(
    qtbot: Any, main: MainWindow, count: int, after_each: Callable[[int], None] | None = None
) -> None:
    """``count`` new check-ins typed on Today (Ctrl+N, Alt+P, a pain rating, Ctrl+S), each saved before the next."""
    main.show_section("today")
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)  # the keys go to this window
    keys = Keyboard(qtbot)
    for number in range(count):
        before = len(main.journal.checkins())
        keys.play(f"Ctrl+N Alt+P {number % 10} Ctrl+S")
        assert len(main.journal.checkins()) == before + 1  # saved before the next key
        if after_each is not None:
            after_each(number + 1)


def test_the_25th_save_returns_before_its_backup_which_appears_afterwards_with_every_entry(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, gate: Gate
) -> None:
    before = auto_backups(db)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main, auto = shown(window)

        def after(number: int) -> None:
            if number == BATCH_SIZE - 1:
                assert not gate.entered.is_set()  # no backup before the 25th change
            if number == BATCH_SIZE:
                # The 25th save has returned; its backup is waiting at the gate, in its own thread.
                assert gate.entered.wait(GATE_TIMEOUT_S)
                seen["running after the save"] = auto.running
                seen["backups while it runs"] = auto_backups(db)

        type_saves(qtbot, main, BATCH_SIZE + 2, after)  # and two more saved while it runs
        gate.release.set()
        qtbot.waitUntil(lambda: not auto.running and auto.last_backup is not None, timeout=30000)
        seen["written"] = auto.last_backup
        seen["error"] = auto.last_error
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["running after the save"] is True
    assert seen["backups while it runs"] == before
    assert gate.threads == ["medjournal-backup"]  # not the window's thread
    assert seen["error"] is None
    written = seen["written"]
    assert written is not None and written not in before and written in auto_backups(db)
    assert written.stat().st_mode & 0o777 == 0o600
    # Every entry up to the 25th save is in it (the two typed while it ran may be too: a snapshot).
    pains = pains_in(written)
    assert pains[:26] == [5] + [n % 10 for n in range(BATCH_SIZE)]
    assert len(pains) in (26, 27, 28)
    assert leftovers(db.parent / "backups") == []
    assert len(pains_in(db)) == 1 + BATCH_SIZE + 2


def test_the_days_first_start_shows_the_window_then_begins_its_backup(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, gate: Gate
) -> None:
    tomorrow = (datetime.fromisoformat(NOW) + timedelta(days=1)).isoformat(timespec="minutes")
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        assert window.isVisible()
        # Shown, and the event loop has not yet turned: the day's first backup has not begun (it would share the
        # machine with the start: docs/data-safety.md).
        seen["running before the first turn"] = auto.running
        seen["entered before the first turn"] = gate.entered.is_set()
        # The event loop's first turn begins it; it waits at the gate, in its own thread.
        qtbot.waitUntil(gate.entered.is_set, timeout=int(GATE_TIMEOUT_S * 1000))
        seen["running when shown"] = auto.running
        seen["today's before"] = [p for p in auto_backups(db) if "2026-12-02" in p.name]
        type_saves(qtbot, main, 1)  # a save while it runs
        gate.release.set()
        qtbot.waitUntil(lambda: not auto.running, timeout=30000)
        seen["written"] = auto.last_backup
        window.close()

    assert start_like_the_command(monkeypatch, db, tomorrow, session) == 0
    assert seen["running before the first turn"] is False
    assert seen["entered before the first turn"] is False
    assert seen["running when shown"] is True
    assert seen["today's before"] == []
    written = seen["written"]
    assert written is not None and written.name.startswith("journal-2026-12-02_")
    assert pains_in(written)[0] == 5
    assert gate.passed == 1


def test_a_backup_failing_in_the_background_is_said_once_and_no_entry_is_lost(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    journal = open_journal(db, clock())
    journal.set_setting("backup_dir", str(blocked))
    journal.close()
    said: list[str] = []
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        # The day's first backup (at the start) fails already: said in the status bar once it has failed.
        qtbot.waitUntil(lambda: not auto.running and main.statusBar().currentMessage() == auto.last_error)
        seen["at start"] = auto.last_error
        main.statusBar().messageChanged.connect(lambda text: said.append(text) if "backup" in text else None)
        finished = [0]
        real_finished = auto.finished
        assert real_finished is not None

        def counted() -> None:
            finished[0] += 1
            real_finished()

        auto.finished = counted
        for round_ in (1, 2):  # two batches: two failed tries
            type_saves(qtbot, main, BATCH_SIZE)
            qtbot.waitUntil(lambda round_=round_: finished[0] == round_ and not auto.running, timeout=30000)
            QApplication.processEvents()  # what the backup's thread sent is delivered
        seen["error"] = auto.last_error
        seen["bar"] = main.statusBar().currentMessage()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["error"] is not None and str(blocked) in seen["error"]
    assert seen["at start"] == seen["error"]
    assert said == []  # said once (at the start), not again for the two failed backups after it
    assert seen["bar"] == seen["error"]
    assert len(pains_in(db)) == 1 + 2 * BATCH_SIZE
    assert blocked.read_text() == "a file where the backups folder should be"


def test_closing_the_window_during_a_backup_waits_for_it_and_leaves_no_half_file(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, gate: Gate
) -> None:
    """The window is closed while the 25th save's backup runs: the backup is finished whole, then the journal
    closes."""
    seen: dict[str, Any] = {}
    before = auto_backups(db)

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        type_saves(qtbot, main, BATCH_SIZE)
        assert gate.entered.wait(GATE_TIMEOUT_S)
        seen["auto"] = auto
        gate.open_when_closing(auto)  # the backup goes on only once the journal is closing
        window.close()  # the command then closes the journal: that waits for the backup

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    auto = seen["auto"]
    assert not auto.running
    assert auto.last_error is None
    new = [p for p in auto_backups(db) if p not in before]
    assert new == [auto.last_backup]
    assert pains_in(new[0]) == [5] + [n % 10 for n in range(BATCH_SIZE)]
    assert leftovers(db.parent / "backups") == []


def test_a_restore_racing_a_background_backup_loses_no_entry(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, tmp_path: Path, gate: Gate
) -> None:
    """File > Restore while the 25th save's backup runs: the restore waits for it; the journal as it was (every
    entry, the ones typed while the backup ran included) is kept as the before-restore backup."""
    journal = open_journal(db, clock())
    chosen = backup_to_folder(journal.db, tmp_path / "chosen", "manual", journal.now())  # one check-in
    journal.close()
    monkeypatch.setattr(journal_actions, "choose_backup_file", lambda _parent, _folder: chosen)
    monkeypatch.setattr("medjournal.ui.errors.ask_yes_no", lambda *_args: True)
    monkeypatch.setattr(journal_actions, "show_info", lambda *_args: None)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        type_saves(qtbot, main, BATCH_SIZE + 3)  # the backup is due at the 25th; three more while it waits
        assert gate.entered.wait(GATE_TIMEOUT_S)
        seen["auto"] = auto
        gate.open_when_closing(auto)
        seen["restored"] = journal_actions.restore_from_backup(main)
        seen["after"] = sorted(c.pain for c in main.journal.checkins())
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["restored"] == db
    assert seen["after"] == [5]  # the chosen backup's one check-in
    typed = [5] + [n % 10 for n in range(BATCH_SIZE + 3)]
    folder = db.parent / "backups"
    before_restore = [p for p in list_backups(folder, db.name) if p.name.endswith("-before-restore.db")]
    assert len(before_restore) == 1
    assert pains_in(before_restore[0]) == typed  # nothing typed is lost
    auto = seen["auto"]
    assert auto.last_error is None and auto.last_backup is not None
    assert pains_in(auto.last_backup)[:26] == typed[:26]
    assert leftovers(folder) == []


def tomorrows_backups(db: Path, folder: Path | None = None) -> list[str]:
    """The names of the automatic backups of ``db`` made on the day after NOW (in ``folder``, by default the
    journal's ``backups``)."""
    found = list_backups(folder or db.parent / "backups", db.name)
    return [p.name for p in found if p.name.startswith("journal-2026-12-02_")]


def tomorrow() -> str:
    return (datetime.fromisoformat(NOW) + timedelta(days=1)).isoformat(timespec="minutes")


def test_a_start_that_fails_before_the_event_loop_still_takes_the_days_backup(
    monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    """The window begins the day's first backup at the event loop's first turn; a start that fails before it (here
    the first section's focus, standing for any fault while the window is built) takes it before the error goes
    on, as it did when the backup was begun at the journal's open."""

    def fails(self: MainWindow) -> None:
        raise RuntimeError("the window could not be built")

    monkeypatch.setattr(MainWindow, "focus_current_section", fails)
    with pytest.raises(RuntimeError, match="could not be built"):
        start_like_the_command(monkeypatch, db, tomorrow(), lambda window: pytest.fail("no window"))
    for left in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]:
        left.journal.close()  # the process would have ended here; the test goes on
        left.hide()
        left.deleteLater()
    made = tomorrows_backups(db)
    assert len(made) == 1
    assert pains_in(db.parent / "backups" / made[0]) == [5]


def test_a_window_closed_before_the_event_loop_turns_still_takes_the_days_backup(
    monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    def session(window: QWidget) -> None:
        window.close()  # before any event is processed

    assert start_like_the_command(monkeypatch, db, tomorrow(), session) == 0
    assert len(tomorrows_backups(db)) == 1


def test_a_relative_backups_folder_is_taken_from_the_journals_folder(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, tmp_path: Path
) -> None:
    """A *Backups folder* setting of "synced" means the folder beside the journal (docs/data-safety.md), also
    when medjournal is started from another folder, for the day's first backup and the 25th change's."""
    journal = open_journal(db, clock())
    journal.set_setting("backup_dir", "synced")
    journal.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        qtbot.waitUntil(lambda: auto.first_begun and not auto.running, timeout=30000)
        seen["first"] = auto.last_backup
        type_saves(qtbot, main, BATCH_SIZE)
        qtbot.waitUntil(lambda: not auto.running and auto.last_backup != seen["first"], timeout=30000)
        seen["25th"] = auto.last_backup
        window.close()

    assert start_like_the_command(monkeypatch, db, tomorrow(), session) == 0
    synced = db.parent / "synced"
    assert seen["first"] is not None and seen["first"].parent == synced
    assert seen["25th"] is not None and seen["25th"].parent == synced
    # The two are made in the same second of the fixed clock: the rotation keeps the newer one.
    assert tomorrows_backups(db, synced) == [seen["25th"].name]
    assert not (elsewhere / "synced").exists()


def test_settings_read_a_relative_backups_folder_from_the_journals_folder(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path, tmp_path: Path
) -> None:
    """Settings' check of a *Backups folder* of "synced" looks beside the journal, not in the folder medjournal
    was started from: a file of that name beside the journal is refused with one message and nothing saved; a file
    of that name only in the working folder does not stand in the way, and the backups then go beside the
    journal."""
    from PySide6.QtCore import Qt

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "synced").write_text("not a folder")  # in the working folder only
    monkeypatch.chdir(elsewhere)
    seen: dict[str, Any] = {}

    def type_folder(main: MainWindow, text: str) -> Any:
        """Ctrl+, (File › Settings…), the folder typed over what the field holds, Enter (Save)."""
        keys = Keyboard(qtbot)
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        keys.play("Ctrl+,")
        dialog = main.settings_dialog
        qtbot.waitExposed(dialog)
        dialog.backup_dir.setFocus()
        dialog.backup_dir.selectAll()
        qtbot.keyClicks(dialog.backup_dir, text)
        qtbot.keyClick(dialog.backup_dir, Qt.Key.Key_Return)
        return dialog

    def session(window: QWidget) -> None:
        main, auto = shown(window)
        qtbot.waitUntil(lambda: auto.first_begun and not auto.running, timeout=30000)
        (db.parent / "synced").write_text("a file beside the journal")
        refused = type_folder(main, "synced")
        seen["refused"] = (refused.isVisible(), refused.error.text(), main.journal.setting("backup_dir"))
        refused.reject()
        (db.parent / "synced").unlink()
        accepted = type_folder(main, "synced")
        seen["accepted"] = (accepted.result(), main.journal.setting("backup_dir"), main.journal.backup_dir)
        type_saves(qtbot, main, BATCH_SIZE)
        synced = db.parent / "synced"
        qtbot.waitUntil(
            lambda: not auto.running and auto.last_backup is not None and auto.last_backup.parent == synced,
            timeout=30000,
        )
        window.close()

    assert start_like_the_command(monkeypatch, db, tomorrow(), session) == 0
    still_open, message, setting = seen["refused"]
    assert (
        still_open
        and message == f"{db.parent / 'synced'} is a file, not a folder; choose a folder for backups."
    )
    assert setting is None
    result, setting, folder = seen["accepted"]
    assert result == 1 and setting == "synced" and folder == db.parent / "synced"
    assert (elsewhere / "synced").read_text() == "not a folder"
    assert len(tomorrows_backups(db, db.parent / "synced")) == 1
