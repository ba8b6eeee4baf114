"""Driving modal dialogs in GUI tests without sleeps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def with_modal(action: Callable[[], None], handle: Callable[[QWidget], None]) -> None:
    """Run ``action`` (which opens a modal dialog) and let ``handle`` fill in and close the dialog."""

    def on_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        try:
            handle(dialog)
        finally:
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, on_dialog)
    action()


def close_left_open(app: QApplication) -> None:
    """Close and delete the windows and dialogs a started window (``run_window``) left open, before the next test.

    Only those: other top-level widgets belong to someone else (a chart's context menus, a view another test keeps,
    all owned by Python), and deleting them from Qt while Python still held them crashed the run later
    (QGraphicsScene::clear)."""
    import shiboken6
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QDialog, QMainWindow

    for widget in app.topLevelWidgets():
        if shiboken6.isValid(widget) and isinstance(widget, (QMainWindow, QDialog)):
            widget.close()
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
