"""The person's own activities before → now in the "Is it working?" result (docs/clinical.md §2.2 and §5.8), for
the summary's data, its JSON, page 1 and the command line's words: one reading, one wording.

Each medication under evaluation gets every activity (retired ones too) with a rating in its baseline window or
in the last 14 days, compared in those windows (:func:`medjournal.domain.activities.activity_responses`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from medjournal.domain.activities import (
    HIGH,
    HIGH_ANCHOR,
    LOW,
    LOW_ANCHOR,
    ActivityResponse,
    activity_responses,
)
from medjournal.domain.records import Medication, Regimen
from medjournal.domain.response import WINDOW_DAYS, ComparisonSpan
from medjournal.domain.series import round_half_up
from medjournal.i18n import _, format_decimal
from medjournal.report.summary.comparison import baseline_window, current_window
from medjournal.report.summary.summary_types import ActivityDoc, MedicationDoc

if TYPE_CHECKING:
    from medjournal.report.summary.summary import MedicationSummary
    from medjournal.storage.journal import Journal

TITLE = f"Own activities ({LOW} {LOW_ANCHOR} – {HIGH} {HIGH_ANCHOR}, higher = better), before → now"


def _title() -> str:
    """The line's heading in the current language (the JSON keeps :data:`TITLE`'s English). The scale's
    anchors are written out so that a translation can word them briefly: page 1 has little room."""
    return _(
        "Own activities ({low} can't do – {high} able to do as before, higher = better), before → now"
    ).format(low=LOW, high=HIGH)


def with_activities(
    journal: Journal, summaries: Sequence[MedicationSummary], last: date, earliest: date
) -> list[MedicationSummary]:
    """Each medication under evaluation with its activities before → now; the others unchanged."""
    if not journal.activities(include_retired=True):
        return list(summaries)
    return [
        replace(
            summary, activities=compare_activities(journal, summary.medication, summary.steps, last, earliest)
        )
        if summary.under_evaluation
        else summary
        for summary in summaries
    ]


def compare_activities(
    journal: Journal, medication: Medication, steps: Sequence[Regimen], last: date, earliest: date
) -> tuple[ActivityResponse, ...]:
    """Every activity (retired ones too) rated in the medication's baseline window or the last 14 days up to
    ``last``, compared there: the summary and the Trends view both ask this."""
    every = journal.activities(include_retired=True)
    if not every:
        return ()
    ratings = journal.activity_ratings(*current_window(last))
    baseline = baseline_window(steps, last, earliest)
    if baseline is not None:
        seen = {r.id for r in ratings}
        ratings += [r for r in journal.activity_ratings(*baseline) if r.id not in seen]
    return activity_responses(every, ratings, ComparisonSpan(medication, steps, last, earliest))


def _mean(value: Any) -> float | None:
    return round_half_up(value, 1)


def activity_json(item: ActivityResponse) -> ActivityDoc:
    """One activity's comparison for ``report --json`` (means to one decimal, from the exact values)."""
    response = item.response
    baseline, current = response.baseline, response.current
    data: ActivityDoc = {
        "name": item.activity.name,
        "asked": item.activity.active,
        "baseline_start": baseline.start.isoformat() if baseline else None,
        "baseline_end": baseline.end.isoformat() if baseline else None,
        "baseline_mean": _mean(baseline.exact_mean) if baseline and baseline.valid else None,
        "baseline_days": response.baseline_days,
        "current_start": current.start.isoformat() if current else None,
        "current_end": current.end.isoformat() if current else None,
        "current_mean": _mean(current.exact_mean) if current and current.valid else None,
        "current_days": response.current_days,
        "change_points": _mean(response.exact_change),
        "text": "",
    }
    data["text"] = activity_text(data, translated=False)
    return data


def _number(value: Any, translated: bool) -> str:
    text = f"{float(value):.1f}"
    # one decimal always (2.0, not 2), with the language's decimal sign (2,0 in German)
    return text.replace(".", format_decimal(0.5)[1]) if translated else text


def activity_text(item: ActivityDoc, translated: bool = True) -> str:
    """ "walk 20 minutes 3.0 → 6.0", or which window has no rating ("no rating before the start"); in the
    current language unless ``translated`` is False (the JSON's English)."""
    before, now = item["baseline_mean"], item["current_mean"]
    say = _ if translated else str
    before_text = _number(before, translated) if before is not None else say("no rating before the start")
    if now is not None:
        now_text = _number(now, translated)
    else:
        now_text = say("no rating in the last {days} days").format(days=WINDOW_DAYS)
    return f"{item['name']} {before_text} → {now_text}"


def activities_line(med: MedicationDoc) -> str:
    """One line for all of a medication's activities, from its JSON form ("" when it has none)."""
    return activities_text(med["activities"])


def activities_text(items: Sequence[ActivityDoc]) -> str:
    """ "Own activities (…), before → now: walk 20 minutes 2.5 → 5.5; …" ("" without any)."""
    if not items:
        return ""
    return f"{_title()}: " + "; ".join(activity_text(item) for item in items)
