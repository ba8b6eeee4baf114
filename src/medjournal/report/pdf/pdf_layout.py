"""Page machinery for the printed summary: page size, measured blocks, pagination, painting.

Everything is laid out once in *layout units* (1/300 inch) and painted on any paged device: a ``QPdfWriter``
(whose resolution is set to the same 300 dpi), a ``QPrinter`` or a preview ``QImage`` (the painter is scaled).

Why blocks instead of one big ``QTextDocument``: ``QTextDocument.print_`` clones the document and loses custom
objects, and one flowing document can break a page mid-row or mid-chart. Here the content is a list of blocks,
each atomic (a paragraph group, a chart) or splittable only between table rows (a table, whose header is
repeated on the next page); text is drawn with ``drawContents`` so it stays selectable, and charts are painted
into the painter as vector paths (no raster image ever enters the PDF).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
    QTextTable,
)

from medjournal.i18n import _

LAYOUT_DPI = 300
MARGIN_MM = 14.0
FOOTER_HEIGHT = 0.28 * LAYOUT_DPI  # reserved under the content for "page N of M"
BLOCK_GAP = 0.07 * LAYOUT_DPI
BASE_POINT_SIZE = 9.0

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Territories that print on US Letter; everyone else gets A4.
LETTER_TERRITORIES = {QLocale.Country.UnitedStates, QLocale.Country.Canada}
# The journal's country setting (the codes of domain/data/crisis_lines.json) decides "auto" paper before the
# locale does; "OTHER" leaves it to the locale.
COUNTRY_PAPER = {"US": "Letter", "CA": "Letter", "GB": "A4", "IE": "A4", "AU": "A4", "EU": "A4"}

_METRICS: QImage | None = None


def _paper_palette() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor("black"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    return palette


def px(css_pixels: float) -> float:
    """CSS-style pixels (1/96 inch) in layout units."""
    return css_pixels * LAYOUT_DPI / 96


def data_table(head: str, rows: Iterable[str], padding: float = 1.5) -> str:
    """A table across the page: its header row, then its rows (``padding`` in CSS pixels around each cell)."""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{px(padding):.0f}">{head}{"".join(rows)}</table>'
    )


def metrics_device() -> QImage:
    """A 300 dpi paint device that every document is measured with, whatever it is painted on later."""
    global _METRICS
    if _METRICS is None:
        image = QImage(4, 4, QImage.Format.Format_ARGB32)
        dots_per_meter = round(LAYOUT_DPI / 0.0254)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
        _METRICS = image
    return _METRICS


def page_size_name(
    requested: str | None = None, locale: QLocale | None = None, country: str | None = None
) -> str:
    """ "A4" or "Letter": the requested one if given, else from the journal's country setting (Letter for
    "US" and "CA"; A4 for the other named countries), else from the locale (Letter for the US and Canada)."""
    if not requested and country and country.upper() in COUNTRY_PAPER:
        requested = COUNTRY_PAPER[country.upper()]
    if requested:
        key = requested.strip().lower()
        if key not in PAGE_SIZES:
            from medjournal.domain.errors import ValidationError

            raise ValidationError(
                _("The page size must be A4 or Letter, not {size}.").format(size=repr(requested)), "page size"
            )
        return "Letter" if key == "letter" else "A4"
    territory = (locale or QLocale()).territory()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


def page_layout(size_name: str, margins_mm: QMarginsF | None = None) -> QPageLayout:
    """The page in portrait with the app's margins (or wider ones, e.g. a printer's printable area)."""
    page_size = QPageSize(PAGE_SIZES[size_name.lower()])
    margins = margins_mm if margins_mm is not None else QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(page_size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def content_size(layout: QPageLayout) -> QSizeF:
    """Width and height available for blocks on one page, in layout units (the footer is kept apart)."""
    rect = layout.paintRectPixels(LAYOUT_DPI)
    return QSizeF(rect.width(), rect.height() - FOOTER_HEIGHT)


def base_font(point_size: float = BASE_POINT_SIZE) -> QFont:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    # No ligatures: "ﬀ" in "Side effects" would make copied or searched text differ from what it says.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def make_document(html: str, width: float, point_size: float = BASE_POINT_SIZE) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(metrics_device())
    document.setDocumentMargin(0)
    document.setDefaultFont(base_font(point_size))
    # The width first: set after the text, it laid the whole text out a second time (half the time of the long
    # tables of a summary of years).
    document.setTextWidth(width)
    document.setHtml(html)
    return document


# -- blocks -------------------------------------------------------------------------------------------------


class Block:
    """Something placed on a page. ``cuts`` are the offsets where it may be split (none: atomic)."""

    height: float = 0.0
    keep_with_next: bool = False
    page_break_before: bool = False
    gap_before: float = BLOCK_GAP  # the room above it when it follows another block on the page

    def cuts(self) -> Sequence[float]:
        return ()

    def header_height(self) -> float:
        return 0.0

    def paint(self, painter: QPainter, top: float, width: float, start: float, end: float) -> None:
        raise NotImplementedError


class TextBlock(Block):
    """Rich text (Qt's HTML subset) that is never split."""

    def __init__(
        self,
        html: str,
        width: float,
        point_size: float = BASE_POINT_SIZE,
        keep_with_next: bool = False,
        page_break_before: bool = False,
    ) -> None:
        self.document = make_document(html, width, point_size)
        self.height = self.document.size().height()
        self.keep_with_next = keep_with_next
        self.page_break_before = page_break_before

    def paint(self, painter: QPainter, top: float, width: float, start: float, end: float) -> None:
        painter.save()
        painter.translate(0, top - start)
        # Paper is white whatever the desktop theme: drawContents would take the text colour from the
        # application palette (light grey in dark mode), so paint with a fixed black-on-white palette.
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = _paper_palette()
        context.clip = QRectF(0, start, width, end - start)
        painter.setClipRect(context.clip)
        self.document.documentLayout().draw(painter, context)
        painter.restore()


class TableBlock(TextBlock):
    """A one-table document that may split between rows; its first row (the header) repeats on each page."""

    def __init__(
        self,
        html: str,
        width: float,
        point_size: float = BASE_POINT_SIZE,
        padding: float = 0.0,
        page_break_before: bool = False,
        continued: str = "",
    ) -> None:
        super().__init__(html, width, point_size, page_break_before=page_break_before)
        self._cuts: list[float] = []
        # On the following pages, a caption says which table goes on ("Daily log, continued").
        self._caption = TextBlock(continued, width, point_size) if continued else None
        tables = [f for f in self.document.rootFrame().childFrames() if isinstance(f, QTextTable)]
        if tables:
            table = tables[0]
            layout = self.document.documentLayout()
            for row in range(1, table.rows()):
                block = table.cellAt(row, 0).firstCursorPosition().block()
                self._cuts.append(layout.blockBoundingRect(block).top() - padding)

    def cuts(self) -> Sequence[float]:
        return self._cuts

    def header_height(self) -> float:
        if not self._cuts:
            return 0.0
        return self._cuts[0] + (self._caption.height + BLOCK_GAP if self._caption is not None else 0.0)

    def paint(self, painter: QPainter, top: float, width: float, start: float, end: float) -> None:
        if start > 0 and self._cuts:
            if self._caption is not None:
                self._caption.paint(painter, top, width, 0, self._caption.height)
                top += self._caption.height + BLOCK_GAP
            header = self._cuts[0]
            super().paint(painter, top, width, 0, header)
            top += header
        super().paint(painter, top, width, start, end)


class ChartBlock(Block):
    """A vector drawing of a fixed height, painted by ``draw(painter, rect)``."""

    def __init__(
        self, draw: Callable[[QPainter, QRectF], None], height: float, page_break_before: bool = False
    ) -> None:
        self.draw = draw
        self.height = height
        self.page_break_before = page_break_before

    def paint(
        self, painter: QPainter, top: float, width: float, _start: float, _end: float
    ) -> None:  # drawn whole
        painter.save()
        painter.setClipRect(QRectF(0, top, width, self.height))
        self.draw(painter, QRectF(0, top, width, self.height))
        painter.restore()


# -- pagination ---------------------------------------------------------------------------------------------


@dataclass
class Placement:
    block: Block
    top: float  # on the page, layout units from the top of the content area
    start: float  # the part of the block shown: [start, end) in block coordinates
    end: float


@dataclass
class Page:
    placements: list[Placement] = field(default_factory=list)


def _first_part(block: Block) -> float:
    """The smallest height the block can start a page with (a table's header and first row)."""
    cuts = block.cuts()
    return cuts[1] if len(cuts) > 1 else block.height


def paginate(blocks: Sequence[Block], page_height: float) -> list[Page]:
    """Place blocks top to bottom; atomic blocks move whole to the next page, tables split between rows."""
    pages = [Page()]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    for index, block in enumerate(blocks):
        if block.page_break_before and pages[-1].placements:
            new_page()
        gap = block.gap_before if pages[-1].placements else 0.0
        needed = block.height if not block.cuts() else _first_part(block)
        if block.keep_with_next and index + 1 < len(blocks):
            needed = block.height + BLOCK_GAP + _first_part(blocks[index + 1])
        if y + gap + needed > page_height and pages[-1].placements:
            new_page()
            gap = 0.0
        y += gap
        start = 0.0
        while True:
            header = block.header_height() if start > 0 else 0.0
            room = page_height - y - header
            if block.height - start <= room or not block.cuts():
                pages[-1].placements.append(Placement(block, y, start, block.height))
                y += header + block.height - start
                break
            fitting = [c for c in block.cuts() if start < c <= start + room]
            if not fitting:
                if not pages[-1].placements:  # a single row taller than a page: let it run over
                    pages[-1].placements.append(Placement(block, y, start, block.height))
                    y += header + block.height - start
                    break
                new_page()
                continue
            end = fitting[-1]
            pages[-1].placements.append(Placement(block, y, start, end))
            start = end
            new_page()
    return pages


def page_content_height(page: Page) -> float:
    """How far down a laid-out page its content reaches (the print tests measure the room left with it)."""
    if not page.placements:
        return 0.0
    last = page.placements[-1]
    header = last.block.header_height() if last.start > 0 else 0.0
    return last.top + header + last.end - last.start


# -- painting -----------------------------------------------------------------------------------------------


def paint_page(
    painter: QPainter,
    page: Page,
    width: float,
    height: float,
    page_number: int,
    page_count: int,
    footer_left: str,
) -> None:
    """Paint one page's blocks and its footer; the painter's origin is the top-left of the content area."""
    for placement in page.placements:
        placement.block.paint(painter, placement.top, width, placement.start, placement.end)
    painter.save()
    footer_font = base_font()
    footer_font.setPixelSize(round(7.5 * LAYOUT_DPI / 72))  # pixels, so any painter scaling keeps the size
    painter.setFont(footer_font)
    painter.setPen(QPen(QColor("#555555")))
    line_y = height + FOOTER_HEIGHT * 0.25
    painter.drawLine(QPointF(0, line_y), QPointF(width, line_y))
    text_rect = QRectF(0, line_y + px(2), width, FOOTER_HEIGHT * 0.7)
    painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), footer_left)
    painter.drawText(
        text_rect,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        _("page {number} of {count}").format(number=page_number, count=page_count),
    )
    painter.restore()
