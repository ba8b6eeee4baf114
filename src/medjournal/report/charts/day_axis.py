"""A date axis in calendar steps (days, Mondays, months, years) whose labels never overlap.

pyqtgraph's DateAxisItem mixes month and day ticks at some zoom levels ("Jan" drawn over "02"); a journal only
needs whole days, so this axis picks one calendar step that leaves room for its labels, measured in the tick font
(docs/trends.md, "Readable axes").
"""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from medjournal.i18n import SOURCE_LANGUAGE, formatting_locale, language

DAY = 86400.0
EPOCH = date(1970, 1, 1).toordinal()
LABEL_PX = {"day": 52, "month": 64, "year": 44}  # room each kind of label needs
# (kind, step): days as a count, months as a count of months, years as a count of years.
STEPS = (
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("day", 14),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
)
SPAN = {"day": 1.0, "month": 30.44, "year": 365.25}


def _x(day: date) -> float:
    return float(day.toordinal() - EPOCH) * DAY


class DayAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self.kind = "day"
        self.widths: dict[tuple[str, str, str], float] = {}
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        days = max((maxVal - minVal) / DAY, 1e-6)
        px_per_day = size / days
        kind, step = STEPS[-1]
        for kind, step in STEPS:
            if SPAN[kind] * step * px_per_day >= self.label_px(kind):
                break
        self.kind = kind
        first = date.fromordinal(int(minVal // DAY) + EPOCH)
        last = date.fromordinal(int(maxVal // DAY) + EPOCH)
        values: list[float] = []
        if kind == "day":
            ordinal = first.toordinal()
            if step >= 7:
                ordinal += (1 - ordinal) % 7  # Mondays (ordinal 1 is a Monday)
                if step == 14 and ((ordinal - 1) // 7) % 2:
                    ordinal += 7
            else:
                ordinal += ordinal % step  # stable ticks while panning
            while ordinal <= last.toordinal():
                values.append(float(ordinal - EPOCH) * DAY)
                ordinal += step
        elif kind == "month":
            month = first.year * 12 + first.month - 1
            while True:
                month += (-month) % step
                day = date(month // 12, month % 12 + 1, 1)
                if day > last:
                    break
                if day >= first:
                    values.append(_x(day))
                month += step
        else:
            year = first.year + (-first.year) % step
            while year <= last.year:
                if date(year, 1, 1) >= first:
                    values.append(_x(date(year, 1, 1)))
                year += step
        return [(SPAN[kind] * step * DAY, values)]

    def label_px(self, kind: str) -> float:
        """The room one label of ``kind`` needs: its widest text in the tick font and language, and an em of
        space (a 16 pt font or German month names are wider than the fixed minimum, and the labels overlapped)."""
        font = self.style.get("tickFont") or self.font()
        key = (kind, font.key(), language())
        if key not in self.widths:
            metrics = QFontMetricsF(font)
            widest = max(metrics.horizontalAdvance(text) for text in _samples(kind))
            self.widths[key] = max(float(LABEL_PX[kind]), widest + metrics.horizontalAdvance("M"))
        return self.widths[key]

    def tickStrings(self, values: list[float], _scale: float, _spacing: float) -> list[str]:
        labels = []
        for i, value in enumerate(values):
            day = date.fromordinal(int(value // DAY) + EPOCH)
            if self.kind == "day":
                labels.append(_month_day(day))
            elif self.kind == "month":
                labels.append(_month(day, with_year=i == 0 or day.month == 1))
            else:
                labels.append(str(day.year))
        return labels


def _samples(kind: str) -> list[str]:
    """A label of ``kind`` for every month of a year (the widest month name is among them)."""
    if kind == "day":
        return [_month_day(date(2026, month, 28)) for month in range(1, 13)]
    if kind == "month":
        return [_month(date(2026, month, 1), with_year=True) for month in range(1, 13)]
    return ["2026"]


def _month_day(day: date) -> str:
    """ "14 Sep" in English, "14. Sept." in German: the locale's day and abbreviated month, never the C library's."""
    if language() == SOURCE_LANGUAGE:
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]}"
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=formatting_locale())


def _month(day: date, with_year: bool) -> str:
    if language() == SOURCE_LANGUAGE:
        month = ENGLISH_MONTHS[day.month - 1]
        return f"{month} {day.year}" if with_year else month
    from babel.dates import format_skeleton

    return format_skeleton("yMMM" if with_year else "MMM", day, locale=formatting_locale())


# The axis read "%b" from the C library before: English abbreviations whatever the locale; kept for English.
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
