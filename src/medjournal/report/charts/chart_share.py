"""As-needed doses and treatment sessions of a long period, drawn as the share of days with one per week or month
(docs/summary.md, *The chart of a long period*).

Over 20 years a day is a third of a pixel wide: a tick per dose (12,500 of them) or per session merged into a solid
band, which says only "often". A bar per week (about a year) or per calendar month (longer) as high as the share
of its days with a dose says how often, and when that changed.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

TICK_PX = 4.0  # a day narrower than this cannot show its own tick apart from the next day's
WEEK = "week"
MONTH = "month"


def bin_kind(px_per_day: float) -> str | None:
    """None while each day has room for its own tick; then weeks while a week is that wide; then months."""
    if px_per_day >= TICK_PX:
        return None
    if 7 * px_per_day >= TICK_PX:
        return WEEK
    return MONTH


def spans(first: date, last: date, kind: str) -> list[tuple[date, date]]:
    """The weeks counted from ``first``, or the calendar months, from ``first`` to ``last`` (both inclusive),
    the first and last cut to the period.

    >>> spans(date(2026, 1, 20), date(2026, 3, 3), MONTH)[0], len(spans(date(2026, 1, 20), date(2026, 3, 3), MONTH))
    ((datetime.date(2026, 1, 20), datetime.date(2026, 1, 31)), 3)
    """
    result = []
    start = first
    while start <= last:
        if kind == WEEK:
            following = start + timedelta(days=7)
        else:
            following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(following - timedelta(days=1), last)
        result.append((start, end))
        start = following
    return result


def shares(moments: np.ndarray, periods: list[tuple[date, date]]) -> np.ndarray:
    """For each span, the share (0–1) of its days with at least one of ``moments`` (fractional day ordinals).

    >>> shares(np.array([738000.3, 738000.9, 738002.5]), [(date.fromordinal(738000), date.fromordinal(738003))])
    array([0.5])
    """
    days = np.unique(np.floor(np.asarray(moments, dtype=float)))
    result = np.zeros(len(periods))
    for index, (first, last) in enumerate(periods):
        low, high = np.searchsorted(days, [first.toordinal(), last.toordinal() + 1])
        result[index] = (high - low) / ((last - first).days + 1)
    return result
