"""One window at a time on a journal: a lock file beside it, held with an OS file lock.

The lock file (``journal.db.lock``, owner-only) holds the process id of the window that has the journal open.
The lock itself is the operating system's advisory file lock (``flock`` on Linux and macOS), which the kernel
releases when the process ends however it ends, so a lock left behind by a killed process is simply taken
over.
Where file locks are not available the process id is used: a lock whose process no longer runs is stale.

No sockets: a second window learns who holds the journal by reading the file, not by talking to the first.
Command-line writes do not take this lock; SQLite's own locking and the busy timeout keep them safe alongside
a window. Restoring a backup takes it, so a journal is never replaced under an open window; a conversion takes
it and also storage/in_use.py's lock, which every opening holds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from types import TracebackType

from medjournal.domain.errors import JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _

LOCK_SUFFIX = ".lock"
LOCK_MODE = 0o600


class JournalLockedError(JournalFileError):
    """The journal is open in another medjournal window."""

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


def lock_path_for(journal_path: Path) -> Path:
    journal_path = journal_path.expanduser()
    return journal_path.with_name(journal_path.name + LOCK_SUFFIX)


def _read_pid(fd: int) -> int | None:
    try:
        data = os.pread(fd, 32, 0)
    except OSError:
        return None
    text = data.decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _process_is_running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it just belongs to someone else
    except OSError:
        return False
    return True


def _try_os_lock(fd: int) -> bool:
    """True when this process now holds the OS lock on ``fd``; False when another does. Raises OSError when
    the filesystem offers no locks at all."""
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class JournalLock:
    """The right to open ``journal_path`` in a window.

    >>> import tempfile
    >>> lock = JournalLock(Path(tempfile.mkdtemp()) / "journal.db")
    >>> with lock:
    ...     JournalLock(lock.journal_path).acquire()
    Traceback (most recent call last):
    ...
    medjournal.storage.lock.JournalLockedError: ...
    """

    def __init__(self, journal_path: Path) -> None:
        self.journal_path = journal_path.expanduser()
        self.path = lock_path_for(self.journal_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> int | None:
        """The process id written in the lock file, if any (it may be stale)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            return _read_pid(fd)
        finally:
            os.close(fd)

    def acquire(self) -> None:
        """Take the lock or raise :class:`JournalLockedError` (another window has it) or
        :class:`JournalFileError` (the folder cannot be written)."""
        if self._fd is not None:
            return
        for _attempt in range(10):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, LOCK_MODE)
            except OSError as exc:
                raise JournalFileError(
                    _(
                        "The folder of the journal {path} cannot be written ({reason}); choose a folder you can "
                        "write to."
                    ).format(path=self.journal_path, reason=os_reason(exc))
                ) from None
            try:
                locked = _try_os_lock(fd)
            except OSError:
                locked = self._pid_lock(fd)
            if not locked:
                pid = _read_pid(fd)
                os.close(fd)
                who = _(" (process {pid})").format(pid=pid) if pid else ""
                raise JournalLockedError(
                    _(
                        "The journal {path} is already open in another medjournal window{who}; switch to that "
                        "window, or close it first."
                    ).format(path=self.journal_path, who=who),
                    pid,
                )
            if not self._same_file(fd):
                # The previous holder removed the lock file between our open and our lock: start again.
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            self._fd = fd
            return
        raise JournalLockedError(
            _("The journal {path} is being opened by another window; try again in a moment.").format(
                path=self.journal_path
            )
        )

    def _same_file(self, fd: int) -> bool:
        try:
            on_disk = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)

    @staticmethod
    def _pid_lock(fd: int) -> bool:
        """Fallback without OS locks: the lock is free when no running process (other than us) wrote it."""
        pid = _read_pid(fd)
        return pid is None or pid == os.getpid() or not _process_is_running(pid)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Removed while still locked, so nobody can take a lock on a file that is about to disappear unnoticed
        # (acquire() checks that the file it locked is still the one on disk).
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(fd)

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()
