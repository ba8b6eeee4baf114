"""Open the real main window offscreen, look at it, close it: shared by the bundle and wheel checks.

Goes through the public ``medjournal.ui.app.run_window`` so it checks what a person gets, including the
application icon set by ``medjournal.ui.app``. A timer polls until the main window is visible, records what it
shows and quits the event loop; a second timer gives up after ``timeout_ms``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def smoke_window(journal: Path, timeout_ms: int = 60_000) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    from medjournal.cli import clock_from_environment
    from medjournal.ui.app import application, run_window

    app = application()
    result: dict[str, Any] = {"shown": False, "timed_out": False}

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
    ok = result["shown"] and result["window_icon_set"] and result["exit_code"] == 0
    return 0 if ok else 1
