"""sqlite-utils, loaded without numpy and pandas.

sqlite-utils imports numpy and pandas whenever they are installed, only to map their number and time types to
column types when a table is made from Python values. medjournal never hands it such values (its tables come from
its migrations, its rows from its own records), but numpy is installed beside pyqtgraph, and importing it was about
120 ms of CPU of every window start and every writing command (docs/architecture.md, *Start-up*). So the modules
that open a journal for writing import sqlite-utils from here, with those two hidden while it loads: sqlite-utils
then works as it does where they are not installed. Trends still loads numpy, with pyqtgraph, when first shown.

Import this module only inside the function that needs sqlite-utils, as the storage modules do, so that commands
that never write keep not loading it (docs/data-safety.md, "Opening for reading").
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

# Loaded by sqlite-utils only for their types (sqlite_utils/db.py's COLUMN_TYPE_MAPPING).
OPTIONAL = ("numpy", "pandas")


@contextlib.contextmanager
def hidden(names: tuple[str, ...]) -> Iterator[None]:
    """While inside, importing any of ``names`` that is not loaded yet raises ImportError (a None entry in
    ``sys.modules`` is how Python marks a module as not importable); one already loaded stays as it is."""
    added = [name for name in names if name not in sys.modules]
    for name in added:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in added:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


with hidden(OPTIONAL):
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

__all__ = ["OPTIONAL", "Database", "Migrations", "hidden"]
