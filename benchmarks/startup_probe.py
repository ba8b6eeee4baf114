"""Child process for the start-up and memory benchmarks.

``python benchmarks/startup_probe.py bare``: a bare PySide6 + pyqtgraph window (a QMainWindow holding one PlotWidget).
``python benchmarks/startup_probe.py app JOURNAL``: medjournal's real start path, ``medjournal.ui.app.run_window``.
Both print ``ready <peak RSS in KiB> <CPU ms>`` on stdout as soon as the main window is visible and the event loop
runs, then quit. The parent measures the time from spawning the process to that line, so interpreter start and
imports count; the CPU time (this process's, all threads, from its start) is the figure to compare on a loaded
machine, where waiting for a core inflates the wall clock.
"""

from __future__ import annotations

import atexit
import functools
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@functools.cache
def window_home() -> Path:
    """For the parent: the ``MEDJOURNAL_HOME`` of the windows a benchmark run starts (their settings, logs and
    crash log), a folder of the run's own. Every start measured then opens on Today at its first size, whatever
    section and size a person or a test left the window at in the machine's own settings: a window left on
    Trends loads the charts at its start, and one left on Medications builds that section as well as Today."""
    folder = Path(tempfile.mkdtemp(prefix="medjournal-bench-home-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _peak_rss_kib() -> int:
    """Peak resident memory of this program. On Linux from ``VmHWM``, which starts afresh at exec: ``ru_maxrss``
    keeps the high-water mark of the process before exec, so a probe spawned by a large parent (the benchmark
    run after its Trends and summary steps) would report the parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report_when_shown(app: object) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    assert isinstance(app, QApplication)

    def look() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                timer.stop()
                peak = _peak_rss_kib()
                print(f"ready {peak} {time.process_time() * 1000:.1f}", flush=True)
                widget.close()
                app.quit()
                return

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(look)
    timer.start()
    app._probe_timer = timer  # type: ignore[attr-defined]  # keep it alive


def bare() -> int:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
    window.resize(1100, 760)
    _report_when_shown(app)
    window.show()
    return app.exec()


def app(journal: str) -> int:
    from medjournal.domain.clock import SystemClock
    from medjournal.ui.app import application, run_window

    qt_app = application()
    _report_when_shown(qt_app)
    return run_window(Path(journal), SystemClock())


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.exit(bare() if mode == "bare" else app(sys.argv[2]))
