"""The before/after comparison of one medication (docs/clinical.md §5), built the same way for the Trends view and
the doctor summary: the same windows, the same rule for a start too old to compare, the same measures.

Pain is always compared; mood, sleep and PEG are compared when either window holds a rating of theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from medjournal.domain.records import CheckIn, Medication, QuestionnaireResult, Regimen, SideEffect
from medjournal.domain.response import (
    RECENT_START_DAYS,
    WINDOW_DAYS,
    ComparisonSpan,
    Response,
    evaluated_start,
    peg_item_responses,
    peg_response_for,
    response_for,
)
from medjournal.storage.journal import Journal

DAILY_MEASURES = ("mood", "sleep")  # compared besides pain, from the same check-ins
E = TypeVar("E", CheckIn, QuestionnaireResult, SideEffect)


def recent_from(period_start: date) -> date:
    """The earliest start that still has a baseline worth comparing: the year before the period (docs/methods.md,
    "Medications started long ago")."""
    return period_start - timedelta(days=RECENT_START_DAYS)


def current_window(end: date) -> tuple[date, date]:
    """The last ``WINDOW_DAYS`` days up to ``end``."""
    return end - timedelta(days=WINDOW_DAYS - 1), end


def baseline_window(steps: Sequence[Regimen], end: date, earliest: date) -> tuple[date, date] | None:
    """The ``WINDOW_DAYS`` days before the evaluated start, or None when there is no start on or before ``end``
    or it lies before ``earliest`` (:func:`recent_from`)."""
    started = evaluated_start(steps, end)
    if started is None or started < earliest:
        return None
    return started - timedelta(days=WINDOW_DAYS), started - timedelta(days=1)


def merge_entries(*groups: Iterable[E]) -> list[E]:
    """Entries read for overlapping ranges, each once, by day."""
    seen: dict[int, E] = {}
    for group in groups:
        for entry in group:
            seen.setdefault(entry.id, entry)
    return sorted(seen.values(), key=lambda entry: (entry.day, entry.id))


def responses_for(
    medication: Medication,
    steps: Sequence[Regimen],
    checkins: Sequence[CheckIn],
    pegs: Sequence[QuestionnaireResult],
    end: date,
    earliest: date,
    journal_start: date | None = None,
) -> dict[str, Response]:
    """``{"pain": …}``, then mood, sleep and PEG (with its three items) where a window holds a rating.
    ``checkins`` and ``pegs`` must cover :func:`current_window` and :func:`baseline_window` (more does no harm);
    ``journal_start``: the journal's first day with any entry (:func:`journal_start`)."""
    span = ComparisonSpan(medication, steps, end, earliest, journal_start)
    responses = {"pain": response_for(span, checkins, "pain")}
    for measure in DAILY_MEASURES:
        response = response_for(span, checkins, measure)
        if response.baseline_days or response.current_days:
            responses[measure] = response
    peg = peg_response_for(span, pegs)
    if peg.baseline_days or peg.current_days:
        responses["peg"] = peg
        responses.update(peg_item_responses(span, pegs))
    return responses


def journal_start(journal: Journal) -> date | None:
    """The first day with any entry: a medication started on or before it has no recorded days before its
    start, so no before/after comparison is possible (docs/summary.md, "Started before the journal began")."""
    span = journal.date_span()
    return span[0] if span is not None else None


def compare_medication(
    journal: Journal, medication: Medication, steps: Sequence[Regimen], end: date, earliest: date
) -> dict[str, Response]:
    """:func:`responses_for`, reading only the two windows' check-ins and PEG results (however long the journal)."""
    spans = [current_window(end)]
    baseline = baseline_window(steps, end, earliest)
    if baseline is not None:
        spans.append(baseline)
    checkins = merge_entries(*(journal.checkins(first, last) for first, last in spans))
    pegs = merge_entries(*(journal.questionnaires(first, last, instrument="peg") for first, last in spans))
    return responses_for(medication, steps, checkins, pegs, end, earliest, journal_start(journal))
