"""File > Back up now, Export…, Restore from backup…, and View > Refresh, driven through the window's menus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from medjournal.storage import Journal, open_journal
from medjournal.storage.backup import backup_to_folder, describe_backup, list_backups, verify_backup
from medjournal.ui import errors
from medjournal.ui.journal import journal_actions
from medjournal.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
Said = dict[str, list[str]]


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    """What the window told the person: finished actions ("info") and refusals ("error")."""
    told: dict[str, list[str]] = {"info": [], "error": [], "asked": []}
    monkeypatch.setattr(
        journal_actions, "show_info", lambda parent, text, title="": told["info"].append(text)
    )
    monkeypatch.setattr(errors, "show_message", lambda parent, text, title="": told["error"].append(text))
    return told


def save_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path) if path else "", ""))
    )


def open_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path) if path else "", ""))
    )


def fill(journal: Journal, pains: list[int]) -> None:
    for offset, pain in enumerate(pains):
        journal.add_checkin(pain=pain, day=f"2026-03-{10 + offset:02d}")


# -- Back up now ---------------------------------------------------------------------------------------


def test_back_up_now_writes_a_verified_backup_and_says_where(
    window: MainWindow, journal: Journal, said: Said
) -> None:
    fill(journal, [4, 5, 6])
    assert journal.path is not None
    folder = journal.backup_dir or journal.path.parent / "backups"
    before = set(list_backups(folder))
    window.backup_action.trigger()
    written = set(list_backups(folder)) - before
    assert len(written) == 1
    backup = written.pop()
    assert backup.parent == folder and "manual" in backup.name
    assert verify_backup(backup) is None
    assert describe_backup(backup).counts["checkins"] == 3
    assert said["error"] == [] and len(said["info"]) == 1 and str(backup) in said["info"][0]


def test_back_up_now_into_a_folder_that_is_a_file_says_why_and_writes_nothing(
    window: MainWindow, journal: Journal, tmp_path: Path, said: Said
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    journal.backup_dir = blocker
    window.backup_action.trigger()
    assert said["info"] == [] and len(said["error"]) == 1
    assert "could not be written" in said["error"][0]
    assert blocker.read_text() == "x"


# -- Export ---------------------------------------------------------------------------------------------


def test_export_writes_json_where_chosen(
    window: MainWindow, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    fill(journal, [7, 3])
    target = tmp_path / "out" / "mine.json"
    target.parent.mkdir()
    save_dialog_returns(monkeypatch, target)
    window.export_action.trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [row["pain"] for row in data["tables"]["checkins"]] == [7, 3]
    assert said["error"] == [] and str(target) in said["info"][0]


def test_export_adds_json_to_a_name_without_suffix(
    window: MainWindow, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    save_dialog_returns(monkeypatch, tmp_path / "mine")
    window.export_action.trigger()
    assert (tmp_path / "mine.json").is_file() and not (tmp_path / "mine").exists()


def test_export_refuses_the_journal_itself(
    window: MainWindow, journal: Journal, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    fill(journal, [5])
    assert journal.path is not None
    original = journal.path.read_bytes()
    save_dialog_returns(monkeypatch, journal.path)
    window.export_action.trigger()
    assert said["info"] == [] and len(said["error"]) == 1 and "journal itself" in said["error"][0]
    assert journal.path.read_bytes() == original
    assert [c.pain for c in journal.checkins()] == [5]


def test_export_never_replaces_an_existing_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    existing = tmp_path / "taxes.json"
    existing.write_text("{}")
    save_dialog_returns(monkeypatch, existing)
    window.export_action.trigger()
    assert existing.read_text() == "{}"
    assert said["info"] == [] and "already exists" in said["error"][0]


def test_cancelled_export_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    save_dialog_returns(monkeypatch, None)
    before = sorted(tmp_path.rglob("*"))
    window.export_action.trigger()
    assert sorted(tmp_path.rglob("*")) == before and said == {"info": [], "error": [], "asked": []}


# -- Restore --------------------------------------------------------------------------------------------


def test_restore_replaces_the_journal_and_reopens_it_in_the_window(
    qtbot: QtBot, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    fill(journal, [8, 7])
    backup = backup_to_folder(journal.db, journal_path.parent / "backups", "manual", journal.now())
    journal.add_checkin(pain=2, day="2026-03-14")  # after the backup: the restore takes it away
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show_section("history")
    open_dialog_returns(monkeypatch, backup)

    def agree(parent: object, text: str, title: str = "") -> bool:
        said["asked"].append(text)
        return True

    monkeypatch.setattr(errors, "ask_yes_no", agree)
    window.restore_action.trigger()

    assert said["error"] == []
    assert re.search(r"15 March 2026, 09:30", said["asked"][0])  # the backup's date, from its name
    assert "2 check-ins" in said["asked"][0]
    assert window.journal is not journal and window.journal.path == journal_path
    assert sorted(c.pain or 0 for c in window.journal.checkins()) == [7, 8]
    history: Any = window.view("history")
    assert history.journal is window.journal
    assert window.reminders.journal is window.journal  # reminders follow the reopened journal
    assert history.model.rowCount() == 2
    found = re.search(r"kept as (.+?\.db)", said["info"][0])
    assert found is not None
    kept = Path(found.group(1))
    assert verify_backup(kept) is None and describe_backup(kept).counts["checkins"] == 3
    window.close()
    window.journal.close()


def test_restore_keeps_the_windows_lock_on_its_journal(
    qtbot: QtBot, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    from medjournal.storage.lock import JournalLock

    fill(journal, [4])
    backup = backup_to_folder(journal.db, journal_path.parent / "backups", "manual", journal.now())
    lock = JournalLock(journal_path)
    lock.acquire()
    window = MainWindow(journal, first_run=False, lock=lock)
    qtbot.addWidget(window)
    open_dialog_returns(monkeypatch, backup)
    monkeypatch.setattr(errors, "ask_yes_no", lambda parent, text, title="": True)
    window.restore_action.trigger()
    assert said["error"] == [] and len(said["info"]) == 1
    other = JournalLock(journal_path)
    with pytest.raises(Exception, match="already open"):
        other.acquire()  # still this window's journal: a second window is refused
    window.close()
    window.journal.close()
    assert not lock.held


def test_declined_restore_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal: Journal,
    journal_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    said: Said,
) -> None:
    fill(journal, [6])
    backup = backup_to_folder(journal.db, journal_path.parent / "backups", "manual", journal.now())
    journal.add_checkin(pain=1, day="2026-03-14")
    open_dialog_returns(monkeypatch, backup)
    monkeypatch.setattr(errors, "ask_yes_no", lambda parent, text, title="": False)
    window.restore_action.trigger()
    assert window.journal is journal
    assert sorted(c.pain or 0 for c in journal.checkins()) == [1, 6]
    assert said["info"] == []


def test_a_damaged_backup_is_refused_before_the_journal_is_touched(
    window: MainWindow, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    fill(journal, [6])
    damaged = tmp_path / "journal-2026-03-01_080000-manual.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    open_dialog_returns(monkeypatch, damaged)
    monkeypatch.setattr(errors, "ask_yes_no", lambda parent, text, title="": pytest.fail("asked to confirm"))
    window.restore_action.trigger()
    assert len(said["error"]) == 1 and said["info"] == []
    assert window.journal is journal and [c.pain for c in journal.checkins()] == [6]


def test_choosing_the_journal_itself_as_backup_is_refused(
    window: MainWindow, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    fill(journal, [6])
    open_dialog_returns(monkeypatch, journal_path)
    monkeypatch.setattr(errors, "ask_yes_no", lambda parent, text, title="": pytest.fail("asked to confirm"))
    window.restore_action.trigger()
    assert len(said["error"]) == 1 and "journal itself" in said["error"][0]
    assert window.journal is journal and [c.pain for c in journal.checkins()] == [6]


# -- View > Refresh -------------------------------------------------------------------------------------


def test_f5_shows_entries_made_on_the_command_line(
    qtbot: QtBot, window: MainWindow, journal_path: Path
) -> None:
    window.show_section("history")
    history: Any = window.view("history")
    assert history.model.rowCount() == 0
    other = open_journal(journal_path, window.journal.clock)  # another process, like `medjournal checkin`
    try:
        other.add_checkin(pain=4)
    finally:
        other.close()
    assert history.model.rowCount() == 0
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert history.model.rowCount() == 1
    assert window.refresh_action.shortcut() == QKeySequence("F5")


# -- menus ---------------------------------------------------------------------------------------------


def _menus(window: MainWindow) -> list[QMenu]:
    found: list[QMenu] = []
    pending = [a.menu() for a in window.menuBar().actions()]
    while pending:
        menu = pending.pop()
        if isinstance(menu, QMenu):
            found.append(menu)
            pending += [a.menu() for a in menu.actions()]
    return found


def test_every_menu_has_unique_alt_keys_and_shortcuts(window: MainWindow) -> None:
    top = [re.search(r"&(\w)", a.text()) for a in window.menuBar().actions()]
    top_keys = [m.group(1).lower() for m in top if m]
    assert len(top_keys) == len(set(top_keys)) == len(window.menuBar().actions())
    shortcuts: list[str] = []
    for menu in _menus(window):
        actions = [a for a in menu.actions() if not a.isSeparator()]
        keys = [m.group(1).lower() for a in actions if (m := re.search(r"&(\w)", a.text().replace("&&", "")))]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
        shortcuts += [a.shortcut().toString() for a in actions if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts
    texts = {a.text() for menu in _menus(window) for a in menu.actions()}
    assert {"&Back up now", "&Export…", "&Restore from backup…", "&Refresh"} <= texts
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.help_action.shortcut() == QKeySequence("F1")


def test_help_names_f5_and_the_file_menu(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    from medjournal.ui.help import HelpDialog

    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "F5" in text and "restores it from a backup" in text


def test_a_restored_journal_that_cannot_be_reopened_says_how_to_open_it(
    qtbot: QtBot, journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch, said: Said
) -> None:
    from medjournal.domain.errors import JournalFileError

    def refuse(path: Path, create: bool) -> Journal:
        raise JournalFileError(f"The journal {path} is locked.")

    fill(journal, [3])
    backup = backup_to_folder(journal.db, journal_path.parent / "backups", "manual", journal.now())
    window = MainWindow(journal, first_run=False, open_journal=refuse)
    qtbot.addWidget(window)
    open_dialog_returns(monkeypatch, backup)
    monkeypatch.setattr(errors, "ask_yes_no", lambda parent, text, title="": True)
    window.restore_action.trigger()
    assert said["info"] == []
    assert said["error"][0] == f"The journal {journal_path} is locked."
    assert "File > Open another journal" in said["error"][1]
    assert verify_backup(journal_path) is None  # the restore itself went through
