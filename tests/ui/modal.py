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
    """Close and delete whatever a started window (``run_window``) left open, before the next test."""
    import shiboken6
    from PySide6.QtCore import QEvent

    for widget in app.topLevelWidgets():
        if not shiboken6.isValid(widget):
            continue
        widget.close()
        # A chart left by another test (a pyqtgraph view, owned by Python) is closed but not deleted here: deleting
        # its scene from Qt while Python still holds its items crashed the run (QGraphicsScene::clear).
        if not widget.inherits("QGraphicsView"):
            widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
