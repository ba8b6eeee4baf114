"""benchmarks/x11_window.py: the bundle benchmark's outside view of a window's start (a private Xvfb server)."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

import pytest

from benchmarks.x11_window import x_server

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")

# A program that works for a moment, then shows a window (and a tooltip-like popup first, which must not count).
SHOWS_A_WINDOW = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    popup = QLabel("popup", None, Qt.WindowType.ToolTip)
    popup.show()
    app.processEvents()
    until = time.process_time() + 0.3
    while time.process_time() < until:
        pass
    window = QLabel("window")
    window.setWindowTitle("the window")
    window.show()
    app.exec()
    """
)


def test_the_first_window_is_timed_and_its_cpu_counted() -> None:
    with x_server() as x:
        start = x.start([sys.executable, "-c", SHOWS_A_WINDOW], dict(os.environ))
    # The popup shown first is not the window: the 0.3 s of CPU spent after it are counted.
    assert start.cpu >= 300
    assert (
        start.wall >= start.cpu * 0.5
    )  # wall clock from the spawn: it cannot be much less than the CPU used


def test_a_program_that_shows_no_window_is_an_error_with_its_last_words() -> None:
    quiet = "import sys, time; print('cannot open the journal', file=sys.stderr, flush=True); time.sleep(60)"
    with x_server() as x, pytest.raises(RuntimeError, match="cannot open the journal"):
        x.start([sys.executable, "-c", quiet], dict(os.environ), timeout=3)
