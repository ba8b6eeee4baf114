"""PySide6's look at the source of each module imported after it keeps no source in memory, and gives PySide6's
answer (ui/pyside_source_check.py).

The window is started on Trends (numpy, pyqtgraph and the charts load after Qt) the way the ``medjournal`` command
starts it, in a fresh process; at its end the process says which files' lines ``linecache`` holds. The answer is
compared with PySide6's own rule for every module the test process has loaded.
"""

from __future__ import annotations

import inspect
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from medjournal.ui import pyside_source_check
from tests.ui.test_window_start_lazy import start_window

# Run first in the window's process: at its end, say what linecache holds beside what the probe saw. A start on
# Trends loads the chart's modules in a thread once the window shows (ui/trends/trends_view.py, CHART_MODULES);
# the probe closes the window at once, so what that thread had not loaded yet is loaded here, the same way.
SAY_THE_SOURCE_KEPT = """
import atexit, importlib, json, linecache, sys

def _say_the_source_kept():
    for name in sys.modules["medjournal.ui.trends.trends_view"].CHART_MODULES:
        importlib.import_module(name)
    seen["modules"] = sorted(sys.modules)
    print("SEEN " + json.dumps({**seen, "kept": sorted(linecache.cache)}))

atexit.register(_say_the_source_kept)
"""


def pyside_rule(module: ModuleType) -> bool:
    """PySide6's own answer (shibokensupport/feature.py): the module's source, as inspect reads it, names PySide6."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_a_start_on_trends_keeps_no_module_source_in_memory(tmp_path: Path) -> None:
    settings = tmp_path / "home" / "config" / "window.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[window]\nsection=trends\n", encoding="utf-8")
    seen = start_window(tmp_path, "en_US.UTF-8", before=SAY_THE_SOURCE_KEPT)
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert seen["section"] == "trends"
    assert "pyqtgraph" in modules and "numpy" in modules and "medjournal.ui.trends.trends_view" in modules
    kept = seen["kept"]
    assert isinstance(kept, list)
    # What the start on Trends loads after Qt: none of its files' lines are kept (they were: 363 files, about
    # 15 MiB, in the command's own start). This probe loads Qt before the command line, so what the command loads
    # before Qt (the command line, ``ui/before_qt.py``) is read by PySide6's own check here, as it was.
    after_qt = ("/numpy/", "/pyqtgraph/", "/medjournal/ui/trends/", "/medjournal/report/")
    assert [file for file in kept if any(part in Path(file).as_posix() for part in after_qt)] == []


def test_the_answer_is_pysides_for_every_module_loaded() -> None:
    import medjournal.domain.clock
    import medjournal.ui.app  # noqa: F401

    fell_back: list[str] = []

    def fallback(module: ModuleType) -> bool:  # a .py file that cannot be read (PySide6's own, built in)
        fell_back.append(module.__name__)
        return pyside_rule(module)

    checked = 0
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not isinstance(module, ModuleType) or not isinstance(file, str) or not file.endswith(".py"):
            continue
        assert pyside_source_check.uses_pyside(module, fallback) is pyside_rule(module), module.__name__
        checked += 1
    assert checked > 200  # pytest, PySide6's Python parts, medjournal's modules
    # Only PySide6's own modules, kept inside its library (their ``__file__`` names no file on disk).
    assert [
        name for name in fell_back if not name.startswith(("shibokensupport", "signature_bootstrap"))
    ] == []
    assert pyside_source_check.uses_pyside(sys.modules["medjournal.ui.app"], fallback) is True
    assert pyside_source_check.uses_pyside(sys.modules["medjournal.domain.clock"], fallback) is False


@pytest.mark.parametrize("kind", ["built in", "inside an archive"])
def test_a_module_without_a_readable_py_file_gets_pysides_own_answer(tmp_path: Path, kind: str) -> None:
    if kind == "built in":
        module = sys.modules["sys"]
    else:
        archive = tmp_path / "lib.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("zipped_uses_qt.py", "import PySide6\n")
        module = ModuleType("zipped_uses_qt")
        module.__file__ = str(archive / "zipped_uses_qt.py")
    asked: list[str] = []

    def fallback(asked_for: ModuleType) -> bool:
        asked.append(asked_for.__name__)
        return True

    assert pyside_source_check.uses_pyside(module, fallback) is True
    assert asked == [module.__name__]


def test_installed_once_in_the_window_and_not_again() -> None:
    import medjournal.ui.app  # noqa: F401  (installs it, right after PySide6)

    feature = sys.modules["shibokensupport.feature"]
    assert "getsource" not in feature._mod_uses_pyside.__code__.co_names
    assert pyside_source_check.install() is False  # already in place: not wrapped twice
