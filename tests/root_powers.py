"""File permissions that hold for root too, inside the test's own process.

Root ignores a folder's missing write permission (``CAP_DAC_OVERRIDE``). ``without_root_powers()`` takes that
power (and ``CAP_DAC_READ_SEARCH``, ``CAP_FOWNER``) out of the calling thread's effective set for the ``with``
block and gives it back after: on Linux capabilities belong to a thread, so the window's and the command's code
running on this thread meet the permissions a person meets. Elsewhere, or without ``capset``, a test that
needs it is skipped where it runs as root.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Iterator

import pytest

_VERSION_3 = 0x20080522
_POWERS = (1 << 1) | (1 << 2) | (1 << 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _effective(libc: ctypes.CDLL, change: int | None) -> int:
    """The thread's effective set (its first 32 powers); with ``change``, set it to that first."""
    header = _Header(_VERSION_3, 0)
    data = (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    if change is not None:
        data[0].effective = change
        if libc.capset(ctypes.byref(header), data) != 0:
            raise OSError(ctypes.get_errno(), "capset")
    return int(data[0].effective)


@contextlib.contextmanager
def without_root_powers() -> Iterator[None]:
    if os.name != "posix" or os.geteuid() != 0:
        yield
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root where capabilities cannot be dropped: permissions cannot be tested")
    libc = ctypes.CDLL(None, use_errno=True)
    before = _effective(libc, None)
    _effective(libc, before & ~_POWERS)
    try:
        yield
    finally:
        _effective(libc, before)
