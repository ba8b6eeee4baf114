"""Finding a window's parts in GUI tests with their real types, so that mypy checks what a test does with them."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QTableWidget, QWidget

T = TypeVar("T", bound=QObject)
V = TypeVar("V")


def child(parent: QObject, kind: type[T], name: str = "") -> T:
    """The child of ``kind`` called ``name`` (Qt's findChild), failing the test when there is none."""
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} called {name!r} in {type(parent).__name__}"
    return found


def accept(dialog: QWidget) -> None:
    """Press OK on a modal dialog that ``with_modal`` handed over as a widget."""
    assert isinstance(dialog, QDialog), f"{type(dialog).__name__} is not a dialog"
    dialog.accept()


def reject(dialog: QWidget) -> None:
    """Press Cancel on a modal dialog that ``with_modal`` handed over as a widget."""
    assert isinstance(dialog, QDialog), f"{type(dialog).__name__} is not a dialog"
    dialog.reject()


def of_type(widget: object, kind: type[V]) -> V:
    """``widget`` as the ``kind`` it must be (a form field, a section of the window, a journal entry), failing the
    test otherwise."""
    assert isinstance(widget, kind), f"{type(widget).__name__} is not a {kind.__name__}"
    return widget


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The text of a table's cell, failing the test when the cell is empty of any item."""
    item = table.item(row, column)
    assert item is not None, f"no cell at row {row}, column {column}"
    return item.text()
