"""A tiny stand-in for a desktop's notification server, for tests: ``python notification_server.py ACTION``.

It owns ``org.freedesktop.Notifications`` on the session bus given by DBUS_SESSION_BUS_ADDRESS (a private bus the
test started), prints one JSON line per call it receives (member, signature, arguments), answers like a real
server, and after each Notify that offers ACTION emits ``ActionInvoked(id, ACTION)`` as a person's click would.
ACTION ``none`` clicks nothing. Ids are sent as int32: PySide6 cannot send uint32 (docs/reminders.md).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject

PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"


def plain(value: object) -> object:
    return value if isinstance(value, (str, int, float, bool, list)) else repr(type(value).__name__)


class Server(QDBusVirtualObject):
    def __init__(self, bus: QDBusConnection, click: str) -> None:
        super().__init__()
        self.bus = bus
        self.click = click
        self.next_id = 0

    def introspect(self, path: str) -> str:
        return ""

    def send_signal(self, member: str, arguments: list[object]) -> None:
        signal = QDBusMessage.createSignal(PATH, INTERFACE, member)
        signal.setArguments(arguments)
        self.bus.send(signal)

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        member = message.member()
        arguments = [plain(a) for a in message.arguments()]
        print(
            json.dumps({"member": member, "signature": message.signature(), "arguments": arguments}),
            flush=True,
        )
        if member == "GetCapabilities":
            connection.send(message.createReply(["body", "actions"]))
        elif member == "Notify":
            self.next_id += 1
            notification_id = self.next_id
            connection.send(message.createReply(notification_id))
            actions = arguments[5] if isinstance(arguments[5], list) else []
            if self.click in actions[0::2]:
                QTimer.singleShot(0, lambda: self.send_signal("ActionInvoked", [notification_id, self.click]))
        elif member == "CloseNotification":
            connection.send(message.createReply())
            self.send_signal("NotificationClosed", [arguments[0], 3])
        else:
            connection.send(message.createErrorReply("org.freedesktop.DBus.Error.UnknownMethod", member))
        return True


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    server = Server(bus, sys.argv[1] if len(sys.argv) > 1 else "none")
    if not (bus.registerVirtualObject(PATH, server) and bus.registerService(INTERFACE)):
        print(json.dumps({"error": bus.lastError().message()}), flush=True)
        return 1
    print(json.dumps({"ready": True}), flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
