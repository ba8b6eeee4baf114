"""A PGIC due near the end of a summary's period (docs/summary.md, "The impression of change before a visit").

The PGIC is asked 4, 8 and 12 weeks after a medication's start (domain/due.py). A summary is usually made just
before a visit, where the doctor wants the person's own impression of change: when one of these milestones falls
within 7 days of the period's end (or is still open on that day) and no PGIC about that medication was answered in
that span, the Summary view asks for it before the summary is read. Plain Python: no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from medjournal.domain.due import DueQuestionnaire, MedicationStart, milestone_reason
from medjournal.domain.records import QuestionnaireResult

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

    Each carries the day its milestone opens (``opens``), which may come after ``end``: the words for when it is
    due are the reader's (ui/summary/summary_pgic.py), never folded into ``reason``.

    >>> start = MedicationStart(1, "Duloxetine", date(2026, 1, 19))
    >>> [(d.reason, d.opens) for d in pgic_due_near_end(date(2026, 3, 12), [], [start])]
    [('8 weeks after starting Duloxetine', datetime.date(2026, 3, 16))]
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
        item = DueQuestionnaire("pgic", milestone_reason(weeks, start.name), start, first)
        if today is None or skipped.get(item.skip_key) != today:
            found.append(item)
    return found
