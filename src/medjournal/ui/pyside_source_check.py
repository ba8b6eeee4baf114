"""PySide6's look at each module imported after it, made without keeping the module's source in memory.

Once PySide6 is loaded it checks every module imported after it for the word "PySide6" (to know which modules may
ask for its ``__feature__`` switches, such as ``snake_case``). It reads the source with ``inspect.getsource``,
which keeps every line of every file it read in ``linecache`` for the rest of the process: at a start on Trends
that is 363 files (numpy's, pyqtgraph's, ours) and about 15 MiB of strings, about a tenth of the window's memory,
kept for nothing (docs/architecture.md, *Start-up*). Importing this module right after PySide6 (``ui/app.py``) replaces
that check with one that gives the same answer from the file's bytes and keeps nothing. Where the file cannot be
read as it is (a module without a ``.py`` file, one inside an archive), PySide6's own check answers, as before.
Nothing changes when PySide6 is not the one this was written against (no such check, or one that does not read
the source): then PySide6's own check stays.

medjournal uses none of the ``__feature__`` switches; the answer is kept the same anyway, so that a library that
does use them behaves as it would without this module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def uses_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether the source of ``module`` holds the word "PySide6" (PySide6's rule), read from its ``.py`` file;
    ``fallback`` (PySide6's own check) answers for a module whose source is not such a file."""
    file = getattr(module, "__file__", None)
    if not isinstance(file, str) or not file.endswith(".py"):
        return fallback(module)
    try:
        with open(file, "rb") as source:
            return b"PySide6" in source.read()
    except (OSError, ValueError):  # ValueError: a name that no file can have (a NUL in it)
        return fallback(module)


def install() -> bool:
    """Put :func:`uses_pyside` in the place of PySide6's check; whether it did (see the module's doc)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    code = getattr(original, "__code__", None)
    if original is None or code is None or "getsource" not in code.co_names:
        return False  # not loaded, already replaced, or not the check this replaces

    def check(module: ModuleType) -> bool:
        return uses_pyside(module, original)

    setattr(feature, _CHECK, check)
    return True


install()
