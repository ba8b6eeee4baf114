"""The doctor-visit summary on paper: a PDF (``write_pdf``), a printout (``report.printing``) or preview images.

All three paint the same laid-out pages (:func:`layout_summary`), so the preview is what prints. Page 1 is the
one-page summary of docs/clinical.md §7; it is made to fit one page by tightening the type and the chart,
never by dropping a section. Two or more medications under evaluation share one "Is it working?" table (a
line each, every number kept); if even that cannot fit, page 1 keeps the table's main lines, says so, and
the full boxes follow on the next page. Later pages: the daily log, every side-effect entry, notes and the
methods note.

>>> import tempfile
>>> from medjournal.report.summary.summary import build_summary
>>> from medjournal.storage.journal import Journal
>>> journal = Journal.in_memory()
>>> written = write_pdf(build_summary(journal), Path(tempfile.mkdtemp()) / "summary.pdf", journal)
>>> written.read_bytes()[:5]
b'%PDF-'
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QMarginsF,
    QMessageLogContext,
    QRectF,
    QSize,
    QSizeF,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

from medjournal import __version__, i18n
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _
from medjournal.report.language import summary_language
from medjournal.report.pdf import pdf_first_page as first
from medjournal.report.pdf import pdf_flags
from medjournal.report.pdf import pdf_later_pages as later
from medjournal.report.pdf import pdf_long_period as long_period
from medjournal.report.pdf import pdf_response as response
from medjournal.report.pdf.pdf_layout import (
    BLOCK_GAP,
    LAYOUT_DPI,
    Block,
    ChartBlock,
    Page,
    TableBlock,
    TextBlock,
    content_size,
    page_layout,
    page_size_name,
    paginate,
    paint_page,
    px,
)
from medjournal.report.pdf.pdf_safety_box import safety_html
from medjournal.report.pdf.pdf_text import DASH, is_whole_pdf, long_day
from medjournal.report.summary.summary import SummaryReport
from medjournal.report.summary.summary_types import SummaryDocument
from medjournal.storage.output_file import new_output

# Page 1 must hold the whole summary: these are tried in turn (type size in points, chart height in inches).
# A slightly lower chart is tried before smaller type: words are harder to read small than a chart is.
FIT_STEPS = (
    (9.0, 2.8),
    (8.5, 2.7),
    (8.0, 2.6),
    (8.0, 2.3),
    (7.5, 2.5),
    (7.5, 2.2),
    (7.0, 2.2),
    (7.0, 2.0),
    (7.0, 1.9),  # a Letter page 1 with every before → now line (measures too) keeps its full box
    (7.0, 1.8),  # ... in German too, with the person's own activities as well
    (7.0, 1.6),  # 20 years of eight check-ins a day: two medications started in the period, 255 flags
)
# The last tries: the blocks of page 1 half as far apart, then a lower chart still (20 years in German on
# Letter; docs/summary.md, *Paper*).
TIGHT_GAP = BLOCK_GAP / 2
LAST_STEPS = ((7.0, 1.6, TIGHT_GAP), (7.0, 1.4, TIGHT_GAP))
# A chart lower than the largest step squeezes its pain lane (on Letter, 0.7 in shorter than A4, its 0-10
# labels ran into each other): what page 1 has left over goes to the chart, up to this height.
CHART_MAX_INCHES = FIT_STEPS[0][1]
PAGE_SIZE_SETTING = "page_size"
CHART_SCALE = 1.3
# A curve with no finite point (e.g. a 7-day average over a period of one day) is recorded by QSvgGenerator as
# an empty path, which QSvgRenderer then reports as "Invalid path data; path truncated." It draws nothing.
EMPTY_SVG_PATH = re.compile(rb'<path\b[^>]*\sd=""[^>]*/>')
log = logging.getLogger(__name__)


@contextmanager
def qt_messages_logged() -> Iterator[None]:
    """While the summary is drawn, Qt's own messages (``qt.svg: ...``, ``QPainter::begin(): ...``) go to the
    log at DEBUG instead of the terminal: expected failures already become one clear sentence."""

    def to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = getattr(context, "category", None) or "qt"
        log.debug("Qt %s (%s): %s", getattr(kind, "name", kind), category, message)

    previous = qInstallMessageHandler(to_log)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


@dataclass
class SummaryLayout:
    """Laid-out pages ready to paint on any device, with what the footer and metadata need."""

    data: SummaryDocument
    page_layout: QPageLayout
    size_name: str
    pages: list[Page]
    width: float
    height: float
    first_page_fits: bool
    title: str
    keep_alive: list[Any] = field(default_factory=list)  # chart widgets the blocks paint from
    response_form: str = "full"  # how page 1 prints the "Is it working?" results (pdf_response)
    footer: str = ""  # in the summary's language, made with the pages
    language: str = i18n.SOURCE_LANGUAGE

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def paint(self, painter: QPainter, index: int) -> None:
        with i18n.use_language(self.language):  # "page 1 of 6"
            paint_page(
                painter, self.pages[index], self.width, self.height, index + 1, self.page_count, self.footer
            )

    def release(self) -> None:
        for widget in self.keep_alive:
            close = getattr(widget, "close", None)
            if close is not None:
                close()
            delete_later = getattr(widget, "deleteLater", None)
            if delete_later is not None:
                delete_later()
        self.keep_alive.clear()


def ensure_application() -> Any:
    """Charts are Qt widgets: make sure a QApplication exists. Only the command line gets here without one, and
    it draws to files and printers, never to a screen: on Linux it asks for Qt's offscreen platform whatever
    QT_QPA_PLATFORM says (``-platform`` wins over it), since a QT_QPA_PLATFORM=xcb left in an SSH session without
    a display made Qt abort the process with no message at all."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        arguments = ["medjournal"]
        if sys.platform.startswith("linux"):
            arguments += ["-platform", "offscreen"]
        app = QApplication(arguments)
    return app


def summary_data(report: SummaryReport | SummaryDocument) -> SummaryDocument:
    """The summary's document (report/summary/summary_types.py): what every page builder reads."""
    return report.to_json() if isinstance(report, SummaryReport) else report


def _has_entries(data: SummaryDocument) -> bool:
    return data["period"]["days_with_data"] > 0


def _chart_block(report: SummaryDocument, width: float, height: float, keep_alive: list[Any]) -> Block:
    # Laid out larger than its printed size, then scaled down: the chart's fixed parts (titles, axes) take
    # less of the height and the lanes get more of it.
    width_px = round(width * 96 / LAYOUT_DPI * CHART_SCALE)
    height_px = round(height * 96 / LAYOUT_DPI * CHART_SCALE)
    from medjournal.report.charts.charts import render_to_painter, summary_chart

    widget = summary_chart(report, width_px, height_px)
    keep_alive.append(widget)

    # pyqtgraph sizes its text in points, which a 300 dpi PDF painter would turn into giant labels.
    # Recording the scene at screen resolution into SVG (vector, text kept as text) and replaying that into
    # the page keeps the chart's proportions on every device. (pyqtgraph's own SVGExporter is broken on
    # Qt >= 6.11, pyqtgraph #3495.)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    generator.setSize(QSize(width_px, height_px))
    generator.setViewBox(QRectF(0, 0, width_px, height_px))
    recorder = QPainter(generator)
    render_to_painter(widget, recorder, QRectF(0, 0, width_px, height_px))
    recorder.end()
    renderer = QSvgRenderer(EMPTY_SVG_PATH.sub(b"", bytes(buffer.data().data())))
    keep_alive.append(renderer)

    def draw(painter: QPainter, rect: QRectF) -> None:
        renderer.render(painter, rect)

    return ChartBlock(draw, height)


CHART_SLOT = "chart"


def first_page_blocks(
    data: SummaryDocument,
    width: float,
    point_size: float,
    form: str = response.FULL,
    full_where: str | None = None,
    flags_page: int = 2,
) -> list[Block | str]:
    """Page 1's text blocks in order, with ``CHART_SLOT`` where the chart goes (drawn once the size is known).
    ``form``: how the "Is it working?" results are printed (:func:`pdf_response.responses_html`);
    ``flags_page``: where every safety flag is listed when page 1 lists only some (report/pdf/pdf_flags.py)."""

    def text(html: str) -> Block:
        return TextBlock(html, width, point_size)

    blocks: list[Block | str] = [text(first.header_html(data))]
    if safety := safety_html(data, flags_page):
        if data["safety"]["flags"]:
            blocks.append(text(safety))
        else:  # no flag: the one-line screening status joins the header's block (no gap of its own)
            blocks[0] = text(first.header_html(data) + safety)
    if not _has_entries(data):
        blocks.append(text(first.no_data_html(data)))
    # Cautions about what is taken together come with the safety flags, above the medication table.
    if cautions := first.warnings_html(data):
        blocks.append(text(cautions))
    blocks.append(text(first.medications_html(data)))
    blocks.extend(text(html) for html in response.responses_html(data, form, full_where))
    if _has_entries(data):
        blocks.append(CHART_SLOT)
    for html in (
        first.side_effects_html(data),
        first.function_html(data),
        first.treatments_html(data),
        first.questions_html(data),
    ):
        blocks.append(text(html))
    return blocks


def fit_first_page(
    data: SummaryDocument,
    width: float,
    height: float,
    keep_alive: list[Any],
    flags_page: int = 2,
    charts: dict[float, Block] | None = None,
) -> tuple[list[Block], bool, str]:
    """Page 1 at the largest type and chart that fit one page (the smallest, running over, if none does),
    and the form of the "Is it working?" results used. ``charts``: charts drawn by an earlier try, by height.
    Last of all, the blocks closer together (``LAST_STEPS``)."""
    forms = response.response_forms(data)
    steps = [(size, chart, BLOCK_GAP) for size, chart in FIT_STEPS] + list(LAST_STEPS)
    made: dict[tuple[str, float], list[Block | str]] = {}  # the text does not change with the chart's height
    for form in forms:
        for point_size, chart_inches, gap in steps:
            if (form, point_size) not in made:
                made[form, point_size] = first_page_blocks(
                    data, width, point_size, form, flags_page=flags_page
                )
            slots = made[form, point_size]
            chart_height = chart_inches * LAYOUT_DPI
            total = sum(chart_height if isinstance(b, str) else b.height for b in slots)
            fits = total + gap * (len(slots) - 1) <= height
            if fits:
                break
        if fits:
            break
    if form == response.BRIEF and not fits:  # page 1 runs over: the full boxes follow what runs over
        after = _("the page after “{title}”").format(title=_("My questions for the doctor"))
        slots = first_page_blocks(data, width, point_size, form, after, flags_page)
    if fits:  # room left at the foot of page 1 (smaller type freed more than needed) goes to the chart
        spare = height - total - gap * len(slots)  # one gap kept above the footer
        chart_height = max(chart_height, min(chart_height + spare, CHART_MAX_INCHES * LAYOUT_DPI))
    charts = {} if charts is None else charts
    if any(isinstance(b, str) for b in slots) and chart_height not in charts:
        charts[chart_height] = _chart_block(data, width, chart_height, keep_alive)
    blocks = [charts[chart_height] if isinstance(b, str) else b for b in slots]
    for block in blocks:
        block.gap_before = gap
    return blocks, fits, form


def later_blocks(data: SummaryDocument, journal: Any, width: float) -> list[Block]:
    period = later.period_of(data)
    point_size = 8.0
    padding = px(1.5)
    # The period's doses, read once for the daily log and the notes (a summary of years holds tens of thousands).
    logs = journal.dose_logs(*period) if journal is not None and period is not None else None
    rows = later.day_rows(data, journal, logs)
    blocks: list[Block] = []

    def table(title: str, html: str, page_break: bool = False, continued: str = "") -> None:
        blocks.append(TextBlock(title, width, point_size, keep_with_next=True, page_break_before=page_break))
        blocks.append(TableBlock(html, width, point_size, padding, continued=first.heading(continued)))

    # A period longer than a year: the months before the last year one row each (report/pdf/pdf_long_period.py).
    since = long_period.recent_from(period)
    if since is not None and period is not None:
        months = long_period.month_rows(rows, data["side_effect_log"], since)
        heading = long_period.monthly_heading_html(period[0], since - timedelta(days=1))
        table(heading, long_period.monthly_table_html(months), True, _("Monthly log, continued"))
        rows = [row for row in rows if row.day >= since]
    daily_period = (since, period[1]) if since is not None and period is not None else period
    table(
        later.daily_heading_html(daily_period),
        later.daily_table_html(rows),
        since is None,
        _("Daily log, continued"),
    )
    effects_title = _("Side effects: every entry")
    if since is not None:
        recent = sum(1 for e in data["side_effect_log"] if date.fromisoformat(e["date"]) >= since)
        effects_title = long_period.recent_side_effects_title(len(data["side_effect_log"]), recent)
    for title, html in (
        (effects_title, later.side_effect_table_html(data, since)),
        (_("Notes"), later.notes_table_html(data, journal, logs)),
    ):
        if html:
            table(first.heading(title), html, continued=_("{title}, continued").format(title=title))
    blocks.append(TextBlock(later.methods_html(), width, point_size))
    return blocks


def layout_summary(
    report: SummaryReport | SummaryDocument,
    journal: Any = None,
    page_size: str | None = None,
    margins_mm: QMarginsF | None = None,
    language: str | None = None,
) -> SummaryLayout:
    """Lay the summary out on pages. ``page_size``: "A4" or "Letter"; default: the journal's setting, else
    its country, else the locale. ``margins_mm``: wider margins than the app's (a printer's printable area).
    ``language``: the summary's; default: the journal's ``summary_language`` setting, else the window's
    (report/language.py), else the language in use."""
    ensure_application()
    if language is None:
        language = summary_language(journal) if journal is not None else i18n.language()
    with i18n.use_language(language) as chosen:
        summary = _layout(report, journal, page_size, margins_mm)
    summary.language = chosen
    return summary


def _layout(
    report: SummaryReport | SummaryDocument, journal: Any, page_size: str | None, margins_mm: QMarginsF | None
) -> SummaryLayout:
    data = summary_data(report)
    country = None
    if page_size is None and journal is not None:
        stored = journal.setting(PAGE_SIZE_SETTING)  # a value no check allowed is ignored, not fatal
        page_size = stored if stored in ("A4", "Letter") else None
        stored_country = journal.setting("country")
        country = stored_country if isinstance(stored_country, str) and stored_country else None
    size_name = page_size_name(page_size, country=country)
    layout = page_layout(size_name, margins_mm)
    size: QSizeF = content_size(layout)
    width, height = size.width(), size.height()
    keep_alive: list[Any] = []
    flags_page = 2  # where every flag is listed when page 1 lists only some: after page 1 and its boxes
    charts: dict[float, Block] = {}
    for _attempt in range(3):
        blocks, fits, form = fit_first_page(data, width, height, keep_alive, flags_page, charts)
        if form == response.BRIEF:
            boxes = response.full_box_blocks(data, width)
            boxes[0].page_break_before = fits  # else right after what ran over from page 1
            blocks += boxes
        pages = paginate(blocks, height)
        if not pdf_flags.needs_full_list(data) or len(pages) + 1 == flags_page:
            break
        flags_page = len(pages) + 1  # page 1 ran over, or boxes followed it: say the page it is on
    if every_flag := pdf_flags.full_list_blocks(data, width):
        pages += paginate(every_flag, height)
    pages += paginate(later_blocks(data, journal, width), height)
    name = data["header"]["name"]
    start, end = long_day(data["period"]["start"]), long_day(data["period"]["end"])
    title = (
        _("Medication journal summary for {name}, {start} to {end}").format(name=name, start=start, end=end)
        if name
        else _("Medication journal summary, {start} to {end}").format(start=start, end=end)
    )
    footer = _("medjournal summary · {start} {dash} {end} · self-reported data").format(
        start=start, end=end, dash=DASH
    )
    return SummaryLayout(data, layout, size_name, pages, width, height, fits, title, keep_alive, form, footer)


def write_pdf(
    report: SummaryReport | SummaryDocument, path: Path, journal: Any = None, page_size: str | None = None
) -> Path:
    """Write the summary as a PDF with vector charts and selectable text; returns the path written."""
    with qt_messages_logged():
        summary = layout_summary(report, journal, page_size)
        try:
            return save_pdf(summary, Path(path), getattr(journal, "path", None))
        finally:
            summary.release()


def save_pdf(summary: SummaryLayout, path: Path, journal_path: Path | None = None) -> Path:
    """Paint laid-out pages into a new PDF file (never over an existing file or the journal): written to a
    fresh private temporary file beside the target, synced and renamed into place when whole
    (:mod:`medjournal.storage.output_file`)."""
    with new_output(path, journal_path) as output:
        writer = QPdfWriter(str(output.temporary))
        writer.setResolution(LAYOUT_DPI)
        writer.setPageLayout(summary.page_layout)
        writer.setTitle(summary.title)
        writer.setCreator(f"medjournal {__version__}")
        painter = QPainter()
        if not painter.begin(writer):
            del writer
            raise MedjournalError(
                _("Could not write the PDF file {path}: the folder may be read-only or full.").format(
                    path=path
                )
            )
        try:
            for index in range(summary.page_count):
                if index:
                    writer.newPage()
                summary.paint(painter, index)
        finally:
            ended = painter.end()
            del writer
        if not ended or not is_whole_pdf(output.temporary):
            raise MedjournalError(
                _(
                    "The PDF file {path} could not be written whole (is the disk full?); nothing was written."
                ).format(path=path)
            )
    return output.path


def page_image(summary: SummaryLayout, index: int, dpi: float = 96) -> QImage:
    """One page as an image for the on-screen preview (white paper, margins included)."""
    full = summary.page_layout.fullRectPixels(LAYOUT_DPI)
    paint = summary.page_layout.paintRectPixels(LAYOUT_DPI)
    scale = dpi / LAYOUT_DPI
    image = QImage(round(full.width() * scale), round(full.height() * scale), QImage.Format.Format_ARGB32)
    # The image claims the layout resolution so that fonts resolve to the same size as on paper.
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.translate(paint.left(), paint.top())
    summary.paint(painter, index)
    painter.end()
    return image
