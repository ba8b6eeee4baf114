"""The Trends lane of the optional measures (docs/clinical.md §6.7): weight and blood pressure as lines with their
points, drinks a week as bars, on one axis of plain numbers whose unit each name in the title gives."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from medjournal.domain import measures
from medjournal.i18n import _, format_decimal
from medjournal.report.charts.chart_items import DAY, Lane, x_of
from medjournal.report.charts.chart_style import ChartStyle
from medjournal.report.trends.trend_measures import MeasureSeries


def colours(style: ChartStyle) -> dict[str, str]:
    """The measures take three of the questionnaire lane's colour-blind-safe colours."""
    return {
        "weight": style.questionnaires["peg"],
        "pressure": style.questionnaires["phq9"],
        "drinks": style.questionnaires["gad2"],
    }


class MeasuresLane(Lane):
    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        self.colours = colours(style)
        self.unit = "kg"
        super().__init__(layout, row, style, self._title(), show_dates)
        self.weight = self._line_item(self.colours["weight"], Qt.PenStyle.SolidLine, "o")
        self.upper = self._line_item(self.colours["pressure"], Qt.PenStyle.SolidLine, "t1")
        self.lower = self._line_item(self.colours["pressure"], Qt.PenStyle.DashLine, "t")
        self.drinks = pg.BarGraphItem(
            x=[], height=[], width=5 * DAY, brush=pg.mkBrush(self.colours["drinks"]), pen=None
        )
        self.plot.addItem(self.drinks)
        self.counts: list[pg.TextItem] = []
        self.set_y(0, 100)

    def _title(self) -> str:
        c = self.colours
        return _(
            "Measures: <span style='color:{w}'>● weight ({unit})</span> · <span style='color:{p}'>▲ ▼ blood "
            "pressure, upper and lower (mmHg)</span> · <span style='color:{d}'>▮ drinks a week</span>"
        ).format(w=c["weight"], p=c["pressure"], d=c["drinks"], unit=self.unit)

    def _line_item(self, colour: str, pen_style: Qt.PenStyle, symbol: str) -> pg.PlotDataItem:
        item = pg.PlotDataItem(
            pen=pg.mkPen(colour, width=1.5, style=pen_style),
            symbol=symbol,
            symbolSize=6,
            symbolPen=None,
            symbolBrush=pg.mkBrush(colour),
            connect="finite",
        )
        item.setClipToView(True)
        self.plot.addItem(item)
        return item

    def set_series(self, series: MeasureSeries) -> None:
        if series.unit != self.unit:
            self.unit = series.unit
            self.title = self._title()
            self.plot.setTitle(self.title, color=self.style.foreground, justify="left")
        weights = series.weight_kg / measures.KG_PER_LB if self.unit == "lb" else series.weight_kg
        self.weight.setData(x_of(series.weight_days) + DAY / 2, weights)
        self.upper.setData(x_of(series.pressure_days) + DAY / 2, series.systolic)
        self.lower.setData(x_of(series.pressure_days) + DAY / 2, series.diastolic)
        self.drinks.setOpts(x=x_of(series.alcohol_days) + DAY / 2, height=series.drinks, width=5 * DAY)
        shown = [a for a in (weights, series.systolic, series.drinks) if len(a)]
        top = float(np.nanmax(np.concatenate(shown))) if shown else 100.0
        top = max(10.0, top * 1.12)
        self.plot.setLimits(yMin=0, yMax=top)  # the limits first: the range is clamped to the old ones
        self.set_y(0, top)
        # Drinks are small next to a weight or a pressure on the same axis: each bar says its count.
        for label in self.counts:
            self.plot.removeItem(label)
        self.counts = []
        for day, drinks in zip(series.alcohol_days, series.drinks, strict=True):
            x = float(x_of(float(day))) + DAY / 2
            label = pg.TextItem(
                format_decimal(float(drinks), 1), color=self.colours["drinks"], anchor=(0.5, 1.0)
            )
            label.setPos(x, float(drinks) + top * 0.01)
            self.plot.addItem(label, ignoreBounds=True)
            self.counts.append(label)
        self._show_counts()

    def _show_counts(self) -> None:
        for label in self.counts:
            label.setVisible(not self.dense)

    def set_density(self, px_per_day: float) -> None:
        super().set_density(px_per_day)
        self._show_counts()
