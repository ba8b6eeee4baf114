"""The shape of the ``medjournal-summary/1`` document (docs/summary-format.md) as TypedDicts.

:mod:`medjournal.report.summary.summary_json` is the one writer of this document; the PDF (``report/pdf*.py``) reads it
through these types, so that a renamed or missing field is a type error, not a "–" on paper. Dates are ISO
strings (``YYYY-MM-DD``), means are rounded to 1 decimal and percentages to whole numbers by the writer.
"""

# No ``from __future__ import annotations``: NotRequired must be seen when the classes are made.
from typing import NotRequired, TypedDict


class HeaderDoc(TypedDict):
    title: str
    name: str
    generated_on: str
    self_reported: str
    days_with_data: int
    imported: list[str]
    entries_after_today: int
    disclaimer: str


class PeriodDoc(TypedDict):
    start: str
    end: str
    days: int
    days_with_pain: int
    days_with_data: int
    completeness_percent: int | None
    kind: str  # "since_last_visit" | "last_days" | "chosen" (report/summary/summary.py PeriodKind)
    basis: str
    last_visit: str | None
    visit_on_end_day: str | None


class PainDoc(TypedDict):
    mean: float | None
    min: float | None
    max: float | None
    days: int


class GapDoc(TypedDict):
    start: str
    end: str
    days: int
    skipped: int
    not_recorded: int


class SkipReasonDoc(TypedDict):
    reason: str
    count: int


class LowerDoseDoc(TypedDict):
    date: str
    slot: str | None
    amount: float
    prescribed: float


class AdherenceDoc(TypedDict):
    scheduled: int
    taken: int
    skipped: int
    not_recorded: int
    percent: int | None
    longest_gap_days: int | None
    nothing_logged: bool
    extra_doses: int
    skip_reasons: list[SkipReasonDoc]
    days_taken: int
    scheduled_days: int
    gaps: list[GapDoc]
    lower_doses: list[LowerDoseDoc]


class ResponseDoc(TypedDict):
    measure: str
    baseline_start: str | None
    baseline_end: str | None
    baseline_mean: float | None
    baseline_days: int
    baseline_valid: bool
    current_start: str | None
    current_end: str | None
    current_mean: float | None
    current_days: int
    current_valid: bool
    change_points: float | None
    change_percent: float | None
    category: str | None
    meets_two_points: bool | None
    weeks_since_start: int | None
    last_dose_change: str | None
    weeks_since_dose_change: int | None
    text: str
    notes: list[str]
    journal_began: str | None  # the journal's first day, when the start is on or before it


class DoseChangeDoc(TypedDict):
    date: str
    dose: float
    unit: str
    reason: str
    kind: str  # "start", "change" or "restart"


class DoseStepDoc(TypedDict):
    start: str
    end: str | None
    dose: float
    unit: str
    times: list[str]
    as_needed: bool
    stop_reason: str | None


class QuestionnaireDoc(TypedDict):
    date: str
    score: float | None
    answers: list[int]
    label: NotRequired[str]  # PGIC
    medication_id: NotRequired[int | None]  # PGIC
    band: NotRequired[str]  # PHQ-9
    item9: NotRequired[int | None]  # PHQ-9


class WindowUseDoc(TypedDict):
    start: str
    end: str
    days: int
    doses: int
    days_per_week: float | None
    doses_per_week: float | None


class RescueDoc(TypedDict):
    name: str
    before: WindowUseDoc | None
    now: WindowUseDoc | None


class MeasureWindowDoc(TypedDict):
    start: str
    end: str
    readings: int
    value: NotRequired[float | None]  # weight (in the measure's unit) or drinks a week
    systolic: NotRequired[int | None]  # blood pressure
    diastolic: NotRequired[int | None]
    pulse: NotRequired[int | None]


class MeasureDoc(TypedDict):
    kind: str  # weight | blood_pressure | alcohol
    unit: str
    before: MeasureWindowDoc | None
    now: MeasureWindowDoc | None


class TodayDoseDoc(TypedDict):
    dose: float
    unit: str
    times: list[str]


class JudgedDoc(TypedDict):
    weeks: int
    source: str


class TreatmentBeganDoc(TypedDict):
    kind: str
    label: str
    date: str
    where: str


class ActivityDoc(TypedDict):
    """The person's own activity before → now (report/summary/activities.py): 0 can't do - 10 as before."""

    name: str
    asked: bool
    baseline_start: str | None
    baseline_end: str | None
    baseline_mean: float | None
    baseline_days: int
    current_start: str | None
    current_end: str | None
    current_mean: float | None
    current_days: int
    change_points: float | None
    text: str


class MedicationDoc(TypedDict):
    name: str
    purpose: str
    dose: float
    unit: str
    times: list[str]
    as_needed: bool
    max_daily: float | None
    started: str | None
    first_started: str | None
    stopped: str | None
    antidepressant: bool
    under_evaluation: bool
    recent_start: bool
    dose_changes: list[DoseChangeDoc]
    dose_steps: list[DoseStepDoc]
    adherence: AdherenceDoc
    days_used_per_month: float | None
    response: ResponseDoc
    weeks_since_start: int | None
    weeks_since_dose_change: int | None
    pgic: list[QuestionnaireDoc]
    rescue: list[RescueDoc]
    measures: list[MeasureDoc]
    today: TodayDoseDoc | None
    judged_after_weeks: JudgedDoc | None
    treatments_began: list[TreatmentBeganDoc]
    baseline_entered_later: str | None
    as_needed_doses: list[str]  # "YYYY-MM-DD HH:MM"
    mood_response: ResponseDoc | None
    sleep_response: ResponseDoc | None
    peg_response: ResponseDoc | None
    peg_items: dict[str, ResponseDoc]  # "pain", "enjoyment", "activity"
    activities: list[ActivityDoc]


class SideEffectDoc(TypedDict):
    name: str
    label: str
    days: int
    mean_severity: float | None
    max_severity: int
    new_since_start: bool | None  # None: no medication start to judge against
    days_before_start: int
    per_14_days_since_start: float | None
    current_days: int
    first_date: str
    last_date: str
    course: list[str]  # English words made from trend and stopped (domain/effects.py course_words)
    trend: (
        str | None
    )  # "new_since_start" | "more_often" | "less_often" | "as_before" (domain/effects.py Trend)
    stopped: bool  # not reported in the period's last 14 days: last_date is the last day


class FlagDoc(TypedDict):
    date: str
    kind: str
    detail: str
    medication: str | None
    safety_event: bool
    acknowledged: bool
    recorded_on: str | None


class EventDoc(TypedDict):
    date: str
    kind: str
    detail: str
    at: str | None
    recorded_at: str | None
    recorded_on: str | None


class ScreeningDoc(TypedDict):
    self_harm_asked: int
    self_harm_yes_dates: list[str]
    phq9_not_completed_after_phq2: list[str]
    lines: list[str]


class SafetyDoc(TypedDict):
    flags: list[FlagDoc]
    events: list[EventDoc]
    screening: ScreeningDoc | None


class WarningDoc(TypedDict):
    key: str
    kind: str
    date: str
    title: str
    message: str
    source: str
    watch: str
    medications: list[str]
    acknowledged: bool


class TreatmentDoc(TypedDict):
    kind: str
    label: str
    sessions: int
    minutes: int
    days: int
    first_date: str
    began: str | None
    sessions_per_week: float | None
    dates: list[str]


class DailyDoc(TypedDict):
    date: str
    pain: float | None
    pain_ratings: int
    pain_avg7: float | None
    mood: float | None
    mood_avg7: float | None
    sleep: float | None
    sleep_avg7: float | None
    sleep_hours: float | None


class SideEffectEntryDoc(TypedDict):
    date: str
    name: str
    label: str
    severity: int
    note: str


class NoteDoc(TypedDict):
    date: str
    kind: str  # "check-in" or "side effect"
    text: str


class SummaryDocument(TypedDict):
    format: str
    generated_at: str
    header: HeaderDoc
    period: PeriodDoc
    empty: bool
    message: str | None
    pain: PainDoc
    medications: list[MedicationDoc]
    side_effects: list[SideEffectDoc]
    side_effects_relative_to: str | None
    questionnaires: dict[str, list[QuestionnaireDoc]]
    safety: SafetyDoc
    warnings: list[WarningDoc]
    treatments: list[TreatmentDoc]
    questions: list[str]
    daily: list[DailyDoc]
    side_effect_log: list[SideEffectEntryDoc]
    notes: list[NoteDoc]
    methods: list[str]
    caveats: list[str]
    in_short: str
