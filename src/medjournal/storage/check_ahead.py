"""The safe-open checks of a journal, begun ahead in a background thread while the window's modules load.

:func:`begin` starts :func:`medjournal.storage.database.inspect_file` on its own read-only connection (SQLite
lets go of Python's lock while it reads, so the check runs on the other core). :func:`take`, called where
``open_database`` would run the check itself, waits for it and hands over its answer, but only when neither the
journal nor its ``-wal`` file has changed since before the check began: the same files (device and inode), of the
same size and modification time, last modified well before the check began (a change within the file system's
timestamp resolution of the check's start could otherwise leave the time as it was). Otherwise, or when no check
was begun, it runs the check again right there. Nothing opens the journal for writing before one of the two has
passed, so a damaged file is still refused untouched (docs/data-safety.md, *The checks at the window's
start*). Only the answer, the problem found or None, is kept: nothing secret, nothing on disk.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from medjournal import i18n

Answer = TypeVar("Answer")
Stamp = tuple[tuple[int, int, int, int] | None, ...]
# A file modified less than this before the check began counts as changing (Linux updates file times once a
# clock tick, up to 10 ms; Windows about every 16 ms). A time in whole units (FAT keeps two seconds) widens it.
SETTLED_NS = 50_000_000


def _stamp(path: Path) -> Stamp:
    """What tells whether the journal's bytes may have changed: each file's device, inode, size and time."""
    found: list[tuple[int, int, int, int] | None] = []
    for candidate in (path, Path(f"{path}-wal")):
        try:
            info = os.stat(candidate)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(found)


def _settled(stamp: Stamp, began_ns: int) -> bool:
    """Whether every file of ``stamp`` was last modified long enough before ``began_ns`` that a later change
    cannot have kept its modification time. An empty ``-wal`` file holds nothing to check, whenever it was made
    (unlocking an encrypted journal makes one): anything written to it later changes its size."""
    for number, entry in enumerate(stamp):
        if entry is None or (number == 1 and entry[2] == 0):
            continue
        mtime, unit = entry[3], 1
        while unit < 1_000_000_000 and mtime % (unit * 10) == 0:
            unit *= 10  # the resolution the time seems to have: 1 ns, ..., 1 s
        if mtime > began_ns - max(SETTLED_NS, 2 * unit):
            return False
    return True


class _Check:
    """One check of ``path`` running in a daemon thread (quitting does not wait for it)."""

    def __init__(self, path: Path, stamp: Stamp, inspect: Callable[[Path], object]) -> None:
        self.stamp = stamp
        self.answer: object = None
        self.failed = False
        # The language is chosen per thread (i18n.use_language): the refusal is worded in the one that began it.
        language = i18n.language()

        def run() -> None:
            try:
                with i18n.use_language(language):
                    self.answer = inspect(path)
            except BaseException:  # checked again where the answer is needed, which raises it there
                self.failed = True

        self.thread = threading.Thread(target=run, name="medjournal-check", daemon=True)
        self.thread.start()


_BEGUN: dict[Path, _Check] = {}
_GUARD = threading.Lock()


def _key(path: Path) -> Path:
    return Path(os.path.abspath(path.expanduser()))


def begin(path: Path) -> None:
    """Start checking the journal at ``path`` in the background. Nothing is begun for a file that is not there
    (a new journal), one modified a moment ago (its answer could not be trusted to be the file's), an
    encrypted one whose key this process does not hold yet, or one whose check is begun and not taken yet."""
    from medjournal.storage import cipher
    from medjournal.storage.database import inspect_file

    path = path.expanduser()
    with _GUARD:
        if _key(path) in _BEGUN:
            return
    began_ns = time.time_ns()
    stamp = _stamp(path)
    if stamp[0] is None or not path.is_file() or not _settled(stamp, began_ns):
        return
    if cipher.looks_encrypted(path) and cipher.key_for(path) is None:
        return
    with _GUARD:
        _BEGUN[_key(path)] = _Check(path, stamp, inspect_file)


def discard(path: Path) -> None:
    """Forget a check begun for ``path`` that was not taken (the window did not open the journal)."""
    with _GUARD:
        _BEGUN.pop(_key(path), None)


def take(path: Path, inspect: Callable[[Path], Answer]) -> Answer:
    """Why ``path`` cannot be opened, or None: the answer of the check begun for it (``inspect``, the same
    function) when the files are as they were when it began, else ``inspect(path)`` run now. A begun check is
    used once."""
    with _GUARD:
        check = _BEGUN.pop(_key(path), None)
    if check is not None:
        check.thread.join()
        if not check.failed and check.stamp == _stamp(path):
            return cast(Answer, check.answer)
    return inspect(path)
