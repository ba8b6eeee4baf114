"""The Trends chart has no context menu, and opening Trends builds none.

pyqtgraph gives each plot's view box a context menu (View All, the X and Y axis panels, the mouse mode) unless it is
made without one; the chart turned it off after making it, so every start on Trends built seven menus for nothing
(docs/trends.md, "No menus built"). A right-click on the chart still opens nothing. The window is started as the
``medjournal`` command starts it and Trends is opened with Ctrl+4."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.keys import start_like_the_command
from tests.ui.trends_window import open_trends, write_demo_journal

pytestmark = pytest.mark.gui

NOW = "2026-12-06T19:30"
# the module, not the class of the same name its package exports
view_box_module = importlib.import_module("pyqtgraph.graphicsItems.ViewBox.ViewBox")


def test_trends_builds_no_menu_and_a_right_click_opens_none(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    write_demo_journal(db, NOW)
    built: list[str] = []
    menu = view_box_module.ViewBoxMenu

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append("a view box's menu")
        return menu(*args, **kwargs)

    monkeypatch.setattr(view_box_module, "ViewBoxMenu", counted)
    popups: list[object] = []

    def session(window: QWidget) -> None:
        view = open_trends(qtbot, window)
        lane = view.figure.lanes["pain"]
        centre = view.plot_widget.mapFromScene(lane.plot.sceneBoundingRect().center())
        viewport = view.plot_widget.viewport()
        qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=QPoint(centre.x(), centre.y()))
        QApplication.processEvents()
        popups.append(QApplication.activePopupWidget())
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert popups == [None]
    assert built == []
