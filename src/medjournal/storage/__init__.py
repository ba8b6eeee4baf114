"""SQLite storage for medjournal: open and migrate a journal file, and the Journal API everyone writes through.

No Qt here. One place (``journal.py``) writes SQL for each table.

``Journal``, ``open_journal`` and ``open_database`` are loaded when first asked for, not with the package: the
read-only open (``read_only.py``) of ``today --json`` imports this package too, and must not pay for the writing
half of the Journal (docs/data-safety.md, "Opening for reading").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from medjournal.storage.database import open_database
    from medjournal.storage.journal import Journal, open_journal

__all__ = ["Journal", "open_database", "open_journal"]

_WHERE = {
    "Journal": "medjournal.storage.journal",
    "open_journal": "medjournal.storage.journal",
    "open_database": "medjournal.storage.database",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
