"""Desktop notifications for reminders, through the freedesktop notification service (docs/reminders.md).

:class:`Notifier` is what the reminder controller talks to: it sends one notification per due dose, with
**Taken** and **Snooze 15 min** buttons when the server lists ``actions`` in its capabilities, and turns the
server's ``ActionInvoked`` into the :attr:`Notifier.taken` / :attr:`Notifier.snoozed` signals. It knows nothing
about D-Bus: a backend (:class:`NotificationBackend`) carries the messages. :class:`DBusBackend` speaks
``org.freedesktop.Notifications`` on the session bus (a local socket, never the network); tests hand in a
stand-in. When there is no bus, no service or a call fails, :meth:`Notifier.dose_due` returns False and the
caller keeps to its in-window banner.

The D-Bus messages are written with jeepney (pure Python) rather than PySide6.QtDBus: ``Notify`` and
``CloseNotification`` take unsigned 32-bit ids, and PySide6 can only send a Python int as a signed ``int32``,
which every server refuses (the call's signature would not match). Incoming signals are read from the
connection's socket through a QSocketNotifier, so nothing blocks the window between calls.

Names of medications are sent to the notification server (that is the reminder) but never logged above DEBUG.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from medjournal.domain.reminders import DueReminder, SlotKey
from medjournal.i18n import _

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
APP_NAME = "medjournal"
SNOOZE_MINUTES = 15
POLL_MS = 500
CALL_TIMEOUT = 2.0  # seconds; a server that does not answer in time counts as missing

ActionHandler = Callable[[int, str], None]
ClosedHandler = Callable[[int], None]


class NotificationBackend(Protocol):
    """What the Notifier needs from a notification service."""

    def capabilities(self) -> list[str] | None:
        """The server's capabilities, or None when no service answers."""

    def notify(self, summary: str, body: str, actions: list[str]) -> int | None:
        """Show a notification; its id, or None when the call failed."""

    def close(self, notification_id: int) -> None:
        """Withdraw a notification (errors are ignored)."""

    def set_handlers(self, on_action: ActionHandler, on_closed: ClosedHandler) -> None:
        """Call ``on_action(id, key)`` for ActionInvoked and ``on_closed(id)`` for NotificationClosed."""


class Notifier(QObject):
    """Due doses as desktop notifications; Taken and Snooze come back as signals with the dose's slot."""

    taken = Signal(object)  # SlotKey
    snoozed = Signal(object, int)  # SlotKey, minutes
    opened = Signal()  # the notification itself was clicked

    def __init__(self, backend: NotificationBackend | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.ids: dict[int, SlotKey] = {}
        self.messages: set[int] = set()  # plain notifications (the missed note): a click opens the window
        self.capabilities: list[str] = []
        self.available = False
        if backend is not None:
            caps = backend.capabilities()
            if caps is not None:
                self.capabilities = list(caps)
                self.available = True
                backend.set_handlers(self._action_invoked, self._closed)

    @property
    def has_actions(self) -> bool:
        return "actions" in self.capabilities

    def dose_due(self, reminder: DueReminder) -> bool:
        """Notify about a due dose; False when nothing could be shown (the caller falls back)."""
        actions = (
            [
                "default",
                _("Open medjournal"),
                "taken",
                _("Taken"),
                "snooze",
                _("Snooze {minutes} min").format(minutes=SNOOZE_MINUTES),
            ]
            if self.has_actions
            else []
        )
        notification_id = self._send(_("Time for a dose"), reminder.describe(), actions)
        if notification_id is None:
            return False
        self.withdraw(reminder.key)  # at most one notification per slot
        self.ids[notification_id] = reminder.key
        return True

    def message(self, summary: str, body: str) -> bool:
        """A plain notification (the missed-doses note); False when nothing could be shown."""
        actions = ["default", _("Open medjournal")] if self.has_actions else []
        notification_id = self._send(summary, body, actions)
        if notification_id is None:
            return False
        self.messages.add(notification_id)
        return True

    def withdraw(self, key: SlotKey) -> None:
        """Close the notification of a slot acted on elsewhere (banner, Today, the command line)."""
        for notification_id, shown in list(self.ids.items()):
            if shown == key:
                del self.ids[notification_id]
                if self.backend is not None:
                    self.backend.close(notification_id)

    def withdraw_all(self) -> None:
        """Close every notification this window sent: after switching journals, a Taken click on one of them would
        otherwise be recorded in the journal now open."""
        for notification_id in list(self.ids):
            del self.ids[notification_id]
            if self.backend is not None:
                self.backend.close(notification_id)

    def _send(self, summary: str, body: str, actions: list[str]) -> int | None:
        if not self.available or self.backend is None:
            return None
        notification_id = self.backend.notify(summary, body, actions)
        if notification_id is None:
            log.info("desktop notification failed; reminders stay in the window")
            self.available = False  # one failure: the banner alone from now on, no repeated waits
            return None
        log.debug("notification %d: %s", notification_id, body)
        return notification_id

    def _action_invoked(self, notification_id: int, action: str) -> None:
        key = self.ids.get(notification_id)
        if action == "default" and (key is not None or notification_id in self.messages):
            self.opened.emit()
        if key is None:  # another app's notification, or one already handled
            return
        if action == "taken":
            del self.ids[notification_id]
            self.taken.emit(key)
        elif action == "snooze":
            del self.ids[notification_id]
            self.snoozed.emit(key, SNOOZE_MINUTES)

    def _closed(self, notification_id: int) -> None:
        self.ids.pop(notification_id, None)
        self.messages.discard(notification_id)


class DBusBackend(QObject):
    """``org.freedesktop.Notifications`` on a D-Bus bus (the session bus unless an address is given)."""

    def __init__(self, connection: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from jeepney import MatchRule

        self.connection = connection
        self._on_action: ActionHandler | None = None
        self._on_closed: ClosedHandler | None = None
        self._queue: deque[Any] = deque(maxlen=256)
        self._filter = connection.filter(MatchRule(type="signal", interface=INTERFACE), queue=self._queue)
        self._open = True
        self._watch = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._readable)
        # A socket notifier can stay silent for data that arrived while the connection itself was reading (a
        # reply with a signal behind it): a cheap non-blocking look every half second catches those too.
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._readable)
        self._poll.start()

    @classmethod
    def open(cls, address: str = "SESSION", parent: QObject | None = None) -> DBusBackend | None:
        """Connect to the bus; None when there is none (no session bus, a refused socket)."""
        try:
            from jeepney.io.blocking import open_dbus_connection

            connection = open_dbus_connection(bus=address, auth_timeout=CALL_TIMEOUT)
        except Exception as exc:
            log.info("no D-Bus session bus (%s); reminders stay in the window", type(exc).__name__)
            return None
        return cls(connection, parent)

    def _call(self, method: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> Any:
        from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        try:
            reply = self.connection.send_and_get_reply(
                new_method_call(address, method, signature, body), timeout=CALL_TIMEOUT
            )
        except Exception as exc:
            log.info("notification call %s failed (%s)", method, type(exc).__name__)
            return None
        finally:
            self._drain()  # signals read while waiting for the reply
        if reply.header.message_type == MessageType.error:
            log.info(
                "notification call %s refused (%s)",
                method,
                reply.header.fields.get(HeaderFields.error_name, "error"),
            )
            return None
        return reply.body

    def capabilities(self) -> list[str] | None:
        body = self._call("GetCapabilities")
        if not body:
            return None
        return [str(item) for item in body[0]]

    def notify(self, summary: str, body: str, actions: list[str]) -> int | None:
        hints = {"urgency": ("y", 1), "category": ("s", "reminder")}
        reply = self._call("Notify", "susssasa{sv}i", (APP_NAME, 0, "", summary, body, actions, hints, 0))
        if not reply:
            return None
        return int(reply[0])

    def close(self, notification_id: int) -> None:
        self._call("CloseNotification", "u", (notification_id,))

    def set_handlers(self, on_action: ActionHandler, on_closed: ClosedHandler) -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus

        self._on_action, self._on_closed = on_action, on_closed
        rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
        try:
            self.connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT)
        except Exception as exc:
            log.info("could not subscribe to notification signals (%s)", type(exc).__name__)

    def _readable(self) -> None:
        # Qt disables the notifier while its signal is delivered: whether the bus is still open is our own flag.
        while self._open:
            try:
                self.connection.recv_messages(timeout=0)
            except TimeoutError:
                break
            except Exception as exc:
                log.info("notification bus closed (%s)", type(exc).__name__)
                self._open = False
                self._watch.setEnabled(False)
                self._poll.stop()
                break
        self._drain()

    def _drain(self) -> None:
        from jeepney import HeaderFields

        while self._queue:
            message = self._queue.popleft()
            member = message.header.fields.get(HeaderFields.member)
            try:
                if member == "ActionInvoked" and self._on_action is not None:
                    self._on_action(int(message.body[0]), str(message.body[1]))
                elif member == "NotificationClosed" and self._on_closed is not None:
                    self._on_closed(int(message.body[0]))
            except (IndexError, TypeError, ValueError):
                log.info("malformed notification signal ignored")

    def shutdown(self) -> None:
        """Stop listening and close the connection (the window closing, a test ending)."""
        self._open = False
        self._watch.setEnabled(False)
        self._poll.stop()
        self._filter.close()
        self.connection.close()


def desktop_notifier(parent: QObject | None = None) -> Notifier:
    """The Notifier the window uses: the session bus's notification service, if one runs."""
    return Notifier(DBusBackend.open(parent=parent), parent)
