"""The cyclic garbage collector paused while an import runs (docs/csv-import.md, "Speed").

Reading a file of tens of thousands of rows makes hundreds of thousands of short-lived objects (cells, values,
entries), none of them in a reference cycle: reference counting frees each the moment it is no longer used. The
collector does not know that: every 700 new objects it looks for cycles, and every so often it walks every object
the process holds. Where the window's modules are loaded (Qt, the charts, the report: about 55,000 objects more),
those walks made a 20,000-row CSV import about a third slower than in a bare process, finding nothing (measured
in one process, with and without the pause, under load). Paused, the import costs the same in either; the
collector takes up again as it was when the import ends, whatever way it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector paused inside the ``with`` block (left as it was if it was paused already)."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()
