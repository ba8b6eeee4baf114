"""Starting the window loads only what Today needs (docs/architecture.md, *Start-up*).

The window is started the way the ``medjournal`` command starts it (``medjournal.cli.main`` with no command) in a
fresh process, on a journal with sixty days of entries; when the window is visible the process writes down the
modules it has loaded and quits. An import added at the top of a module on the start path shows up here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from medjournal.demo import write_demo
from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from tests.conftest import NOW

# Loaded when first needed: charts and numbers (Trends), the PDF and summary (Summary), the other sections, Babel's
# locale data (an English window formats its numbers without it), numpy and pandas (sqlite-utils is loaded
# without them: storage/sqlite_lib.py).
NOT_AT_START = (
    "numpy",
    "pandas",
    "pyqtgraph",
    "babel",
    "medjournal.report",
    "medjournal.ui.trends",
    "medjournal.ui.summary",
    "medjournal.ui.medications",
    "medjournal.ui.history.history_view",
)

START = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])  # the window's start configures and uses this one
seen = {}

def look():
    for widget in app.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            timer.stop()
            focus = widget.focusWidget()
            seen["modules"] = sorted(sys.modules)
            seen["section"] = widget.current_section()
            seen["focus_on_today"] = focus is not None and widget.today().isAncestorOf(focus)
            widget.close()
            app.quit()

timer = QTimer()
timer.setInterval(1)
timer.timeout.connect(look)
timer.start()
from medjournal.cli import main

sys.argv = ["medjournal", "--db", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
seen.update(globals().get("also_seen", {}))
print("SEEN " + json.dumps(seen))
"""


def start_window(tmp_path: Path, language: str, before: str = "") -> dict[str, object]:
    """What the probe saw; ``before`` is code run first in its process (it may add to ``seen`` later)."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    try:
        write_demo(journal, days=60)
    finally:
        journal.close()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "MEDJOURNAL_DB")
    }
    env.update(
        MEDJOURNAL_HOME=str(tmp_path / "home"),
        MEDJOURNAL_NOW=NOW.isoformat(),
        QT_QPA_PLATFORM="offscreen",
        LANG=language,
    )
    result = subprocess.run(
        [sys.executable, "-c", before + START, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    seen = json.loads(result.stdout.rpartition("SEEN ")[2])
    assert isinstance(seen, dict)
    return seen


def test_the_window_starts_on_today_without_charts_pdf_or_other_sections(tmp_path: Path) -> None:
    seen = start_window(tmp_path, "en_US.UTF-8")
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert "medjournal.ui.today.today_view" in modules  # the probe saw the real window
    assert [m for m in modules if m.startswith(NOT_AT_START)] == []
    assert seen["section"] == "today"
    assert seen["focus_on_today"] is True  # ready for the first key


def test_a_german_window_loads_babel_for_its_numbers(tmp_path: Path) -> None:
    seen = start_window(tmp_path, "de_DE.UTF-8")
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert "babel.numbers" in modules  # 30 mg is "30 mg", 7.5 is "7,5": Babel's German data
    assert [m for m in modules if m.startswith(NOT_AT_START) and not m.startswith("babel")] == []
