"""A full disk is called a full disk, and never advises restoring a backup (issue 19, point 4): the journal on
it is intact, and a backup would throw away its recent entries."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain.errors import DiskFullError
from medjournal.storage.database import open_database, sqlite_error_message
from tests.conftest import NOW, Cli
from tests.diskfull import fill, small_disk


def entries(run: Cli, days: int) -> None:
    for day in range(1, days + 1):
        result = run("checkin", "--pain", "5", "--mood", "5", "--date", f"2026-03-{day:02d}")
        assert result.exit_code == 0, result.output


def test_commands_on_a_full_disk_say_so_and_never_advise_a_restore(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "512k") as disk:
        run = Cli(disk / "journal.db", NOW)
        entries(run, 5)
        assert list((disk / "backups").iterdir())  # a backup exists that could wrongly be advised
        fill(disk, leave=16 * 1024)
        for args in (
            ["checkin", "--pain", "7", "--mood", "5"],
            ["today"],
            ["report"],
            ["checkin", "--pain", "7"],
        ):
            result = run(*args)
            assert result.exit_code == 1, result.output
            assert "The disk holding" in result.output and "is full" in result.output, result.output
            assert "damaged" not in result.output
            assert "medjournal restore" not in result.output and "newest good backup" not in result.output
        (disk / "filler").unlink()
        result = run("checkin", "--pain", "7", "--mood", "5")
        assert result.exit_code == 0, result.output
        conn = sqlite3.connect(disk / "journal.db")
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 6
        conn.close()


def test_the_window_offers_no_restore_on_a_full_disk(tmp_path: Path, qapp: Any) -> None:
    from medjournal.domain.clock import FixedClock
    from medjournal.ui.journal.recovery import open_for_window

    with small_disk(tmp_path / "disk", "512k") as disk:
        entries(Cli(disk / "journal.db", NOW), 3)
        fill(disk, leave=8 * 1024)
        asked: list[object] = []
        shown: list[str] = []

        def ask(*args: object) -> str:
            asked.append(args)
            return "quit"

        opened = open_for_window(disk / "journal.db", FixedClock(NOW), ask=ask, show_message=shown.append)
        assert opened is None
        assert asked == []
        assert shown and "is full" in shown[0] and "do not restore" in shown[0]


class LowSpace:
    f_bavail = 4
    f_frsize = 4096


@pytest.mark.parametrize(
    "text", ["disk I/O error", "database or disk is full", "unable to open database file"]
)
def test_an_io_error_with_little_free_space_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(os, "statvfs", lambda _path: LowSpace(), raising=False)
    message = sqlite_error_message(tmp_path / "journal.db", sqlite3.OperationalError(text))
    assert message.startswith(f"The disk holding {tmp_path / 'journal.db'} is full (16 KiB free)")


def test_an_io_error_with_room_on_the_disk_is_not_called_full(tmp_path: Path) -> None:
    message = sqlite_error_message(tmp_path / "journal.db", sqlite3.OperationalError("disk I/O error"))
    assert " is full" not in message  # (the path itself may hold the word)


def test_opening_on_a_full_disk_raises_the_disk_full_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    open_database(path).close()
    real_connect = sqlite3.connect

    def failing(target: Any, *args: Any, **kwargs: Any) -> Any:
        if str(target) == str(path):
            raise sqlite3.OperationalError("disk I/O error")
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(os, "statvfs", lambda _path: LowSpace(), raising=False)
    monkeypatch.setattr(sqlite3, "connect", failing)
    with pytest.raises(DiskFullError) as caught:
        open_database(path, tmp_path / "backups")
    assert caught.value.newest_backup is None
    assert os.path.getsize(path) > 0
