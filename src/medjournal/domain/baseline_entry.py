"""Whether a baseline was written down at the time or afterwards (docs/data-safety.md, *Names, far dates and the
summary's period*).

A before/after comparison trusts the "before" ratings. Ratings typed in all at once later, from memory, are less
reliable than ratings made on their day, so the summary says when most of a baseline's rated days were entered
on a later day: "baseline entered on 2026-03-01 for the 14 days before" (in the language in use, its day by
:func:`medjournal.i18n.numeric_date`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from medjournal.domain.records import CheckIn
from medjournal.i18n import ngettext, numeric_date


def baseline_entered_later(checkins: Iterable[CheckIn], start: date, end: date) -> str | None:
    """A note when more than half of the rated days from ``start`` to ``end`` were entered on a later day;
    names the day most of them were entered on and how many days it covered. None otherwise."""
    days: dict[date, str] = {}
    for checkin in checkins:
        if checkin.pain is None or not start <= checkin.day <= end or not checkin.recorded_at:
            continue
        entered = checkin.recorded_at[:10]
        # A day counts as entered later only if none of its ratings was made on the day itself.
        if checkin.day not in days or entered < days[checkin.day]:
            days[checkin.day] = entered
    later = {day: entered for day, entered in days.items() if entered > day.isoformat()}
    if not days or len(later) * 2 <= len(days):
        return None
    entered_on, covered = Counter(later.values()).most_common(1)[0]
    note = ngettext(
        "baseline entered on {day} for the {n} day before",
        "baseline entered on {day} for the {n} days before",
        covered,
    ).format(day=numeric_date(date.fromisoformat(entered_on)), n=covered)
    if covered < len(later):
        note += " " + ngettext(
            "({later} of its {n} rated day were entered later)",
            "({later} of its {n} rated days were entered later)",
            len(days),
        ).format(later=len(later), n=len(days))
    return note
