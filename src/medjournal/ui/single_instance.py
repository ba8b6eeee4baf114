"""One app per journal: a second launch brings the open window to the front and exits 0 (docs/today.md).

The open window listens on a local socket (QLocalServer: a Unix domain socket in the user's runtime folder on
Linux and macOS, a named pipe on Windows), never a network one. Its name comes from the user and the journal's
path, so a second ``medjournal`` for the same journal finds it; another journal opens its own window.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
CONNECT_MS = 500


def server_name(db_path: Path) -> str:
    """A name for the local socket of the window showing ``db_path`` (per user, per journal file)."""
    try:
        where = str(db_path.expanduser().resolve())
    except OSError:
        where = str(db_path)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{where}".encode()).hexdigest()[:20]
    return f"medjournal-{digest}"


def bring_forward_existing(db_path: Path) -> bool:
    """Ask the window already showing ``db_path`` to come to the front. True when one answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return bool(sent)


class WindowServer(QObject):
    """Listens for a second launch and calls ``bring_forward`` when one knocks."""

    def __init__(
        self, db_path: Path, bring_forward: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bring_forward = bring_forward
        self._connections: list[QLocalSocket] = []
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # only this user may knock
        self.server.newConnection.connect(self._knocked)
        self.name = server_name(db_path)
        self.listening = self._listen()

    def _listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A socket file left by a window that crashed: no one answers on it, so it can go. (The journal lock
        # has already made sure no other window has this journal open.)
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        log.info("single-instance socket not available: %s", self.server.errorString())
        return False

    def _knocked(self) -> None:
        # The server owns each connection (Qt deletes them with it); this list only keeps them reachable from
        # Python, and no lambda holds one: a test worker once crashed when a connection was freed twice.
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            if connection is None:
                break
            self._connections.append(connection)
            connection.readyRead.connect(self._read_all)
            connection.disconnected.connect(self._forget_closed)
        self._read_all()

    def _read_all(self) -> None:
        for connection in self._live():
            if connection.bytesAvailable() and bytes(connection.readAll().data()).startswith(RAISE.strip()):
                self.bring_forward()

    def _forget_closed(self) -> None:
        for connection in self._live():
            if connection.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                self._connections.remove(connection)
                connection.deleteLater()

    def _live(self) -> list[QLocalSocket]:
        self._connections = [c for c in self._connections if shiboken6.isValid(c)]
        return list(self._connections)

    def close(self) -> None:
        self.server.close()
