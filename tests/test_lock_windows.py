"""The one-window lock's Windows branch, exercised through a stand-in for msvcrt."""

from __future__ import annotations

import errno
import os
import sys
import types
from pathlib import Path

import pytest

from medjournal.storage import lock


def fake_msvcrt(held_by_other: bool, calls: list[tuple[int, int, int]]) -> types.ModuleType:
    module = types.ModuleType("msvcrt")
    module.LK_NBLCK = 2  # type: ignore[attr-defined]

    def locking(fd: int, mode: int, nbytes: int) -> None:
        calls.append((fd, mode, nbytes))
        if held_by_other:
            raise PermissionError(errno.EACCES, "Permission denied")

    module.locking = locking  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("held_by_other", [False, True])
def test_windows_lock_takes_one_byte_without_waiting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, held_by_other: bool
) -> None:
    calls: list[tuple[int, int, int]] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt(held_by_other, calls))
    fd = os.open(tmp_path / "journal.db.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"1234")
        assert lock._try_os_lock(fd) is (not held_by_other)
        assert calls == [(fd, 2, 1)]
        assert os.lseek(fd, 0, os.SEEK_CUR) == 0  # the lock covers the first byte, whatever was written
    finally:
        os.close(fd)


def test_windows_lock_on_a_filesystem_without_locks_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = types.ModuleType("msvcrt")
    module.LK_NBLCK = 2  # type: ignore[attr-defined]

    def locking(fd: int, mode: int, nbytes: int) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    module.locking = locking  # type: ignore[attr-defined]
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", module)
    fd = os.open(tmp_path / "journal.db.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with pytest.raises(OSError):
            lock._try_os_lock(fd)
    finally:
        os.close(fd)
