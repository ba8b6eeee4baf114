"""The recovery key written to a file the person chose, for the command line (``encrypt --recovery-key-file``)
and the window alike (docs/data-safety.md, *Encryption with a passphrase*).

The file is new (never one that was already there, nor a symlink planted in its place), owner-only (``0600``
whatever the umask), synced, and whole or absent: a write that fails half-way removes what it wrote. Its first
line is the key itself, so that ``--passphrase-file`` reads it as it is; the second says what it is. The key never
appears in a message or a log line.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from medjournal.domain.errors import MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _


class KeyFileError(MedjournalError):
    """The recovery key cannot be written to the file chosen (one sentence; nothing was written)."""


def file_text(key: str, journal: Path) -> str:
    explanation = _(
        "medjournal recovery key of the journal {name}: it opens the journal if the passphrase is forgotten "
        "(type the first line where the passphrase is asked, or give this file with --passphrase-file)."
    ).format(name=journal.name)
    return f"{key}\n{explanation}\n"


def _create(path: Path) -> int:
    """A new owner-only file at ``path``, opened for writing; one sentence when it cannot be made."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise KeyFileError(
            _("{path} already exists; choose a new file for the recovery key.").format(path=path)
        ) from None
    except OSError as exc:
        raise KeyFileError(
            _("The recovery key cannot be written to {path} ({reason}); choose another file.").format(
                path=path, reason=os_reason(exc)
            )
        ) from None
    return fd


def check_writable(path: Path) -> None:
    """Whether the key could be written to ``path`` now: the file is made and removed again, so that a folder
    the person cannot write to is found before anything is changed (``os.access`` is not enough: root passes
    it everywhere)."""
    fd = _create(path)
    os.close(fd)
    with contextlib.suppress(OSError):
        path.unlink()


def write(path: Path, key: str, journal: Path) -> None:
    """The key in a new file at ``path``; :class:`KeyFileError` (and no file) when it cannot be written."""
    fd = _create(path)
    try:
        if hasattr(os, "fchmod"):  # 0600 whatever the umask (POSIX)
            os.fchmod(fd, 0o600)
        data = file_text(key, journal).encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise KeyFileError(
            _("The recovery key cannot be written to {path} ({reason}); choose another file.").format(
                path=path, reason=os_reason(exc)
            )
        ) from None
    os.close(fd)
