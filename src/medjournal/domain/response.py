"""'Is it working for me?': the before/after comparison of docs/clinical.md §5.

Baseline = the 14 days before the medication's start (start−14 … start−1); current = the last 14 days of the
period. Each window is valid with at least 5 rated days. Change = current − baseline (points) and
change / baseline × 100 (%), judged on the exact values so that a boundary such as −30% is never missed by
floating-point error. Rounding happens only in :meth:`Response.describe` and in the summary's output.

Words are in the language in use: :meth:`Response.describe` when it is called, the notes when the comparison is
made (the summary is built in its own language), with days by :func:`medjournal.i18n.numeric_date` and numbers by
the locale (docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date, timedelta
from fractions import Fraction
from typing import Generic, TypeVar, cast

from medjournal.domain.records import CheckIn, Medication, QuestionnaireResult, Regimen
from medjournal.domain.series import (
    daily_exact,
    mean,
    questionnaire_daily_exact,
    questionnaire_item_daily_exact,
    round_half_up,
    window_values,
)
from medjournal.domain.value import Value, record
from medjournal.i18n import N_, _, numeric_date

T = TypeVar("T")
WINDOW_DAYS = 14
MIN_RATED_DAYS = 5
MIN_PEG_DAYS = 1  # PEG is weekly, so a 14-day window holds about 2 scores; one is enough to compare
TWO_POINTS = Fraction(2)
RECENT_START_DAYS = 365  # a start earlier than this before the period has no recent baseline to compare

CATEGORIES = (  # marked for translation: the PDF and the window print them in the language in use
    N_("substantial improvement"),
    N_("meaningful improvement"),
    N_("minimal improvement"),
    N_("no clear change"),
    N_("worse"),
)
# PEG's three items, each compared on its own (docs/clinical.md §5.5): the activity item is the function measure.
PEG_ITEMS = (("peg_pain", 0), ("peg_enjoyment", 1), ("peg_activity", 2))
LABELS = {  # marked for translation, translated where shown (Response.label)
    "pain": N_("Pain"),
    "mood": N_("Mood"),
    "sleep": N_("Sleep"),
    "peg": "PEG",
    "peg_pain": N_("PEG pain"),
    "peg_enjoyment": N_("PEG interference with enjoyment of life"),
    "peg_activity": N_("Function: PEG interference with general activity"),
    "activity": N_("Own activity"),
}
HIGHER_IS_WORSE = {
    "pain": True,
    "peg": True,
    "mood": False,
    "sleep": False,
    "peg_pain": True,
    "peg_enjoyment": True,
    "peg_activity": True,
    "activity": False,  # the person's own activities: 0 can't do - 10 as before
}
CATEGORISED = ("pain", "peg")  # the IMMPACT categories are for pain intensity and its PEG composite


def category_for(change_percent: Fraction) -> str:
    """The IMMPACT category of a change in % on a scale where higher is worse (exact boundaries)."""
    if change_percent <= -50:
        return "substantial improvement"
    if change_percent <= -30:
        return "meaningful improvement"
    if change_percent <= -10:
        return "minimal improvement"
    if change_percent < 10:
        return "no clear change"
    return "worse"


BOUNDARIES = (Fraction(-50), Fraction(-30), Fraction(-10), Fraction(10))


def percent_decimals(exact: Fraction) -> int:
    """How many decimals a change in % needs so that the printed number never contradicts its category.

    Whole numbers as a rule; one decimal (or more) next to a boundary, when rounding would land on a boundary
    (±10, −30, −50) that the exact value is not, or across one: −29.6% is "minimal improvement", and
    "−30%: minimal improvement" would contradict the key printed beside it.

    >>> [percent_decimals(Fraction(v)) for v in ("-36.4", "-29.6", "-30", "-30.4", "-29.96", "9.6")]
    [0, 1, 0, 1, 2, 1]
    """
    category = category_for(exact)
    for decimals in range(4):
        rounded = round_half_up(exact, decimals)
        assert rounded is not None
        shown = Fraction(str(rounded))
        if category_for(shown) == category and (shown not in BOUNDARIES or shown == exact):
            return decimals
    return 4


def shown_percent(exact: Fraction | None) -> float | None:
    """The change in % as it is printed everywhere (Trends, the command line, the summary and its JSON)."""
    if exact is None:
        return None
    rounded = round_half_up(exact, percent_decimals(exact))
    return rounded


def percent_text(exact: Fraction) -> str:
    """``−29.6%``, ``+12%``: signed, with the decimals :func:`percent_decimals` asks for."""
    decimals = percent_decimals(exact)
    return _signed(round_half_up(exact, decimals), "%", decimals)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Course(Value):
    """A continuous run of dose steps: the medication taken without a break, whatever the dose."""

    start: date
    end: date | None
    steps: tuple[Regimen, ...]


def courses(regimens: Sequence[Regimen]) -> list[Course]:
    """Split a medication's dose steps into courses; a stop and later restart starts a new course."""
    ordered = sorted(regimens, key=lambda r: (r.start_date, r.id))
    result: list[Course] = []
    for step in ordered:
        if result:
            last = result[-1]
            if last.end is None or step.start_date <= last.end + timedelta(days=1):
                new_end = None if last.end is None or step.end_date is None else max(last.end, step.end_date)
                result[-1] = Course(last.start, new_end, (*last.steps, step))
                continue
        result.append(Course(step.start_date, step.end_date, (step,)))
    return result


def evaluated_start(regimens: Sequence[Regimen], on_or_before: date) -> date | None:
    """The start date the response is measured from.

    The first start, unless the medication was stopped and restarted after a break of at least 14 days
    (then the baseline before the restart is free of the medication, and the restart is a new trial).
    A restart after a shorter break continues the earlier course: the 14 days before it were mostly on
    the medication.
    """
    start: date | None = None
    previous_end: date | None = None
    for course in courses(regimens):
        if course.start > on_or_before:
            break
        if start is None or (previous_end is not None and (course.start - previous_end).days > WINDOW_DAYS):
            start = course.start
        previous_end = course.end
    return start


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Window(Value):
    """The days of one side of a comparison: how many were rated and their exact mean."""

    start: date
    end: date
    days: int  # rated days in the window
    exact_mean: Fraction | None  # None when no day is rated
    valid: bool

    @property
    def mean(self) -> float | None:
        """The unrounded mean, or None when the window is not valid."""
        return float(self.exact_mean) if self.valid and self.exact_mean is not None else None


class WindowPart(Generic[T]):
    """A part of a response's baseline or current window (``Response.baseline_start``, ``current_days``, …),
    or ``empty`` when the response has no such window."""

    def __init__(self, window: str, part: str, empty: T) -> None:
        self.window, self.part, self.empty = window, part, empty

    def __get__(self, response: object, owner: type | None = None) -> T:
        window = getattr(response, self.window)
        return cast(T, getattr(window, self.part)) if window is not None else self.empty


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Response(Value):
    """The before/after comparison of one measure for one medication. Floats are unrounded."""

    measure: str  # pain | mood | sleep | peg
    medication_id: int | None
    medication_name: str
    medication_start: date | None
    baseline: Window | None
    current: Window | None
    exact_change: Fraction | None
    exact_change_percent: Fraction | None
    category: str | None
    meets_two_points: bool | None
    weeks_since_start: int | None
    last_dose_change: date | None
    weeks_since_dose_change: int | None
    notes: tuple[str, ...] = field(default=())
    # The journal's first day, when the start lies on or before it: the baseline window holds no entry of any
    # kind, so no before/after comparison is possible however long the journal has been kept since.
    journal_began: date | None = None

    # -- the names of the contract: each window's first and last day, mean and rated days ----------------------
    baseline_start = WindowPart[date | None]("baseline", "start", None)
    baseline_end = WindowPart[date | None]("baseline", "end", None)
    current_start = WindowPart[date | None]("current", "start", None)
    current_end = WindowPart[date | None]("current", "end", None)
    baseline_mean = WindowPart[float | None]("baseline", "mean", None)  # unrounded; None unless valid
    current_mean = WindowPart[float | None]("current", "mean", None)
    baseline_days = WindowPart[int]("baseline", "days", 0)
    current_days = WindowPart[int]("current", "days", 0)

    @property
    def change_points(self) -> float | None:
        return float(self.exact_change) if self.exact_change is not None else None

    @property
    def change_percent(self) -> float | None:
        return float(self.exact_change_percent) if self.exact_change_percent is not None else None

    @property
    def valid(self) -> bool:
        return self.exact_change is not None

    @property
    def label(self) -> str:
        """The measure's name in the language in use ("Pain", German "Schmerz")."""
        return _(LABELS[self.measure]) if self.measure in LABELS else self.measure.capitalize()

    def describe(self) -> str:
        """One line of words in the language in use, e.g. "Pain 6.4 → 4.1 (−36%): meaningful improvement,
        14 and 13 rated days" (domain/response_words.py)."""
        from medjournal.domain.response_words import describe

        return describe(self)


def _signed(value: float | None, suffix: str = "", decimals: int | None = None) -> str:
    """Points with one decimal, percentages whole unless ``decimals`` says otherwise."""
    if value is None:
        return "–"
    if value == 0:
        return f"0{suffix}"
    places = decimals if decimals is not None else (1 if suffix == "" else 0)
    return ("+" if value > 0 else "−") + f"{abs(value):.{places}f}" + suffix


def _window(daily: Mapping[date, Fraction], start: date, end: date, min_days: int) -> Window:
    values = window_values(daily, start, end)
    return Window(
        start=start, end=end, days=len(values), exact_mean=mean(values), valid=len(values) >= min_days
    )


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class ComparisonSpan(Value):
    """What every comparison of one medication at the end of a period shares, whatever the measure.

    ``medication`` (None: the dose steps of any medication), its dose ``regimens`` and the period's last day.
    With ``recent_from``, a medication whose (re)start is earlier than that day has no recent baseline: the
    current window is still given, but no baseline, change or category (a baseline years old says little
    about the medication today). With ``journal_start`` (the first day with any entry), a start on or before
    it is said to be so (``journal_began``): the days before the start were never recorded.
    """

    medication: Medication | None
    regimens: Sequence[Regimen]
    period_end: date
    recent_from: date | None = None
    journal_start: date | None = None


def compare(
    daily: Mapping[date, Fraction], measure: str, span: ComparisonSpan, min_days: int = MIN_RATED_DAYS
) -> Response:
    """The comparison for any exact daily series (pain, mood, sleep, PEG) over ``span``; a window is valid
    with ``min_days`` rated days."""
    medication, period_end = span.medication, span.period_end
    medication_id = medication.id if medication is not None else None
    steps = [r for r in span.regimens if medication_id is None or r.medication_id == medication_id]
    name = medication.name if medication is not None else ""
    start = evaluated_start(steps, period_end)
    if start is None:
        why = _("started after the end of the period") if steps else _("no dose steps recorded")
        return _without_course(measure, medication_id, name, why)
    recent = span.recent_from is None or start >= span.recent_from
    first = span.journal_start
    began = first if recent and first is not None and start <= first else None
    baseline: Window | None = None
    if recent:
        baseline = _window(daily, start - timedelta(days=WINDOW_DAYS), start - timedelta(days=1), min_days)
    notes = _start_notes(start, recent, began)
    current_start = period_end - timedelta(days=WINDOW_DAYS - 1)
    if current_start < start:
        # The last 14 days reach back before the start: only the days on the medication are compared.
        current_start = start
        notes.append(
            _("started {day}, less than {window} days before the end of the period").format(
                day=numeric_date(start), window=WINDOW_DAYS
            )
        )
    current = _window(daily, current_start, period_end, min_days)
    change, percent, category, two_points = _change(measure, baseline, current, notes)
    last_change = _course_notes(steps, start, period_end, current, notes)
    return Response(
        measure=measure,
        medication_id=medication_id,
        medication_name=name,
        medication_start=start,
        baseline=baseline,
        current=current,
        exact_change=change,
        exact_change_percent=percent,
        category=category,
        meets_two_points=two_points,
        weeks_since_start=max(0, (period_end - start).days) // 7,
        last_dose_change=last_change,
        weeks_since_dose_change=(max(0, (period_end - last_change).days) // 7) if last_change else None,
        notes=tuple(notes),
        journal_began=began,
    )


def _start_notes(start: date, recent: bool, began: date | None) -> list[str]:
    """Why there is no baseline to compare: the start on or before the journal's first day (``began``), or a
    start more than a year before the period (not ``recent``)."""
    if began is not None:
        return [
            _("started {day}; the journal began {first}: no before/after comparison possible").format(
                day=numeric_date(start), first=numeric_date(began)
            )
        ]
    if not recent:
        return [_("started {day}; no recent baseline to compare").format(day=numeric_date(start))]
    return []


def _without_course(measure: str, medication_id: int | None, name: str, why: str) -> Response:
    """A comparison that cannot be made: nothing but ``why``."""
    return Response(
        measure=measure,
        medication_id=medication_id,
        medication_name=name,
        medication_start=None,
        baseline=None,
        current=None,
        exact_change=None,
        exact_change_percent=None,
        category=None,
        meets_two_points=None,
        weeks_since_start=None,
        last_dose_change=None,
        weeks_since_dose_change=None,
        notes=(why,),
    )


def _change(
    measure: str, baseline: Window | None, current: Window, notes: list[str]
) -> tuple[Fraction | None, Fraction | None, str | None, bool | None]:
    """The change from the baseline to the current window in points and in %, its category and whether it
    reaches two points; all None unless both windows have enough rated days."""
    if (
        baseline is None
        or not baseline.valid
        or not current.valid
        or baseline.exact_mean is None
        or current.exact_mean is None
    ):
        return None, None, None, None
    change = current.exact_mean - baseline.exact_mean
    percent: Fraction | None = None
    if baseline.exact_mean != 0:
        percent = change / baseline.exact_mean * 100
    else:
        notes.append(_("baseline mean is 0, so the change in % is undefined"))
    if measure not in CATEGORISED:
        return change, percent, None, None
    category = category_for(percent) if percent is not None else None
    return change, percent, category, abs(change) >= TWO_POINTS


def _course_notes(
    steps: Sequence[Regimen], start: date, period_end: date, current: Window, notes: list[str]
) -> date | None:
    """Notes on dose changes inside the current window and on a stop before the period's end; returns the day
    of the last dose change since the start."""
    course_steps = [s for s in steps if s.start_date >= start and s.start_date <= period_end]
    changes = [s.start_date for s in course_steps if s.start_date > start]
    for day in changes:
        if current.start <= day <= current.end:
            notes.append(
                _("dose changed on {day}, inside the last {window} days").format(
                    day=numeric_date(day), window=WINDOW_DAYS
                )
            )
    stopped = [
        s.end_date
        for s in course_steps
        if s.end_date is not None
        and s.end_date < period_end
        and not any(o.start_date == s.end_date + timedelta(days=1) for o in steps)
    ]
    if stopped:
        notes.append(_("stopped after {day}").format(day=numeric_date(max(stopped))))
    return max(changes) if changes else None


def response_for(span: ComparisonSpan, checkins: Iterable[CheckIn], field: str = "pain") -> Response:
    """The response of ``field`` (pain, mood or sleep) to the span's medication at the end of its period.

    ``checkins`` must cover the baseline window (14 days before the start) and the last 14 days of the period.
    """
    return compare(daily_exact(checkins, field), field, span)


def peg_item_responses(
    span: ComparisonSpan, questionnaires: Sequence[QuestionnaireResult]
) -> dict[str, Response]:
    """PEG's pain, enjoyment and activity items, each compared like the PEG score (no category: change only)."""
    return {
        measure: compare(
            questionnaire_item_daily_exact(questionnaires, "peg", index), measure, span, MIN_PEG_DAYS
        )
        for measure, index in PEG_ITEMS
    }


def peg_response_for(span: ComparisonSpan, questionnaires: Iterable[QuestionnaireResult]) -> Response:
    """The same comparison for the weekly PEG score (a window is valid with at least one PEG)."""
    return compare(questionnaire_daily_exact(questionnaires, "peg"), "peg", span, MIN_PEG_DAYS)
