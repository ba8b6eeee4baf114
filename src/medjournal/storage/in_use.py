"""Holding off every other user of a journal while a conversion replaces its file (docs/data-safety.md,
*Encryption with a passphrase*).

Encrypting, decrypting or changing the passphrase writes a new file and renames it over the journal. A command
that had opened the old file a moment before would go on using it after the rename: its entry would land in a
file that no longer has a name, and, worse, SQLite names its side files (``-wal``, ``-shm``, ``-journal``) after
the path, not the file, so that command could put pages of the old file beside the new one.

So every opening of a journal (the window's, every command's, the read-only one) holds a *shared* lock on
``journal.db.inuse`` for as long as it is open, and a conversion holds it *exclusively* from before it reads the
journal until the new file is in place. A conversion first closes the gate (``journal.db.inuse-gate``, held
exclusively): new openings wait at the gate, so that a steady stream of commands cannot keep the conversion
waiting for ever, while the conversion waits for the openings already in progress to finish. An opening that
waited opens the new file.

The locks are the operating system's (``flock`` on Linux and macOS), released by the kernel whatever way a
process ends. Where there is no ``flock`` (Windows), nothing is held here: Windows refuses to rename a file
over one that another process has open, so a conversion then fails with a sentence instead.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from medjournal.domain.errors import JournalFileError
from medjournal.i18n import _

USERS_SUFFIX = ".inuse"
GATE_SUFFIX = ".inuse-gate"
LOCK_MODE = 0o600
OPEN_WAIT_S = 60.0  # how long an opening waits for a conversion to finish
CONVERT_WAIT_S = 30.0  # how long a conversion waits for the commands using the journal to finish
_POLL_S = 0.02


def _flock() -> object | None:
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    return fcntl


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _lock(path: Path, exclusive: bool, wait_s: float) -> int | None:
    """A descriptor of ``path`` locked as asked; None where the file cannot be made (a read-only folder, where
    nothing can be converted either). Raises TimeoutError when the lock stays taken for ``wait_s``."""
    import fcntl

    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, LOCK_MODE)
        except OSError:
            return None
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise TimeoutError from None
                time.sleep(_POLL_S)
            except OSError:  # a filesystem without locks: nothing to hold
                return fd
        if _same_file(fd, path):
            return fd
        os.close(fd)  # the last holder removed the file between our open and our lock: start again


def _unlock(fd: int, path: Path) -> None:
    """Release; the last holder removes the file (while holding it exclusively, so that nobody can lock a file
    that is about to disappear unnoticed: :func:`_lock` checks that the file it locked is still on disk)."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if _same_file(fd, path):
            os.unlink(path)
    except OSError:
        pass
    finally:
        os.close(fd)


class Hold:
    """Locks held on a journal's lock files until :meth:`release` (releasing twice is harmless)."""

    def __init__(self, held: list[tuple[int, Path]]) -> None:
        self._held = held

    def release(self) -> None:
        held, self._held = self._held, []
        for fd, path in reversed(held):
            _unlock(fd, path)


def _paths(journal: Path) -> tuple[Path, Path]:
    journal = journal.expanduser()
    return journal.with_name(journal.name + USERS_SUFFIX), journal.with_name(journal.name + GATE_SUFFIX)


def hold_shared(journal: Path, wait_s: float = OPEN_WAIT_S) -> Hold:
    """What every opening of ``journal`` holds while it is open. Waits while a conversion runs; raises
    :class:`JournalFileError` (one sentence, nothing written) when it runs for longer than ``wait_s``."""
    if _flock() is None or not journal.expanduser().parent.is_dir():
        return Hold([])  # no folder yet: the opening itself says what is wrong
    users_path, gate_path = _paths(journal)
    try:
        gate = _lock(gate_path, exclusive=False, wait_s=wait_s)
        try:
            users = _lock(users_path, exclusive=False, wait_s=wait_s)
        finally:
            if gate is not None:
                _unlock(gate, gate_path)  # the gate is only passed through
    except TimeoutError:
        raise JournalFileError(
            _(
                "The journal {path} is being converted (its passphrase set, changed or removed) by another "
                "medjournal; try again when it has finished. Nothing was changed."
            ).format(path=journal)
        ) from None
    return Hold([] if users is None else [(users, users_path)])


@contextlib.contextmanager
def held_exclusively(journal: Path, wait_s: float | None = None) -> Iterator[None]:
    """Nobody else has ``journal`` open while the block runs: new openings wait at the gate, and the block
    starts once those already open have closed. Raises :class:`JournalFileError` when they stay open longer
    than ``wait_s`` (default :data:`CONVERT_WAIT_S`)."""
    if _flock() is None:
        yield
        return
    wait_s = CONVERT_WAIT_S if wait_s is None else wait_s
    hold = Hold([])
    try:
        for path in _paths(journal)[::-1]:  # the gate first
            fd = _lock(path, exclusive=True, wait_s=wait_s)
            if fd is not None:
                hold = Hold([*hold._held, (fd, path)])
    except TimeoutError:
        hold.release()
        raise JournalFileError(
            _(
                "The journal {path} is in use by another medjournal command; try again when it has finished. "
                "It was not converted."
            ).format(path=journal)
        ) from None
    try:
        yield
    finally:
        hold.release()
