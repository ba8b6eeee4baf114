"""How long a program takes to show its first window, seen from outside it: for comparing two builds of the same
program (the PyInstaller bundle and the installed wheel, benchmarks/bench_bundle.py) where a hook inside the
process (benchmarks/startup_probe.py's) cannot reach one of them: a frozen bundle reads no ``sitecustomize``.

A private X server (Xvfb, no network) is started once; for each start this module listens on the server's root
window for the first top-level window mapped (a ``MapNotify`` of a child of the root that is not an
override-redirect popup: Qt maps its main window, or the first dialog, when it is shown), then ends the program and
takes the CPU time it had used from the kernel (``wait4``). The time counted runs from just before the program is
spawned to the X server's report of the map, read without polling. Both builds take turns under the same server.

It needs Xvfb and libX11 (``apt-get install xvfb libx11-6``); :func:`x_server` says why when it cannot start one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class _XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", _XMapEvent), ("pad", ctypes.c_long * 24)]


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11")
    if name is None:
        raise RuntimeError("libX11 is not installed (apt-get install libx11-6)")
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return lib


@dataclass
class WindowStart:
    """Milliseconds from spawning to the first window mapped (wall clock), and the CPU milliseconds (user and
    system) the program had used when it was ended just after."""

    wall: float
    cpu: float


class XServer:
    """A private Xvfb server and a connection that hears every top-level window mapped on it."""

    def __init__(self, display: str, process: subprocess.Popen[bytes]) -> None:
        self.display = display
        self._process = process
        self._x = _xlib()
        self._connection = self._x.XOpenDisplay(display.encode())
        if not self._connection:
            raise RuntimeError(f"cannot connect to the X server {display}")
        self._x.XSelectInput(
            self._connection, self._x.XDefaultRootWindow(self._connection), SUBSTRUCTURE_NOTIFY_MASK
        )
        self._x.XFlush(self._connection)
        self._fd = self._x.XConnectionNumber(self._connection)

    def _drain(self) -> None:
        event = _XEvent()
        while self._x.XPending(self._connection):
            self._x.XNextEvent(self._connection, ctypes.byref(event))

    def _mapped(self, deadline: float) -> float | None:
        """perf_counter() of the next top-level window mapped, or None by ``deadline``."""
        event = _XEvent()
        while True:
            while self._x.XPending(self._connection):
                self._x.XNextEvent(self._connection, ctypes.byref(event))
                if event.type == MAP_NOTIFY and not event.xmap.override_redirect:
                    return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            select.select([self._fd], [], [], left)

    def start(self, command: list[str], env: dict[str, str], timeout: float = 120) -> WindowStart:
        """Spawn ``command`` on this server, wait for its first window, end it; its :class:`WindowStart`."""
        self._drain()
        child = {**env, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        with tempfile.TemporaryFile() as errors:
            began = time.perf_counter()
            process = subprocess.Popen(
                command, env=child, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True
            )
            shown = self._mapped(began + timeout)
            os.killpg(process.pid, signal.SIGKILL)
            _pid, status, used = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
            if shown is None:
                errors.seek(0)
                tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-5:]
                raise RuntimeError(f"no window was shown within {timeout:.0f} s: {tail}")
        return WindowStart((shown - began) * 1000, (used.ru_utime + used.ru_stime) * 1000)

    def close(self) -> None:
        self._x.XCloseDisplay(self._connection)
        self._process.terminate()
        self._process.wait(timeout=30)


@contextmanager
def x_server() -> Iterator[XServer]:
    """A private Xvfb server (1366x768, 24-bit, no TCP) for the time of the ``with`` block."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()
    if not number:
        process.kill()
        raise RuntimeError("Xvfb did not start")
    server = XServer(f":{number}", process)
    try:
        yield server
    finally:
        server.close()
