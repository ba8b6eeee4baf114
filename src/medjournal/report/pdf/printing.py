"""Printing the summary through the system's print queue (CUPS on Linux) with Qt's print support.

What is printed equals the saved PDF: the printer's coordinate system is set to the layout's resolution
(300 dpi), so every pen width, dash pattern and font size is the one ``save_pdf`` writes; the print system then
renders that vector page at the printer's own resolution. What the person chose wins: the paper (A4 or Letter
lays the summary out again for that paper), the pages, the copies and two-sided printing (passed on to the
queue). Where a printer cannot print as close to the edge as the app's margins, the margins grow to its
printable area. Rules and sentences: docs/summary.md, "Printing".

Qt does not report a job the queue refused (it ignores the result of ``cupsPrintFile``), so after a job is
handed to CUPS the status of that last request is read from libcups itself (:func:`cups_last_error`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintEngine, QPrinter, QPrinterInfo

from medjournal.domain.errors import MedjournalError, ValidationError
from medjournal.i18n import N_, _
from medjournal.report.pdf.pages import PrintResult, Ranges, choose_pages, parse_pages
from medjournal.report.pdf.pdf import SummaryLayout, ensure_application, layout_summary, qt_messages_logged
from medjournal.report.pdf.pdf_layout import LAYOUT_DPI, MARGIN_MM, PAGE_SIZES
from medjournal.report.pdf.pdf_text import is_whole_pdf
from medjournal.storage.output_file import OutputError, new_output

log = logging.getLogger(__name__)

NO_PRINTER = N_("No printer is set up on this computer.")  # translated where shown: _(NO_PRINTER)
IPP_ERROR = 0x0400  # IPP status codes from here on are errors (RFC 8011, section 4.1.6)
# Qt's key for the options its CUPS engine passes with the job (qcups_p.h: PPK_CupsOptions).
CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)


# -- the print system ---------------------------------------------------------------------------------------


def printer_names() -> list[str]:
    """The print queues the system offers (empty when no printer is set up)."""
    ensure_application()
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


def printer_for(name: str | None) -> QPrinter:
    """A QPrinter for the named queue, else the system's default; one clear sentence when there is none."""
    names = printer_names()
    if not names:
        raise MedjournalError(_(NO_PRINTER))
    if name is None:
        name = str(QPrinterInfo.defaultPrinterName())
        if not name:
            raise MedjournalError(
                _("No default printer is set; name one with --printer (printers: {names}).").format(
                    names=", ".join(names)
                )
            )
    elif name not in names:
        raise ValidationError(
            _("There is no printer named {name}; printers: {names}.").format(
                name=repr(name), names=", ".join(names)
            ),
            "printer",
        )
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    return printer


@cache
def _libcups() -> Any:
    found = ctypes.util.find_library("cups")
    if not found:
        return None
    try:
        library = ctypes.CDLL(found)
    except OSError:
        return None
    library.cupsLastError.restype = ctypes.c_int
    library.cupsLastErrorString.restype = ctypes.c_char_p
    return library


def cups_last_error() -> tuple[int, str] | None:
    """The IPP status and message of this thread's last CUPS request, or None without libcups."""
    library = _libcups()
    if library is None:
        return None
    message = library.cupsLastErrorString() or b""
    return int(library.cupsLastError()), message.decode("utf-8", "replace")


def sends_to_queue(printer: QPrinter) -> bool:
    return (
        printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        and not printer.outputFileName()
        and bool(printer.printerName())
    )


# -- paper, margins, pages ----------------------------------------------------------------------------------


def chosen_paper(printer: QPrinter) -> str | None:
    """ "A4" or "Letter" when that is the paper chosen for the printer, else None (another paper)."""
    page_id = printer.pageLayout().pageSize().id()
    for name, known in PAGE_SIZES.items():
        if page_id == known:
            return "Letter" if name == "letter" else "A4"
    return None


def printable_margins(printer: QPrinter) -> QMarginsF:
    """The app's margins, each grown to the printer's unprintable edge where that is wider (millimetres)."""
    layout = QPageLayout(printer.pageLayout())
    layout.setUnits(QPageLayout.Unit.Millimeter)
    least = layout.minimumMargins()
    return QMarginsF(
        max(MARGIN_MM, least.left()),
        max(MARGIN_MM, least.top()),
        max(MARGIN_MM, least.right()),
        max(MARGIN_MM, least.bottom()),
    )


def dialog_pages(printer: QPrinter) -> Ranges | None:
    """The pages chosen in the print dialog, or None for all: its "Pages from … to" range, or the page list
    that Qt's dialog would hand to CUPS (the option is taken back here, so pages are chosen once, by us)."""
    engine = printer.printEngine()
    options = [str(value) for value in (engine.property(CUPS_OPTIONS) or [])]
    pairs = list(zip(options[::2], options[1::2], strict=False))
    server_side = [value for key, value in pairs if key == "page-ranges"]
    if server_side:
        rest = [item for key, value in pairs if key != "page-ranges" for item in (key, value)]
        engine.setProperty(CUPS_OPTIONS, rest)
        return parse_pages(server_side[-1])
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return ((printer.fromPage(), max(printer.fromPage(), printer.toPage())),)
    return None


def prepare_printer(printer: QPrinter, summary: SummaryLayout) -> None:
    """Before the dialog opens: the summary's paper (the journal's setting) as the default, page range 1–N."""
    printer.setDocName(summary.title)
    printer.setPageLayout(summary.page_layout)
    printer.setFromTo(0, 0)


def print_summary(
    report: Any,
    journal: Any,
    printer: QPrinter,
    summary: SummaryLayout | None = None,
    pages: Ranges | None = None,
) -> PrintResult:
    """Print ``report`` on ``printer`` as the dialog (or the command line) set it up.

    ``summary``: the pages already laid out (the preview), reused when the paper and margins match;
    ``pages``: the range to print (default: what the dialog chose, else all)."""
    with qt_messages_logged():
        paper = chosen_paper(printer) or (summary.size_name if summary is not None else None)
        margins = printable_margins(printer)
        own = None
        if (
            summary is None
            or summary.size_name != paper
            or margins != summary.page_layout.margins(QPageLayout.Unit.Millimeter)
        ):
            own = summary = layout_summary(report, journal, paper, margins)
        try:
            chosen = pages if pages is not None else dialog_pages(printer)
            return _print_pages(summary, printer, chosen, getattr(journal, "path", None))
        finally:
            if own is not None:
                own.release()


def _print_pages(
    summary: SummaryLayout, printer: QPrinter, chosen: Ranges | None, journal_path: Path | None = None
) -> PrintResult:
    numbers = choose_pages(chosen, summary.page_count)
    if not printer.docName():  # the job's name in the queue
        printer.setDocName(summary.title)
    # The printer keeps the paper it was given (another paper than A4/Letter stays); only the margins change.
    layout = QPageLayout(
        QPageSize(printer.pageLayout().pageSize()),
        QPageLayout.Orientation.Portrait,
        summary.page_layout.margins(QPageLayout.Unit.Millimeter),
        QPageLayout.Unit.Millimeter,
    )
    if not printer.setPageLayout(layout):
        raise MedjournalError(
            _("The printer did not accept the summary's page margins; nothing was printed.")
        )
    printer.setResolution(LAYOUT_DPI)
    if printer.outputFileName():  # "Print to File" in the dialog: a new file, whole or not at all
        target = Path(printer.outputFileName())
        try:
            with new_output(target, journal_path) as output:
                printer.setOutputFileName(str(output.temporary))
                if not _paint_job(printer, summary, numbers) or not is_whole_pdf(output.temporary):
                    raise OutputError(
                        _(
                            "{path} could not be written whole (is the disk full?); nothing was written."
                        ).format(path=target)
                    )
        finally:
            printer.setOutputFileName(str(target))
        return PrintResult("", numbers, summary.page_count, 1, output.path)
    name = printer.printerName()
    if not _paint_job(printer, summary, numbers):
        raise MedjournalError(
            _("The printer “{name}” could not take the job; nothing was sent.").format(name=name)
        )
    if sends_to_queue(printer):
        status = cups_last_error()
        if status is not None and status[0] >= IPP_ERROR:
            log.debug("CUPS refused the job: %#x %s", *status)
            reason = status[1].rstrip(". ") or f"IPP status {status[0]:#x}"
            raise MedjournalError(
                _("The printer “{name}” refused the job ({reason}); nothing was printed.").format(
                    name=name, reason=reason
                )
            )
    return PrintResult(name, numbers, summary.page_count, max(1, printer.copyCount()))


def _paint_job(printer: QPrinter, summary: SummaryLayout, numbers: tuple[int, ...]) -> bool:
    """Paint the pages as one job; False when the printer (or the file) could not be started or finished."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        _paint(painter, printer, summary, numbers)
    finally:
        ended = painter.end()
    return bool(ended)


def _paint(painter: QPainter, printer: QPrinter, summary: SummaryLayout, numbers: tuple[int, ...]) -> None:
    # Normally 1: the printer now works at the layout's resolution. Scaled down (never up) if a printer would
    # not take that resolution or its printable area is smaller than the laid-out page.
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    scale = printer.resolution() / LAYOUT_DPI
    full_height = summary.page_layout.paintRectPixels(LAYOUT_DPI).height()
    scale = min(scale, area.width() / summary.width, area.height() / full_height)
    for position, number in enumerate(numbers):
        if position:
            printer.newPage()
        painter.save()
        painter.scale(scale, scale)
        summary.paint(painter, number - 1)
        painter.restore()
