"""The Trends lane of the person's own activities (docs/trends.md): each activity's weekly ratings, 0 can't do –
10 able to do as before, higher = better, one colour and mark per activity, named in the lane's title."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from medjournal.domain.activities import HIGH, LOW
from medjournal.i18n import N_, _
from medjournal.report.charts.chart_items import Lane, x_of
from medjournal.report.charts.chart_style import ChartStyle, tinted
from medjournal.report.trends.trend_data import ActivitySeries

SYMBOLS = ("o", "t1", "s")
MARKS = ("●", "▲", "■")
TITLE = N_("Own activities, {low} can't do – {high} as before (higher = better)")  # translated where drawn


def title() -> str:
    """The lane's title in the language in use."""
    return _(TITLE).format(low=LOW, high=HIGH)


def colours(style: ChartStyle) -> list[str]:
    """Colours already checked for contrast on the style's background (those of the mood, sleep and PEG marks)."""
    return [style.mood, style.sleep, style.questionnaires.get("peg", style.foreground)]


class ActivityLane(Lane):
    def __init__(
        self, layout: pg.GraphicsLayout, row: int, style: ChartStyle, show_dates: bool = False
    ) -> None:
        super().__init__(layout, row, style, title(), show_dates)
        self.set_y(LOW - 0.3, HIGH + 0.3, [(v, str(v)) for v in (0, 5, 10)])
        self.items: list[pg.PlotDataItem] = []

    def set_series(self, series: Sequence[ActivitySeries]) -> None:
        for item in self.items:
            self.plot.removeItem(item)
        self.items = []
        palette = colours(self.style)
        names = []
        for index, one in enumerate(series):
            colour = palette[index % len(palette)]
            item = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=1),
                symbol=SYMBOLS[index % len(SYMBOLS)],
                symbolSize=7,
                symbolPen=None,
                symbolBrush=pg.mkBrush(colour),
            )
            item.setClipToView(True)
            self.plot.addItem(item)
            item.setData(x_of(one.days), one.ratings)
            self.items.append(item)
            names.append(tinted(colour, f"{MARKS[index % len(MARKS)]} {_escape(one.name)}"))
        self.title = (
            _("{title}: {activities}").format(title=title(), activities=" ".join(names))
            if names
            else _("{title}: none rated in these days").format(title=title())
        )
        self.plot.setTitle(self.title, color=self.style.foreground, size="10pt", justify="left")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
