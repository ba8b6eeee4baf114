"""Fixtures for the window's tests: QSettings in a temporary folder, a window on a fresh journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from medjournal.storage import Journal


@pytest.fixture(autouse=True)
def accessible_names(qapp) -> None:
    """Controls are named from their labels as in the real app with a screen reader in use (ui.app.application
    installs the same naming, begun by the first question of assistive technology; the tests that start without
    one are in tests/ui/test_accessibility_on_demand.py)."""
    from medjournal.ui import accessibility

    accessibility.install(qapp)
    accessibility.begin_naming(qapp)


@pytest.fixture(autouse=True)
def qsettings_dir(tmp_path: Path) -> Iterator[Path]:
    """Point QSettings (the window's size, position and last section) at a temporary folder."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def window(qtbot, journal: Journal):
    from medjournal.ui.main_window import MainWindow

    win = MainWindow(journal, first_run=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
