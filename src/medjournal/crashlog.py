"""Hard crashes leave a trace: faulthandler writes the Python stacks of a fatal signal to the log folder.

A Qt abort (qFatal), a segmentation fault in a binary wheel or an abort in SQLite kill the process before any
Python handler runs, so the ordinary log says nothing. faulthandler writes from inside the signal handler to a
file opened in advance. The file holds stacks only (function names, file names and line numbers), never entries.
"""

from __future__ import annotations

import faulthandler
import os
from pathlib import Path
from typing import IO

CRASH_LOG = "crash.log"
MAX_BYTES = 1_000_000  # started afresh beyond this, so a crash loop cannot fill the disk

_opened: IO[str] | None = None


def enable_crash_log(folder: Path) -> Path | None:
    """Send fatal-signal stacks to ``folder/crash.log`` (owner-only). Returns its path, or None if it cannot be
    written (a read-only home must not stop the app)."""
    global _opened
    path = folder / CRASH_LOG
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            path.unlink()
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        handle = os.fdopen(descriptor, "a", encoding="utf-8")
    except OSError:
        return None
    if _opened is not None:
        _opened.close()
    _opened = handle
    faulthandler.enable(file=handle, all_threads=True)
    return path
