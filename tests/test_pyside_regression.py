"""PySide6 6.12.0 aborts CPython 3.11 after a few hundred emits of a Python-defined Signal (docs/design.md §2).

pyproject excludes that release; this test proves the installed one survives many emits.
"""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    happened = Signal(int)

app = QCoreApplication([])
emitter = Emitter()
received = []
emitter.happened.connect(received.append)
for number in range(5000):
    emitter.happened.emit(number)
assert len(received) == 5000 and received[-1] == 4999, len(received)
print("emitted", len(received))
"""


def test_a_python_signal_survives_5000_emits() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "emitted 5000"


def test_the_installed_pyside6_is_not_the_broken_release() -> None:
    import PySide6

    assert PySide6.__version__ != "6.12.0"
