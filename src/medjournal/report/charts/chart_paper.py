"""The summary's chart fitted to its place on page 1 (docs/summary.md, *The chart of a long period*).

Page 1 gives the chart 1.4 to 2.8 inches, whatever the period's length. At 20 years of a heavy journal the
medication lane's names were drawn over each other, the dose labels over the names and the row above, and the
as-needed and treatment rows were a solid band. On paper, therefore:

- the lanes' titles take one line of their own type, not pyqtgraph's fixed 30 pixels;
- each row of the medication lane is at least a line of its names' type high, the pain and mood lanes two
  lines (their 0 and 10); if that does not fit, the treatments row goes first (page 1 lists every treatment
  under "Other treatments") and the caption says so;
- where a day is narrower than a tick, as-needed doses and treatments are a bar per week or month, as high as
  the share of its days with one (chart_share.py);
- a dose label is drawn only where its row holds it and the next label leaves room (the dose line is drawn
  all the same; the doses are in the table above);
- a caption under the chart says what was summarised or left out;
- all its text is in the page's own type (:func:`paper_font`), never the person's desktop font: at a 16 pt
  desktop font the PDF saved from the window had its dates run into each other and lost a medication's name,
  while the command line's PDF of the same journal was clean.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from medjournal.i18n import _
from medjournal.report.charts.chart_items import LEFT_AXIS_WIDTH, narrowable
from medjournal.report.charts.chart_share import WEEK, bin_kind, shares, spans
from medjournal.report.charts.chart_style import LIGHT
from medjournal.report.trends.trend_data import TrendData

TITLE_POINTS = 10  # the lanes' titles on paper (charts.summary_chart)
CAPTION_POINTS = 8
TEXT_POINTS = 9  # ticks, names and dose labels on paper
TREATMENTS_ID = -1  # the row of other treatments (charts.trend_data_from_summary)
TICKS = {"pain": (2, 5, 10), "mood_sleep": (5, 10)}  # label every N points, the first that has room


def paper_font(points: float = TEXT_POINTS) -> QFont:
    """The chart's type on paper: the same family at the same size whatever the desktop's font, so a PDF saved
    from the window is the PDF the command line makes."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    return font


def use_paper_font(widget: pg.GraphicsLayoutWidget) -> None:
    """Put every text of the chart built so far in :func:`paper_font`: axis ticks, dose and window labels, and
    the titles' family (their size is set in points where they are written). Call it again after adding text."""
    font = paper_font()
    for item in widget.scene().items():
        if isinstance(item, pg.AxisItem):
            item.setStyle(tickFont=font)
        elif isinstance(item, pg.TextItem):
            item.setFont(font)
        elif isinstance(item, pg.LabelItem):
            item.item.setFont(font)


def line_height(font: QFont | None = None) -> int:
    return QFontMetrics(font or paper_font()).height()


def title_font() -> QFont:
    return paper_font(TITLE_POINTS)


def medication_title(figure: Any, kind: str | None) -> None:
    """The medication lane's key on paper, which marks only the days inside gaps of 2+ days (the summary
    carries gaps, not every missed day); as-needed doses are ticks, or bars where ``kind`` says so."""
    mark = "▮" if kind is not None else "|"
    figure.lanes["medications"].plot.setTitle(
        _("Medications: dose steps, {as_needed}, {missed}").format(
            as_needed=f"<span style='color:{LIGHT.as_needed}'>{mark} "
            + _("as needed or treatment")
            + "</span>",
            missed=f"<span style='color:{LIGHT.missed}'>× "
            + _("day in a gap of 2+ days without a dose logged as taken")
            + "</span>",
        ),
        color=LIGHT.foreground,
        size=f"{TITLE_POINTS}pt",
        justify="left",
    )


def compact_text(figure: Any) -> None:
    """Each lane's title one line of its type high (pyqtgraph's ``setTitle`` fixes 30 pixels, and its text item
    adds a margin of 4 above and below), and the labels without that margin, so that a row a line high holds a
    dose label and the pain lane's band above its scale is a line high (chart_labels.py)."""
    height = line_height(title_font()) + 2
    for lane in figure.lanes.values():
        lane.plot.titleLabel.item.document().setDocumentMargin(0)
        lane.plot.layout.setRowFixedHeight(0, height)
    pain = figure.lanes["pain"]
    labels = [*pain.labels, *(line.label for line in pain.dose_marks)]
    for row in figure.lanes["medications"].rows.values():
        labels += row.labels
    for label in labels:
        label.textItem.document().setDocumentMargin(0)
        label.updateTextPos()


def name_line(figure: Any) -> int:
    axis = figure.lanes["medications"].plot.getAxis("left")
    return line_height(axis.style.get("tickFont"))


def reserve_rows(figure: Any, rows: int) -> None:
    """The least height of each lane's plot area: a line per medication row; for pain and for mood and sleep,
    room for 0 and 10 a line apart (each label is centred on its value), and for pain its band of labels above
    that (chart_labels.py)."""
    line = name_line(figure)
    figure.lanes["medications"].plot.getViewBox().setMinimumHeight(rows * line + 2)
    for name in TICKS:
        band = line + 6 if name == "pain" else 0
        figure.lanes[name].plot.getViewBox().setMinimumHeight(line + 4 + band)


DATE_AXIS_PX = 20  # the height pyqtgraph gives the bottom axis at the tick font's size
MARGINS_PX = 8  # the layout's margins above and below (TrendFigure)


def least_height(figure: Any, rows: int) -> float:
    """The height the chart needs with ``rows`` medication rows: titles, plot areas, the date axis and a line
    of caption."""
    line = name_line(figure)
    titles = len(figure.lanes) * (line_height(title_font()) + 2)
    lanes = rows * line + 2 + 2 * (line + 4) + line + 6  # the pain lane's band of labels: line + 6
    return titles + lanes + DATE_AXIS_PX + MARGINS_PX + line_height(caption_font())


def has_treatments(data: TrendData) -> bool:
    return len(data.medications) > 1 and any(m.id == TREATMENTS_ID for m in data.medications)


def without_treatments(data: TrendData) -> TrendData:
    return replace(data, medications=[m for m in data.medications if m.id != TREATMENTS_ID])


def plot_px_per_day(width_px: int, days: int) -> float:
    """About how wide a day is in the plot area of a chart ``width_px`` wide (axis and margins taken off)."""
    return max(width_px - LEFT_AXIS_WIDTH - 16, 1) / max(days, 1)


def show_shares(figure: Any, full: TrendData, width_px: int) -> str | None:
    """Where a day is narrower than a tick, each row's as-needed doses and sessions as a bar per week or month
    (``full``: the data before thinning, so every dose counts); the kind of span used, or None."""
    kind = bin_kind(plot_px_per_day(width_px, (full.end - full.start).days + 1))
    if kind is None:
        return None
    periods = spans(full.start, full.end, kind)
    lane = figure.lanes["medications"]
    count = len(full.medications)
    drawn = False
    for index, series in enumerate(full.medications):
        row = lane.rows.get(series.id)
        if row is not None and len(series.as_needed_moments):
            row.set_shares(periods, shares(series.as_needed_moments, periods), float(count - 1 - index))
            drawn = True
    return kind if drawn else None


def caption_font() -> QFont:
    return paper_font(CAPTION_POINTS)


def caption_lines(kind: str | None, labels_left_out: bool, treatments_left_out: bool) -> list[str]:
    """What the chart summarised or left out, a few words each (run on in one line where they fit)."""
    lines = []
    if kind is not None:
        lines.append(
            _("▮ days with an as-needed dose or treatment, share per week")
            if kind == WEEK
            else _("▮ days with an as-needed dose or treatment, share per month")
        )
    if labels_left_out:
        lines.append(_("dose labels where there is room"))
    if treatments_left_out:
        lines.append(_("treatments: see “Other treatments”"))
    return lines


def packed(sentences: list[str], width: float) -> str:
    """The parts run on with " · ", a new line where the next would not fit ``width`` pixels in the caption's
    type."""
    metrics = QFontMetrics(caption_font())
    lines: list[str] = []
    for sentence in sentences:
        if lines and metrics.horizontalAdvance(lines[-1] + " · " + sentence) <= width:
            lines[-1] += " · " + sentence
        else:
            lines.append(sentence)
    return "<br>".join(lines)


def fit(widget: pg.GraphicsLayoutWidget, figure: Any, kind: str | None, treatments_left_out: bool) -> None:
    """After the chart is laid out: the 0–10 labels that have room, and the caption under the chart (which
    takes some of the height, so the labels are fitted again once it is in)."""
    fit_ticks(figure)
    lane = figure.lanes["medications"]
    sentences = caption_lines(kind, lane.labels_left_out, treatments_left_out)
    if not sentences:
        return
    width = widget.width() - LEFT_AXIS_WIDTH / 2
    label = widget.ci.addLabel(
        packed(sentences, width),
        row=len(figure.names),
        col=0,
        color=LIGHT.foreground,
        size=f"{CAPTION_POINTS}pt",
        justify="left",
    )
    label.item.setFont(paper_font())
    label.item.document().setDocumentMargin(0)
    narrowable(label)
    QApplication.processEvents()
    figure.refit()
    fit_ticks(figure)
    again = caption_lines(kind, lane.labels_left_out, treatments_left_out)
    if again != sentences:  # the caption took height from the rows, and a dose label with it
        label.setText(packed(again, width))
    no_smaller(widget, figure)


def no_smaller(widget: pg.GraphicsLayoutWidget, figure: Any) -> None:
    """A chart whose lanes need more than its height (page 1's lowest chart, 1.4 inches) is laid out that much
    larger in both directions, so that it prints a little smaller as a whole instead of running its labels
    into each other or losing its dates."""
    needed = widget.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
    if needed <= widget.height():
        return
    factor = needed / widget.height()
    widget.resize(round(widget.width() * factor), round(needed) + 1)
    QApplication.processEvents()
    figure.refit()
    fit_ticks(figure)


def ticks_fit(lane: Any, steps: tuple[int, ...]) -> None:
    """A 0–10 lane too low for its labels a line apart is labelled every 5 points, or at 0 and 10 only, instead
    of printing them over each other."""
    axis = lane.plot.getAxis("left")
    line = line_height(axis.style.get("tickFont"))
    low, high = lane.plot.getViewBox().viewRange()[1]
    pixels_per_point = lane.plot.getViewBox().height() / (high - low)
    for step in steps:
        if pixels_per_point * step >= line or step == steps[-1]:
            if step != steps[0]:
                lane.set_y(low, high, [(v, str(v)) for v in range(0, 11, step)])
            return


def fit_ticks(figure: Any) -> None:
    for name, steps in TICKS.items():
        if name in figure.lanes:
            ticks_fit(figure.lanes[name], steps)
