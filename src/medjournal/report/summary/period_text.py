"""The summary's period in the window's words: the Summary view's "Showing …" line and the Trends panel.

``Period.basis`` is the sentence the summary's JSON carries, in the summary's language; the window builds its own
sentence from the period's kind and dates (docs/translating.md, "Dates, times and numbers in the window").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from medjournal.i18n import _, format_date, ngettext
from medjournal.report.summary.summary import PeriodKind

if TYPE_CHECKING:
    from medjournal.report.summary.summary import Period


def _day(day: date) -> str:
    # Translators: a CLDR date pattern (day, month, year): "15 Mar 2026".
    return format_date(day, _("d MMM y"))


def describe_period(period: Period) -> str:
    """What the period is: "since the last visit on 1 Mar 2026", "the last 90 days", "chosen dates"."""
    if period.last_visit is not None:
        return _("since the last visit on {day}").format(day=_day(period.last_visit))
    if period.kind is PeriodKind.CHOSEN:
        return _("chosen dates")
    return ngettext("the last {n} day", "the last {n} days", period.days).format(n=period.days)


def period_sentence(period: Period, today: date) -> str:
    """The Summary view's line: the period, its length, and a visit on the last day that starts the next one."""
    what = describe_period(period)
    if period.kind is PeriodKind.LAST_DAYS:
        text = _("Showing {basis}.").format(basis=what)
    else:
        text = ngettext("Showing {basis} ({n} day).", "Showing {basis} ({n} days).", period.days).format(
            basis=what, n=period.days
        )
    visit = period.visit_on_end_day
    if visit is not None:
        next_day = _day(visit + timedelta(days=1))
        if visit == today:
            later = _("The visit today starts the next summary from {day}.").format(day=next_day)
        else:
            later = _("The visit on {visit} starts the next summary from {day}.").format(
                visit=_day(visit), day=next_day
            )
        text += " " + later
    return text
