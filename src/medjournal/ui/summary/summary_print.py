"""The Summary view's Print button: the system's print dialog, what it chose honoured, one honest sentence.

The dialog opens on the summary's paper (the journal's setting) with pages 1 to N offered; the paper, pages,
copies and two-sided printing chosen there are what prints (``report.printing``). No printer at all: the
person is told so and offered Save as PDF instead of a dialog that can only print to a file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _
from medjournal.report.pdf import printing

CANCELLED = N_("Printing cancelled; nothing was sent.")


def offer_pdf_instead(parent: QWidget) -> bool:
    """Say that no printer is set up; True when the person chose Save as PDF."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Print the summary"))
    box.setText(_(printing.NO_PRINTER))
    box.setInformativeText(_("You can save the summary as a PDF and print or send it from another computer."))
    save = box.addButton(_("Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    # Hold the box's own widgets while it is shown: PySide invalidates a Python wrapper (here ``save``) when
    # a temporary wrapper of its parent, made by the application's accessibility filter, is collected.
    shown = box.findChildren(QWidget)
    box.exec()
    clicked = box.clickedButton()
    del shown
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


def print_dialog(parent: QWidget, printer: QPrinter, page_count: int) -> QPrintDialog:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print the summary"))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    dialog.setMinMax(1, max(1, page_count))
    return dialog


def print_from_view(view: Any) -> str:
    """Run the whole print path for ``view`` (a SummaryView with pages laid out); returns the sentence shown.
    ``view.save_pdf`` is called when the person takes Save as PDF instead."""
    if not printing.printer_names():
        if offer_pdf_instead(view):
            view.save_pdf()
            return ""
        return _(printing.NO_PRINTER)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printing.prepare_printer(printer, view.layout_pages)
    dialog = print_dialog(view, printer, view.layout_pages.page_count)
    # Qt's dialog on Linux shows the paper only under Properties, and on OK resets it to the printer's
    # default even when Properties was never opened: then the journal's paper (what the dialog was given)
    # stays; once Properties was opened, the paper shown and chosen there wins.
    properties = dialog.findChild(QPushButton, "properties")
    opened: list[bool] = []
    if properties is not None:
        properties.clicked.connect(lambda: opened.append(True))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return _(CANCELLED)
    if properties is not None and not opened:
        printer.setPageSize(view.layout_pages.page_layout.pageSize())
    try:
        result = printing.print_summary(view.report, view.journal, printer, view.layout_pages)
    except MedjournalError as exc:
        return exc.message
    return result.sentence()
