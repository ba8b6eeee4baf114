"""One app (docs/today.md): a second ``medjournal`` for the same journal brings the open window forward and
exits 0; a local socket, never a network one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from medjournal.ui.single_instance import WindowServer, bring_forward_existing, server_name
from tests.ui.keys import start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

# How long to wait for the window manager and the event loop: generous, because a loaded machine (CI, or a
# whole suite on two cores) can take seconds; a waitUntil returns as soon as its condition holds.
WAIT_MS = 30_000


def test_a_second_launch_brings_the_open_window_forward_and_exits_0(
    qtbot, monkeypatch, tmp_path: Path
) -> None:
    db = tmp_path / "journal.db"
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized, timeout=WAIT_MS)
        # the second launch, through the command's own code path, while this window is open
        from click.testing import CliRunner

        from medjournal.cli import cli

        before = {id(w) for w in QApplication.topLevelWidgets() if w.inherits("QMainWindow")}
        second = CliRunner().invoke(cli, ["--db", str(db)], env={"MEDJOURNAL_NOW": "2026-12-01T21:30"})
        seen["exit"] = second.exit_code
        after = {id(w) for w in QApplication.topLevelWidgets() if w.inherits("QMainWindow")}
        seen["new windows"] = after - before
        qtbot.waitUntil(lambda: not window.isMinimized(), timeout=WAIT_MS)
        seen["status"] = of_type(window, QMainWindow).statusBar().currentMessage()
        window.close()

    assert start_like_the_command(monkeypatch, db, "2026-12-01T21:30", session) == 0
    assert seen["exit"] == 0
    assert seen["new windows"] == set()  # no second window was made
    assert "started again" in seen["status"]


def test_no_window_means_no_answer_and_the_name_is_per_journal(tmp_path: Path) -> None:
    assert not bring_forward_existing(tmp_path / "nobody.db")
    assert server_name(tmp_path / "a.db") != server_name(tmp_path / "b.db")
    assert server_name(tmp_path / "a.db") == server_name(tmp_path / "." / "a.db")


def test_a_stale_socket_left_by_a_crash_is_taken_over(qtbot, tmp_path: Path) -> None:
    raised: list[int] = []
    first = WindowServer(tmp_path / "j.db", lambda: raised.append(1))
    assert first.listening
    first.server.close()  # a crash would leave the name behind; a new window still listens
    second = WindowServer(tmp_path / "j.db", lambda: raised.append(2))
    assert second.listening
    assert bring_forward_existing(tmp_path / "j.db")
    qtbot.waitUntil(lambda: raised == [2], timeout=WAIT_MS)
    second.close()
    first.deleteLater()  # both go now, inside the test, not whenever Python collects them
    second.deleteLater()
