"""Open the real main window offscreen, look at it, close it: shared by the bundle and wheel checks.

Goes through the public ``medjournal.ui.app.run_window`` so it checks what a person gets, including the
application icon set by ``medjournal.ui.app``. A timer polls until the main window is visible, visits every
tab (the Trends and Summary views, with pyqtgraph, are imported only when first shown), records what it saw and
quits the event loop; a second timer gives up after ``timeout_ms``. Before the window, every medjournal module
is imported, so a module or library that a bundle failed to collect is named instead of hidden behind a
fallback such as "the chart is not available in this build".
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
from pathlib import Path
from typing import Any


def import_failures() -> dict[str, str]:
    """Every module of the medjournal package that does not import, with its error."""
    import medjournal

    failures = {}
    for module in pkgutil.walk_packages(medjournal.__path__, "medjournal."):
        try:
            importlib.import_module(module.name)
        except Exception as exc:  # reported, not raised: the caller decides
            # numpy's ImportError is a page of advice; its last line names the cause.
            lines = str(exc).strip().splitlines() or [""]
            failures[module.name] = f"{type(exc).__name__}: {lines[-1]}"
    return failures


def smoke_window(journal: Path, timeout_ms: int = 60_000) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow, QScrollArea, QTabWidget, QWidget

    from medjournal.cli import clock_from_environment
    from medjournal.ui.app import application, run_window

    app = application()
    result: dict[str, Any] = {"shown": False, "timed_out": False, "import_failures": import_failures()}

    def look() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                poll.stop()
                icon = widget.windowIcon()
                result.update(
                    shown=True,
                    title=widget.windowTitle(),
                    window_icon_set=not icon.isNull(),
                    app_icon_set=not app.windowIcon().isNull(),
                    icon_sizes=sorted(size.width() for size in icon.availableSizes()),
                    platform=app.platformName(),
                )
                tabs_seen = []
                for tabs in widget.findChildren(QTabWidget):
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        app.processEvents()
                        shown = tabs.currentWidget()
                        if isinstance(shown, QScrollArea) and shown.widget() is not None:
                            shown = shown.widget()
                        names = [type(w).__name__ for w in [shown, *shown.findChildren(QWidget)]]
                        view = next((n for n in names if n.endswith("View") or n == "Placeholder"), names[0])
                        tabs_seen.append(f"{tabs.tabText(index)}: {view}")
                result["tabs"] = tabs_seen
                widget.close()
                app.quit()
                return

    def give_up() -> None:
        if not result["shown"]:
            result["timed_out"] = True
            app.quit()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(look)
    poll.start()
    QTimer.singleShot(timeout_ms, give_up)
    result["exit_code"] = run_window(journal, clock_from_environment())
    return result


def report_smoke_window(journal: str | Path) -> int:
    """Print ``SMOKE {json}``; exit code 0 only when the window was shown with its icon and closed cleanly."""
    result = smoke_window(Path(journal))
    print("SMOKE " + json.dumps(result, sort_keys=True), flush=True)
    ok = (
        result["shown"]
        and result["window_icon_set"]
        and result["exit_code"] == 0
        and not result["import_failures"]
    )
    return 0 if ok else 1
