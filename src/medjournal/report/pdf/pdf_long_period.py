"""The later pages of a summary longer than a year (docs/summary.md, "A period longer than a year").

A summary of 20 years listed every day and every side-effect entry: some 380 pages that took most of a minute to
lay out and that nobody reads day by day. For a period longer than ``LONG_PERIOD_DAYS``, the later pages keep the
last ``RECENT_DAYS`` days as they are (the daily log and every side-effect entry) and give the months before them
one row each: the days with an entry, the mean of the daily means of pain, mood and sleep, the doses, and the
side effects by symptom with how many entries. Notes stay whole (the notes table lists every note of the period),
and the summary's JSON keeps every day and every entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from medjournal.i18n import _, ngettext
from medjournal.report.pdf.pdf_first_page import BOX_BACKGROUND, LONG_PERIOD_DAYS, MUTED, heading
from medjournal.report.pdf.pdf_later_pages import DayRow
from medjournal.report.pdf.pdf_layout import data_table
from medjournal.report.pdf.pdf_text import DASH, h, number
from medjournal.report.summary.summary_types import SideEffectEntryDoc

RECENT_DAYS = 365


def recent_from(period: tuple[date, date] | None) -> date | None:
    """The first day listed day by day, or None when the whole period is (a year or less)."""
    if period is None or (period[1] - period[0]).days + 1 <= LONG_PERIOD_DAYS:
        return None
    return period[1] - timedelta(days=RECENT_DAYS - 1)


@dataclass
class MonthRow:
    month: date  # its first day
    days: int = 0  # days with any entry
    pain: list[float] = field(default_factory=list)  # the daily means of the rated days
    mood: list[float] = field(default_factory=list)
    sleep: list[float] = field(default_factory=list)
    taken: int = 0
    scheduled: int = 0
    skipped: int = 0
    extra: int = 0
    effects: Counter[str] = field(default_factory=Counter)


def month_rows(rows: Sequence[DayRow], effects: Sequence[SideEffectEntryDoc], before: date) -> list[MonthRow]:
    """The days before ``before`` gathered by calendar month, oldest first."""
    months: dict[date, MonthRow] = {}
    for row in rows:
        if row.day >= before:
            continue
        month = months.setdefault(row.day.replace(day=1), MonthRow(row.day.replace(day=1)))
        month.days += 1
        for values, value in ((month.pain, row.pain), (month.mood, row.mood), (month.sleep, row.sleep)):
            if value is not None:
                values.append(value)
        month.taken += row.taken
        month.scheduled += row.scheduled
        month.skipped += row.skipped
        month.extra += row.extra
    for entry in effects:
        day = date.fromisoformat(entry["date"])
        if day < before:
            first = day.replace(day=1)
            months.setdefault(first, MonthRow(first)).effects[entry["label"] or entry["name"]] += 1
    return [months[key] for key in sorted(months)]


def _mean(values: list[float]) -> str:
    return number(sum(values) / len(values)) if values else DASH


def monthly_heading_html(first: date, last: date) -> str:
    note = _(
        "one row a month for the days before the last {days} days: the mean of the daily means, the days rated "
        "in brackets; every day is in the summary's JSON"
    ).format(days=RECENT_DAYS)
    return heading(_("Monthly log {first} {dash} {last}").format(first=first, dash=DASH, last=last), note)


def monthly_table_html(months: Sequence[MonthRow]) -> str:
    head = (
        f'<tr bgcolor="{BOX_BACKGROUND}"><th width="12%" align="left">{h(_("Month"))}</th>'
        f'<th width="9%" align="right">{h(_("Days"))}</th>'
        f'<th width="12%" align="right">{h(_("Pain"))}</th><th width="12%" align="right">{h(_("Mood"))}</th>'
        f'<th width="12%" align="right">{h(_("Sleep"))}</th>'
        f'<th width="18%" align="right">{h(_("Doses taken"))}</th>'
        f'<th width="25%" align="left">{h(_("Side effects (entries)"))}</th></tr>'
    )
    body = []
    for index, month in enumerate(months):
        shade = ' bgcolor="#f3f3f3"' if index % 2 else ""
        doses = [_("{taken} of {scheduled}").format(taken=month.taken, scheduled=month.scheduled)]
        if month.skipped:
            doses.append(_("{n} skipped").format(n=month.skipped))
        if month.extra:
            doses.append(_("+{n} as needed").format(n=month.extra))
        effects = ", ".join(f"{name} {count}" for name, count in sorted(month.effects.items()))
        cells = [
            f"<td>{month.month:%Y-%m}</td>",
            f"<td align='right'>{month.days}</td>",
            *(
                f"<td align='right'>{_mean(values)} <span style='color:{MUTED}'>({len(values)})</span></td>"
                for values in (month.pain, month.mood, month.sleep)
            ),
            f"<td align='right'>{h(', '.join(doses))}</td>",
            f"<td>{h(effects)}</td>",
        ]
        body.append(f"<tr{shade}>{''.join(cells)}</tr>")
    return data_table(head, body)


def recent_side_effects_title(total: int, shown: int) -> str:
    earlier = total - shown
    return ngettext(
        "Side effects: every entry of the last {days} days ({n} earlier entry is counted in the monthly log)",
        "Side effects: every entry of the last {days} days ({n} earlier entries are counted in the monthly log)",
        earlier,
    ).format(days=RECENT_DAYS, n=earlier)
