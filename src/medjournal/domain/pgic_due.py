"""A PGIC due near the end of a summary's period (docs/summary.md, "The impression of change before a visit").

The PGIC is asked 4, 8 and 12 weeks after a medication's start (domain/due.py). A summary is usually made just
before a visit, where the doctor wants the person's own impression of change: when one of these milestones falls
within 7 days of the period's end (or is still open on that day) and no PGIC about that medication was answered in
that span, the Summary view asks for it before the summary is read. Plain Python: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from medjournal.domain.due import DueQuestionnaire, MedicationStart
from medjournal.domain.records import QuestionnaireResult
from medjournal.i18n import ngettext, numeric_date

NEAR_DAYS = 7


def pgic_due_near_end(
    end: date,
    results: Iterable[QuestionnaireResult],
    starts: Sequence[MedicationStart],
    skipped_on: Mapping[str, date] | None = None,
    today: date | None = None,
) -> list[DueQuestionnaire]:
    """The PGICs to ask before a summary ending on ``end``: one per medication whose latest milestone within
    :data:`NEAR_DAYS` of ``end`` has no PGIC about it answered from that milestone (or from ``end`` − 7 days,
    whichever is earlier) to ``end``. A PGIC skipped on ``today`` is not asked again that day.

    >>> start = MedicationStart(1, "Duloxetine", date(2026, 1, 19))
    >>> [d.reason for d in pgic_due_near_end(date(2026, 3, 12), [], [start])]
    ['8 weeks after starting Duloxetine (from 2026-03-16)']
    """
    answers = [r for r in results if r.instrument == "pgic"]
    skipped = skipped_on or {}
    found: list[DueQuestionnaire] = []
    for start in starts:
        milestones = {
            milestone
            for offset in range(-NEAR_DAYS, NEAR_DAYS + 1)
            if (milestone := start.pgic_milestone(end + timedelta(days=offset))) is not None
        }
        if not milestones:
            continue
        weeks, first = max(milestones, key=lambda m: m[1])
        since = min(first, end - timedelta(days=NEAR_DAYS))
        if any(r.medication_id == start.medication_id and since <= r.day <= end for r in answers):
            continue
        if first > end:  # the same words as domain/due.py's reason, with the day the milestone opens
            reason = ngettext(
                "{n} week after starting {name} (from {day})",
                "{n} weeks after starting {name} (from {day})",
                weeks,
            ).format(n=weeks, name=start.name, day=numeric_date(first))
        else:
            reason = ngettext(
                "{n} week after starting {name}", "{n} weeks after starting {name}", weeks
            ).format(n=weeks, name=start.name)
        item = DueQuestionnaire("pgic", reason, start)
        if today is None or skipped.get(item.skip_key) != today:
            found.append(item)
    return found
