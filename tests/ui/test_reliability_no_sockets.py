"""medjournal opens no network socket: the main commands and the window run with network sockets forbidden.

The window does listen on one local socket (QLocalServer: a Unix domain socket, so that a second launch can bring
it to the front; ui/single_instance.py). That is not a network socket: it is not in /proc/net/tcp, tcp6, udp or
udp6, which is what :func:`inet_socket_inodes` reads; the test checks that it is a socket file (AF_UNIX)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from medjournal.domain.clock import FixedClock

pytestmark = pytest.mark.gui


class ForbiddenSocketError(AssertionError):
    pass


def forbid(*args: Any, **kwargs: Any) -> Any:
    raise ForbiddenSocketError("medjournal tried to open a socket")


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way Python code can get a socket raises; returns the list the attempts are noted in."""
    attempts: list[str] = []

    class NoSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            attempts.append(f"socket.socket{args}")
            forbid()

    def noted(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            forbid()

        return refuse

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "create_server", "socketpair", "fromfd", "getaddrinfo"):
        monkeypatch.setattr(socket, name, noted(name))
    return attempts


def inet_socket_inodes() -> set[str]:
    """Inodes of this process's TCP/UDP sockets (Linux): catches sockets opened by Qt's C++ code too."""
    net = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        net |= {line.split()[9] for line in lines if len(line.split()) > 9}
    mine = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    return mine & net


def test_the_main_commands_and_the_window_open_no_socket(
    qtbot: Any, no_sockets: list[str], run_cli: Any, journal_path: Path, tmp_path: Path
) -> None:
    commands = [
        [
            "med",
            "add",
            "Duloxetine",
            "--dose",
            "30",
            "--unit",
            "mg",
            "--times",
            "08:00",
            "--start",
            "2026-03-01",
        ],
        ["take", "Duloxetine", "--at", "2026-03-15 08:05"],
        ["checkin", "--pain", "6", "--mood", "5", "--sleep", "4"],
        ["side-effect", "nausea", "--severity", "1"],
        ["questionnaire", "peg", "--answers", "6,5,4"],
        ["treatment", "exercise", "--minutes", "20"],
        ["today", "--json"],
        ["med", "list", "--json"],
        ["report", "--json"],
        ["report", "-o", str(tmp_path / "summary.pdf")],
        ["export", "-o", str(tmp_path / "export.json")],
        ["backup", "-o", str(tmp_path / "copy.db")],
        ["restore", str(tmp_path / "copy.db")],
    ]
    for command in commands:
        result = run_cli(*command)
        assert result.exit_code == 0, (command, result.output, result.stderr, result.exception)
    assert (tmp_path / "summary.pdf").stat().st_size > 0
    into_new = type(run_cli)(tmp_path / "imported.db", run_cli.now)  # import wants an empty journal
    result = into_new("import", str(tmp_path / "export.json"))
    assert result.exit_code == 0, (result.output, result.stderr, result.exception)

    from medjournal.ui.app import run_window

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shown: list[str] = []

    local_listening: list[str] = []

    def look_and_quit() -> None:
        from PySide6.QtCore import QDir

        from medjournal.ui.single_instance import server_name

        socket_file = Path(QDir.tempPath()) / server_name(journal_path)
        if socket_file.is_socket():  # a socket file in the file system: AF_UNIX, not AF_INET
            local_listening.append(str(socket_file))
        shown.extend(w.windowTitle() for w in app.topLevelWidgets() if w.isVisible())
        shown.append(f"inet sockets: {len(inet_socket_inodes())}")
        app.exit(0)  # exit(), not quit(): quit() posts a Quit event that would end the next test's event loop

    QTimer.singleShot(0, look_and_quit)
    try:
        assert run_window(journal_path, FixedClock(run_cli.now)) == 0
    finally:
        for widget in app.topLevelWidgets():  # whatever run_window left open goes before the next test
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the next test
    assert shown and shown[-1] == "inet sockets: 0", shown
    assert local_listening, "the window's single-instance socket was not a local (Unix domain) socket"
    assert any("medjournal" in title.lower() for title in shown[:-1]), shown
    assert no_sockets == []
    assert inet_socket_inodes() == set()
