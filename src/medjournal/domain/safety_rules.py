"""The mood and safety rules, each one function with one constant (docs/clinical.md §6.9).

Today's warnings (domain/warnings.py), the summary's flags (domain/flags.py) and Trends call these functions, so
that one journal never gets two answers:

- mood fall: mood over the last 14 days at least ``MOOD_FALL_POINTS`` below the 14 days before the medication's
  start, both windows valid (the same comparison as pain: domain/response.py, so a short stop and restart
  continues the course it belongs to);
- a positive screen: PHQ-2 (or PHQ-9 items 1–2) or GAD-2 of ``SCREEN_POSITIVE_AT`` or more;
- depression severity: a whole PHQ-9 of ``PHQ9_FLAG_AT`` or more; ``PHQ9_FIRST_AT`` or more comes first after
  the self-harm answers;
- a side effect "worsening depression", "worsening anxiety", "mood changes" or "agitation or restlessness" rated
  ``SIDE_EFFECT_FLAG_AT`` (moderate) or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction

from medjournal.domain.instruments import INSTRUMENTS, PHQ9_SELF_HARM_ITEM, phq9_band
from medjournal.domain.records import CheckIn, Medication, QuestionnaireResult, Regimen, SideEffect
from medjournal.domain.response import ComparisonSpan, Response, compare
from medjournal.domain.series import daily_exact
from medjournal.domain.value import Value, record

MOOD_FALL_POINTS = 3
SCREEN_POSITIVE_AT = 3
PHQ9_FLAG_AT = 10
PHQ9_FIRST_AT = 15
SIDE_EFFECT_FLAG_AT = 2
MOOD_SIDE_EFFECTS = ("worsening_depression", "worsening_anxiety", "mood_changes", "agitation")


# -- mood fall -----------------------------------------------------------------------------------------


def mood_fall(response: Response | None) -> Fraction | None:
    """How far mood fell (a positive number of points) when it fell by ``MOOD_FALL_POINTS`` or more; else None."""
    if response is None or response.measure != "mood" or response.exact_change is None:
        return None
    if response.baseline is None or response.current is None:
        return None
    if not (response.baseline.valid and response.current.valid):
        return None
    return -response.exact_change if response.exact_change <= -MOOD_FALL_POINTS else None


def mood_response(
    medication: Medication,
    regimens: Sequence[Regimen],
    checkins: Iterable[CheckIn],
    end: date,
    recent_from: date | None = None,
) -> Response | None:
    """The mood comparison for a scheduled medication at ``end`` (None for one taken only as needed there)."""
    return mood_response_of_days(medication, regimens, daily_exact(checkins, "mood"), end, recent_from)


def mood_response_of_days(
    medication: Medication,
    regimens: Sequence[Regimen],
    daily_mood: Mapping[date, Fraction],
    end: date,
    recent_from: date | None = None,
) -> Response | None:
    """:func:`mood_response` from the exact daily means of mood (``series.daily_exact``), so that a rule asking
    about many days in a row reads the check-ins once."""
    steps = [r for r in regimens if r.start_date <= end]
    if not steps:
        return None
    shown = next((s for s in reversed(steps) if s.active_on(end)), steps[-1])
    if shown.as_needed:
        return None
    return compare(daily_mood, "mood", ComparisonSpan(medication, steps, end, recent_from))


# -- questionnaires ------------------------------------------------------------------------------------


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Screen(Value):
    """A PHQ-2 or GAD-2 score a questionnaire gives."""

    family: str  # "depression" or "anxiety"
    kind: str  # the flag's kind: "phq2_positive" or "gad2_positive"
    name: str  # as printed: "PHQ-2", "GAD-2", "PHQ-2 (PHQ-9 items 1–2)"
    score: int


def screen(result: QuestionnaireResult) -> Screen | None:
    """The PHQ-2 or GAD-2 score a questionnaire gives (a PHQ-9's first two items are the PHQ-2)."""
    answers = [int(a) for a in result.answers]
    if result.instrument == "phq2":
        return Screen("depression", "phq2_positive", INSTRUMENTS["phq2"].title, sum(answers))
    if result.instrument == "gad2":
        return Screen("anxiety", "gad2_positive", INSTRUMENTS["gad2"].title, sum(answers))
    if result.instrument == "phq9" and len(answers) >= 2:
        return Screen("depression", "phq2_positive", "PHQ-2 (PHQ-9 items 1–2)", answers[0] + answers[1])
    return None


def positive_screen(result: QuestionnaireResult) -> Screen | None:
    """The screen when it is positive (``SCREEN_POSITIVE_AT`` or more), else None."""
    found = screen(result)
    return found if found is not None and found.score >= SCREEN_POSITIVE_AT else None


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Severity(Value):
    """A whole PHQ-9's total at or above the flag, with its band."""

    score: int
    band: str  # "moderate", "moderately severe", "severe"
    first: bool  # listed first among the flags after the self-harm answers


def phq9_severity(result: QuestionnaireResult) -> Severity | None:
    """A whole PHQ-9 whose total is ``PHQ9_FLAG_AT`` or more; else None."""
    if result.instrument != "phq9" or len(result.answers) != PHQ9_SELF_HARM_ITEM:
        return None
    score = int(sum(int(a) for a in result.answers))
    if score < PHQ9_FLAG_AT:
        return None
    return Severity(score, phq9_band(score), score >= PHQ9_FIRST_AT)


def mood_side_effect(entry: SideEffect) -> bool:
    """A side effect about mood rated ``SIDE_EFFECT_FLAG_AT`` (moderate) or more."""
    return entry.symptom in MOOD_SIDE_EFFECTS and entry.severity >= SIDE_EFFECT_FLAG_AT
