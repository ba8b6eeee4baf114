"""Which questionnaires are due on a day (docs/clinical.md §2). Plain Python: no Qt, no SQL.

- PEG weekly: due when never answered or the last answer is 7 or more days old.
- PHQ-2 and GAD-2 every two weeks: due when never answered or the last answer is 14 or more days old.
- PGIC at 4, 8 and 12 weeks after a medication's start: each milestone is due from its day until it is
  answered (a PGIC about that medication on or after the milestone day) or the next milestone comes; the
  12-week one stays due for 14 days.
- A questionnaire skipped on a day is not due again that day.
- At most one questionnaire a day (docs/today.md, "A gentle first day"): the first due in the order PEG, PHQ-2,
  GAD-2, then PGIC, and none more on a day one was already answered or skipped. A new journal therefore starts
  with the PEG alone, and the others follow on the next days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from medjournal.domain.instruments import INSTRUMENTS, PGIC_WEEKS, SUMMARY_ORDER
from medjournal.domain.records import QuestionnaireResult
from medjournal.i18n import _, ngettext

# The questionnaires offered again after their cadence (PEG, PHQ-2, GAD-2), in the order they are offered:
# taken from the instruments' own data, so a new periodic instrument is offered without a change here.
PERIODIC = tuple(key for key in SUMMARY_ORDER if INSTRUMENTS[key].cadence_days is not None)
LAST_PGIC_GRACE = timedelta(days=14)


@dataclass(frozen=True)
class MedicationStart:
    """A medication the PGIC asks about, and the day its course began."""

    medication_id: int
    name: str
    started: date

    def pgic_milestone(self, day: date) -> tuple[int, date] | None:
        """The PGIC milestone (weeks, first day) that ``day`` falls in."""
        for position, weeks in enumerate(PGIC_WEEKS):
            first = self.started + timedelta(weeks=weeks)
            if position + 1 < len(PGIC_WEEKS):
                until = self.started + timedelta(weeks=PGIC_WEEKS[position + 1])
            else:
                until = first + LAST_PGIC_GRACE
            if first <= day < until:
                return weeks, first
        return None


@dataclass(frozen=True)
class DueQuestionnaire:
    """A questionnaire to offer, why now, and for the PGIC the medication it asks about."""

    instrument: str
    reason: str  # one line for the card: "weekly", "4 weeks after starting Duloxetine", ...
    medication: MedicationStart | None = None
    opens: date | None = None  # a PGIC: the first day of its milestone (may be after the day asked about)

    @property
    def medication_id(self) -> int | None:
        return self.medication.medication_id if self.medication is not None else None

    @property
    def medication_name(self) -> str:
        return self.medication.name if self.medication is not None else ""

    @property
    def started(self) -> date | None:
        return self.medication.started if self.medication is not None else None

    @property
    def skip_key(self) -> str:
        """The key under which a skip of this questionnaire is remembered for the day."""
        return self.instrument if self.medication_id is None else f"{self.instrument}:{self.medication_id}"


def questionnaires_due(
    day: date,
    results: Iterable[QuestionnaireResult],
    starts: Sequence[MedicationStart] = (),
    skipped_on: Mapping[str, date] | None = None,
    *,
    one_a_day: bool = True,
) -> list[DueQuestionnaire]:
    """The questionnaire due on ``day`` (a list of at most one): periodic ones first (PEG, PHQ-2, GAD-2), then
    PGIC per medication. ``one_a_day=False``: every questionnaire whose time has come, before that limit.

    >>> [d.instrument for d in questionnaires_due(date(2026, 3, 15), [])]
    ['peg']
    >>> [d.instrument for d in questionnaires_due(date(2026, 3, 15), [], one_a_day=False)]
    ['peg', 'phq2', 'gad2']
    """
    results = list(results)
    skipped = skipped_on or {}
    done = [r for r in results if r.day <= day]
    every = [
        item
        for item in (*_periodic_due(day, done), *_pgic_due(day, done, starts))
        if skipped.get(item.skip_key) != day
    ]
    if not one_a_day:
        return every
    answered_today = any(r.day == day for r in results)
    skipped_today = any(when == day for when in skipped.values())
    return [] if answered_today or skipped_today else every[:1]


def _periodic_due(day: date, done: Sequence[QuestionnaireResult]) -> Iterable[DueQuestionnaire]:
    """The periodic questionnaires whose cadence has passed since their last answer up to ``day``."""
    for key in PERIODIC:
        cadence = INSTRUMENTS[key].cadence_days
        assert cadence is not None
        last = max((r.day for r in done if r.instrument == key), default=None)
        if last is not None and (day - last).days < cadence:
            continue
        weeks_apart = cadence // 7
        reason = _("weekly") if cadence == 7 else ngettext("every {n} week", "every {n} weeks", weeks_apart)
        yield DueQuestionnaire(key, reason.format(n=weeks_apart))


def _pgic_due(
    day: date, done: Sequence[QuestionnaireResult], starts: Sequence[MedicationStart]
) -> Iterable[DueQuestionnaire]:
    """A PGIC for each medication whose milestone ``day`` falls in has no PGIC answered since that milestone."""
    for start in starts:
        milestone = start.pgic_milestone(day)
        if milestone is None:
            continue
        weeks, since = milestone
        if any(
            r.instrument == "pgic" and r.medication_id == start.medication_id and r.day >= since for r in done
        ):
            continue
        yield DueQuestionnaire("pgic", milestone_reason(weeks, start.name), start, since)


def milestone_reason(weeks: int, name: str) -> str:
    """The card's line for a PGIC milestone: "8 weeks after starting Duloxetine"."""
    return ngettext("{n} week after starting {name}", "{n} weeks after starting {name}", weeks).format(
        n=weeks, name=name
    )
