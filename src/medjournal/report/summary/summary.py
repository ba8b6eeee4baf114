"""The doctor-visit summary as plain data (no Qt), for the PDF, the window and ``medjournal report --json``.

Everything is read by date range: the period, the 6 days before it (for the first 7-day averages) and the
14-day baselines before each medication's start, so that the cost follows the period, not the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum

from medjournal.domain import analysis
from medjournal.domain.activities import ActivityResponse
from medjournal.domain.adherence import Adherence
from medjournal.domain.baseline_entry import baseline_entered_later
from medjournal.domain.effects import SideEffectSummary
from medjournal.domain.errors import ValidationError
from medjournal.domain.flags import (
    MedicationRecords,
    SafetyFlag,
    from_antidepressant,
    from_mood,
    from_safety_events,
    from_screens,
    from_side_effects,
    mark_acknowledged,
    period_warnings,
    sort_flags,
)
from medjournal.domain.instruments import SUMMARY_ORDER
from medjournal.domain.knowledge import is_antidepressant
from medjournal.domain.records import (
    CheckIn,
    Medication,
    QuestionnaireResult,
    Regimen,
    SafetyEvent,
    SideEffect,
    Treatment,
)
from medjournal.domain.rescue import RescueUse, rescue_use
from medjournal.domain.response import WINDOW_DAYS, Response
from medjournal.domain.screening import PHQ9_AFTER_PHQ2_DAYS, Screening, screening
from medjournal.domain.treatments import treatment_starts
from medjournal.domain.warnings import JournalWarning
from medjournal.i18n import _, numeric_date
from medjournal.report.summary.activities import with_activities
from medjournal.report.summary.comparison import (
    baseline_window,
    current_window,
    journal_start,
    merge_entries,
    recent_from,
    responses_for,
)
from medjournal.report.summary.imported import imported_lines
from medjournal.report.summary.measure_change import MeasureChange, with_measures
from medjournal.report.summary.summary_types import SummaryDocument
from medjournal.storage.journal import Journal

FORMAT = "medjournal-summary/1"
DEFAULT_DAYS = 90
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # far from date.min/max, so windows never overflow


class PeriodKind(Enum):
    """Why the period is what it is; readers decide by this, never by the words of ``Period.basis``."""

    SINCE_VISIT = "since_last_visit"
    LAST_DAYS = "last_days"  # the default days with no visit before the end day
    CHOSEN = "chosen"  # a start was given


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: PeriodKind
    basis: str  # words for it, in the language the summary is made in: "since the last visit on …", ...
    last_visit: date | None = None
    visit_on_end_day: date | None = None  # a visit on the last day: the default period starts there next day

    @property
    def days(self) -> int:
        return analysis.days_between(self.start, self.end)


@dataclass(frozen=True)
class MedicationSummary:
    medication: Medication
    steps: tuple[Regimen, ...]  # every dose step overlapping the period or before it, in order
    current: Regimen | None  # the step active at the end of the period (None if stopped)
    shown: Regimen  # the step whose dose and times are shown: current, else the last one in the period
    started: date | None  # the start the response is measured from
    stopped: date | None  # the day it was stopped, if it was not taken at the end of the period
    adherence: Adherence
    responses: dict[str, Response]  # pain, and mood / sleep / peg where any data exist
    antidepressant: bool
    pgic: tuple[QuestionnaireResult, ...] = ()
    recent_start: bool = True  # started within the period or the year before it: a baseline to compare
    # As-needed medications before the start vs now (under evaluation only); (day, "HH:MM") of doses taken
    # outside a slot, for the printed chart.
    rescue: tuple[RescueUse, ...] = ()
    as_needed_doses: tuple[tuple[date, str], ...] = ()
    today: Regimen | None = (
        None  # the step active on the day the summary is made, if the period ended earlier
    )
    baseline_note: str | None = (
        None  # "baseline entered on … for the 14 days before" (domain/baseline_entry.py)
    )
    # Weight, blood pressure and drinks per week in the two windows (report/summary/measure_change.py).
    measures: tuple[MeasureChange, ...] = ()
    activities: tuple[
        ActivityResponse, ...
    ] = ()  # the person's own activities before → now (report/summary/activities.py)

    @property
    def under_evaluation(self) -> bool:
        """Shown with an "Is it working?" comparison: scheduled, with a recent start."""
        return not self.as_needed and self.started is not None and self.recent_start

    @property
    def as_needed(self) -> bool:
        return bool(self.shown.as_needed)

    @property
    def response(self) -> Response:
        return self.responses["pain"]


@dataclass(frozen=True)
class DailyRow:
    day: date
    pain: float | None
    pain_ratings: int
    pain_avg7: float | None
    mood: float | None
    mood_avg7: float | None
    sleep: float | None
    sleep_avg7: float | None
    sleep_hours: float | None


@dataclass(frozen=True)
class SummaryReport:
    """Everything the summary shows; :meth:`to_json` is the ``medjournal-summary/1`` document."""

    period: Period
    generated_at: datetime
    name: str
    daily: tuple[DailyRow, ...]
    days_with_pain: int
    days_with_data: int
    medications: tuple[MedicationSummary, ...]
    side_effects: tuple[SideEffectSummary, ...]
    side_effects_relative_to: str | None  # the medication "new since start" refers to
    questionnaires: dict[str, tuple[QuestionnaireResult, ...]]
    flags: tuple[SafetyFlag, ...]
    safety_events: tuple[SafetyEvent, ...]
    treatments: tuple[Treatment, ...]
    questions: tuple[str, ...]
    notes: tuple[tuple[date, str, str], ...]  # (day, kind, text)
    # Cautions, doses above a daily maximum, other lower doses (domain/flags.py period_warnings).
    warnings: tuple[JournalWarning, ...] = ()
    treatment_starts: dict[str, date] = field(default_factory=dict)  # first session of each kind, ever
    # How often the self-harm question was answered, and PHQ-9s not completed after a positive PHQ-2.
    screening: Screening | None = None
    entries_after_today: int = 0  # entries dated after the day the summary was made: left out, and said so
    checkins: tuple[CheckIn, ...] = field(default=(), repr=False)
    side_effect_entries: tuple[SideEffect, ...] = field(default=(), repr=False)
    imported: tuple[str, ...] = ()  # "41 doses imported from a CSV file" (report/summary/imported.py)

    @property
    def empty(self) -> bool:
        return self.days_with_data == 0 and not self.medications and not self.safety_events

    def to_json(self) -> SummaryDocument:
        from medjournal.report.summary.summary_json import summary_to_json

        return summary_to_json(self)


def choose_period(journal: Journal, start: date | None, end: date | None, today: date) -> Period:
    """The given dates; by default since the last visit before the end day, else the last 90 days."""
    last_day = end or today
    for given in (start, end):
        if given is not None and not FIRST_DAY <= given <= LAST_DAY:
            raise ValidationError(
                _("The date {date} is outside the years a summary can cover ({first}–{last}).").format(
                    date=numeric_date(given), first=FIRST_DAY.year, last=LAST_DAY.year
                ),
                "start" if given is start else "end",
            )
    if start is not None:
        if start > last_day:
            raise ValidationError(
                _("The period starts ({start}) after it ends ({end}).").format(
                    start=numeric_date(start), end=numeric_date(last_day)
                ),
                "start",
            )
        return Period(start, last_day, PeriodKind.CHOSEN, _("chosen dates"))
    # A visit on the last day itself does not start the period (it would be one day long): it starts the
    # default period from the next day on, and the basis says so.
    visit = journal.last_visit(before=last_day - timedelta(days=1))
    latest = journal.last_visit(before=last_day)
    on_end = latest.day if latest is not None and latest.day == last_day else None
    later = ""
    if on_end is not None:
        next_day = numeric_date(on_end + timedelta(days=1))
        later = (
            _("; the visit today starts the next summary from {date}").format(date=next_day)
            if last_day == today
            else _("; the visit on {visit} starts the next summary from {date}").format(
                visit=numeric_date(on_end), date=next_day
            )
        )
    if visit is not None:
        basis = _("since the last visit on {date}").format(date=numeric_date(visit.day)) + later
        return Period(visit.day, last_day, PeriodKind.SINCE_VISIT, basis, visit.day, on_end)
    start_day = last_day - timedelta(days=DEFAULT_DAYS - 1)
    basis = _("the last {days} days").format(days=DEFAULT_DAYS) + later
    return Period(start_day, last_day, PeriodKind.LAST_DAYS, basis, None, on_end)


def _with_rescue_and_measures(
    journal: Journal, summaries: list[MedicationSummary], last: date, earliest: date
) -> list[MedicationSummary]:
    """Rescue painkillers, the measures (report/summary/measure_change.py) and the person's own activities
    (report/summary/activities.py) in each evaluated medication's windows."""
    rescued = with_measures(journal, _with_rescue(journal, summaries, last, earliest), last, earliest)
    return with_activities(journal, rescued, last, earliest)


def _with_rescue(
    journal: Journal, summaries: list[MedicationSummary], last: date, earliest: date
) -> list[MedicationSummary]:
    """Each medication under evaluation gets the use of every as-needed medication in its two windows."""
    as_needed = [m for m in summaries if m.as_needed]
    if not as_needed:
        return summaries
    current = current_window(last)
    result = []
    for summary in summaries:
        if summary.under_evaluation:
            # Started as the journal began: the window before the start was never recorded, so no "before" use
            # (0 doses there would read as none taken; docs/summary.md, "Started before the journal began").
            began = summary.response.journal_began is not None
            baseline = None if began else baseline_window(summary.steps, last, earliest)
            spans = [current, *([baseline] if baseline else [])]
            rescue = tuple(
                rescue_use(
                    other.medication.id,
                    other.medication.name,
                    list(
                        {
                            log.id: log
                            for first, end in spans
                            for log in journal.dose_logs(first, end, other.medication.id)
                        }.values()
                    ),
                    baseline,
                    current,
                )
                for other in as_needed
            )
            summary = replace(summary, rescue=rescue)
        result.append(summary)
    return result


def build_summary(
    journal: Journal, start: date | None = None, end: date | None = None, now: datetime | None = None
) -> SummaryReport:
    """The summary for a period (default: since the last visit, else the last 90 days), judged at ``now``."""
    moment = now or journal.now()
    period = choose_period(journal, start, end, moment.date())
    first, last = period.start, period.end
    reads = _period_reads(journal, first, last, moment)
    med_summaries: list[MedicationSummary] = []
    records: list[MedicationRecords] = []
    baseline_side_effects: list[SideEffect] = []
    for medication, steps in _medications_in(journal, reads.all_steps, first, last):
        summary, record, before = _summarise_medication(journal, reads, medication, steps)
        med_summaries.append(summary)
        records.append(record)
        baseline_side_effects = merge_entries(baseline_side_effects, before)

    med_summaries = _with_rescue_and_measures(journal, med_summaries, last, reads.earliest)
    evaluated = [m for m in med_summaries if m.under_evaluation]
    reference = max(evaluated, key=lambda m: (m.started or first, m.medication.id), default=None)
    side_effects = analysis.side_effect_summary(
        merge_entries(reads.side_effects, baseline_side_effects),
        first,
        last,
        reference.started if reference is not None else None,
    )
    safety = _safety(journal, reads, med_summaries, records)
    checkins = tuple(c for c in reads.checkins if c.day >= first)
    daily = _daily_rows(reads.checkins, first, last)
    treatments, starts = _treatments_and_starts(
        journal, first, last, [m.response.baseline_start for m in evaluated]
    )
    return SummaryReport(
        period=period,
        generated_at=moment,
        name=str(journal.setting("summary_name", "") or ""),
        daily=daily,
        days_with_pain=sum(1 for row in daily if row.pain is not None),
        days_with_data=len(journal.days_with_entries(first, last)),
        medications=tuple(med_summaries),
        side_effects=tuple(side_effects),
        side_effects_relative_to=reference.medication.name if reference is not None else None,
        questionnaires={
            key: tuple(q for q in reads.questionnaires if q.instrument == key) for key in SUMMARY_ORDER
        },
        flags=safety.flags,
        warnings=safety.warnings,
        safety_events=safety.events,
        screening=safety.screening,
        treatments=tuple(t for t in treatments if t.day >= first),
        entries_after_today=journal.entries_after(moment.date()),
        treatment_starts=starts,
        questions=tuple(q.text for q in journal.questions()),
        notes=tuple(_notes(reads.checkins, reads.side_effects, first, last)),
        checkins=checkins,
        side_effect_entries=tuple(reads.side_effects),
        imported=imported_lines(
            [log for record in records for log in record.logs], list(checkins), reads.side_effects
        ),
    )


@dataclass(frozen=True)
class _PeriodReads:
    """What the summary reads once for the whole period, before it looks at each medication."""

    first: date
    last: date
    moment: datetime
    earliest: date  # the earliest start that still has a recent baseline (comparison.recent_from)
    journal_start: date | None  # the first day with any entry (comparison.journal_start)
    checkins: list[CheckIn]  # the period's, with the 6 days before it for the first 7-day averages
    # The comparisons read the last 14 days and the baseline before each start (comparison.responses_for), not
    # the whole period: a summary of 20 years would otherwise sort and average every check-in once per medication.
    recent_checkins: list[CheckIn]
    recent_pegs: list[QuestionnaireResult]
    questionnaires: list[QuestionnaireResult]
    side_effects: list[SideEffect]
    all_steps: dict[int, list[Regimen]]
    steps_now: dict[int, list[Regimen]]  # for today's dose when the period ended before today, else empty


def _period_reads(journal: Journal, first: date, last: date, moment: datetime) -> _PeriodReads:
    lead_in = first - timedelta(days=6)  # the first 7-day averages need the 6 days before the period
    period_checkins = journal.checkins(lead_in, last)
    current_start = last - timedelta(days=WINDOW_DAYS - 1)  # a short period still compares the last 14 days
    window_checkins = merge_entries(
        period_checkins,
        journal.checkins(current_start, lead_in - timedelta(days=1)) if current_start < lead_in else [],
    )
    window_pegs = journal.questionnaires(min(first, current_start), last, instrument="peg")
    all_steps = journal.regimens_by_medication()
    return _PeriodReads(
        first=first,
        last=last,
        moment=moment,
        earliest=recent_from(first),
        journal_start=journal_start(journal),
        checkins=period_checkins,
        recent_checkins=[c for c in window_checkins if c.day >= current_start],
        recent_pegs=[q for q in window_pegs if q.day >= current_start],
        questionnaires=journal.questionnaires(first, last),
        side_effects=journal.side_effects(first, last),
        all_steps=all_steps,
        # A period that ended before today: the table is "as of" its end, with today's dose where it changed since.
        steps_now=all_steps if last < moment.date() else {},
    )


def _summarise_medication(
    journal: Journal, reads: _PeriodReads, medication: Medication, steps: list[Regimen]
) -> tuple[MedicationSummary, MedicationRecords, list[SideEffect]]:
    """One medication's row of the summary, its records for the flags and warnings, and the side effects of its
    baseline window (read for the "new since start" comparison)."""
    first, last, earliest = reads.first, reads.last, reads.earliest
    started = analysis.evaluated_start(steps, last)
    checkins = reads.recent_checkins
    pegs = reads.recent_pegs
    baseline = baseline_window(steps, last, earliest)
    baseline_side_effects: list[SideEffect] = []
    if baseline is not None:
        checkins = merge_entries(reads.recent_checkins, journal.checkins(*baseline))
        pegs = merge_entries(pegs, journal.questionnaires(*baseline, instrument="peg"))
        baseline_side_effects = journal.side_effects(*baseline)
    logs = journal.dose_logs(first, last, medication.id)
    current = next((s for s in reversed(steps) if s.active_on(last)), None)
    in_period = [s for s in steps if s.start_date <= last and (s.end_date is None or s.end_date >= first)]
    shown = current or (in_period[-1] if in_period else steps[-1])
    adherence = analysis.adherence_for(steps, logs, first, last, reads.moment)
    antidepressant = is_antidepressant(medication.name, medication.known_as)
    summary = MedicationSummary(
        medication=medication,
        steps=tuple(steps),
        current=current,
        shown=shown,
        started=started,
        stopped=None if current is not None or shown.end_date is None else shown.end_date + timedelta(days=1),
        adherence=adherence,
        responses=responses_for(medication, steps, checkins, pegs, last, earliest, reads.journal_start),
        antidepressant=antidepressant,
        recent_start=started is None or started >= earliest,
        today=_step_today(reads.steps_now, medication.id, reads.moment.date()),
        baseline_note=baseline_entered_later(checkins, *baseline) if baseline is not None else None,
        as_needed_doses=tuple(
            (log.day, log.moment.strftime("%H:%M"))
            for log in logs
            if log.status == "taken" and log.slot is None
        ),
        pgic=tuple(
            q
            for q in reads.questionnaires
            if q.instrument == "pgic" and q.medication_id in (None, medication.id)
        ),
    )
    return (
        summary,
        MedicationRecords(medication, steps, logs, adherence, antidepressant),
        baseline_side_effects,
    )


@dataclass(frozen=True)
class _Safety:
    events: tuple[SafetyEvent, ...]
    screening: Screening
    flags: tuple[SafetyFlag, ...]
    warnings: tuple[JournalWarning, ...]


def _safety(
    journal: Journal,
    reads: _PeriodReads,
    med_summaries: list[MedicationSummary],
    records: list[MedicationRecords],
) -> _Safety:
    """The period's safety events, screening, flags (sorted, acknowledged ones marked) and warnings."""
    first, last, questionnaires = reads.first, reads.last, reads.questionnaires
    # A safety answer typed in during the period for a day before it (after a visit, for a day before the visit)
    # was seen by no summary: it belongs to this one, dated by its own day and marked "recorded on".
    typed_in_later = journal.safety_events_typed_in_later(first, last)
    safety_events = [*typed_in_later, *journal.safety_events(first, last)]
    screened = screening(
        (c for c in reads.checkins if c.day >= first),
        # A PHQ-9 in the week after the period still answers a positive PHQ-2 near its end.
        [
            *questionnaires,
            *journal.questionnaires(
                last + timedelta(days=1), last + timedelta(days=PHQ9_AFTER_PHQ2_DAYS), "phq9"
            ),
        ],
        first,
        last,
    )
    if typed_in_later:  # each such event is a "yes" (or item 9 above 0) answered for a day before the period
        screened = replace(
            screened,
            asked=screened.asked + len(typed_in_later),
            yes_days=tuple(sorted({*screened.yes_days, *(event.day for event in typed_in_later)})),
        )
    screens_typed_in_later = journal.questionnaires_typed_in_later(first, last)
    flags = from_safety_events(safety_events) + from_screens([*screens_typed_in_later, *questionnaires])
    flags += from_side_effects(reads.side_effects)
    for med, record in zip(med_summaries, records, strict=True):
        if not med.as_needed:
            flags += from_mood(med.responses.get("mood"))
        if med.antidepressant:
            flags += from_antidepressant(
                med.medication.name, med.steps, med.adherence, first, last, med.medication.id, record.logs
            )
    acknowledged = journal.acknowledged_warnings()
    flags = mark_acknowledged(flags, acknowledged)
    return _Safety(
        events=tuple(safety_events),
        screening=screened,
        flags=tuple(sort_flags(flags)),
        warnings=tuple(period_warnings(records, first, last, acknowledged)),
    )


TREATMENT_LOOKBACK_DAYS = (
    28  # a treatment with no session in the 4 weeks before a baseline window "began" after
)


def _treatments_and_starts(
    journal: Journal, first: date, last: date, baselines: list[date | None]
) -> tuple[list[Treatment], dict[str, date]]:
    """The treatments from 4 weeks before the earliest baseline window to the period's end, read in pieces no longer
    than the period (so a baseline a year back costs no unbounded read), and the first session of each kind."""
    starts = [day for day in baselines if day is not None]
    begin = min([first, *(day - timedelta(days=TREATMENT_LOOKBACK_DAYS) for day in starts)])
    step = timedelta(days=(last - first).days + 1)
    found: list[Treatment] = []
    while begin <= last:
        end = min(last, begin + step - timedelta(days=1))
        found += journal.treatments(begin, end)
        begin = end + timedelta(days=1)
    first_days = treatment_starts(found)
    lookback_end = min(starts, default=first)
    # A kind already under way in the 4 weeks before the earliest baseline did not begin in the windows.
    return found, {kind: day for kind, day in first_days.items() if day >= lookback_end or not starts}


def _step_today(all_steps: dict[int, list[Regimen]], medication_id: int, today: date) -> Regimen | None:
    """The dose step active today (None when stopped, or when the period runs to today: ``all_steps`` empty)."""
    steps = all_steps.get(medication_id, [])
    return next((step for step in reversed(steps) if step.active_on(today)), None)


def _medications_in(
    journal: Journal, grouped: dict[int, list[Regimen]], first: date, last: date
) -> list[tuple[Medication, list[Regimen]]]:
    """Medications with a dose step overlapping the period, with their steps up to the period's end."""
    result = []
    for medication in journal.medications(include_archived=True):
        steps = [s for s in grouped.get(medication.id, []) if s.start_date <= last]
        if any(s.end_date is None or s.end_date >= first for s in steps):
            result.append((medication, steps))
    return result


def _daily_rows(checkins: list[CheckIn], first: date, last: date) -> tuple[DailyRow, ...]:
    exact = {name: analysis.daily_exact(checkins, name) for name in ("pain", "mood", "sleep")}
    averages = {name: dict(analysis.rolling_mean(exact[name], first, last)) for name in exact}
    counts: dict[date, int] = {}
    hours: dict[date, list[float]] = {}
    for checkin in checkins:
        if checkin.pain is not None:
            counts[checkin.day] = counts.get(checkin.day, 0) + 1
        if checkin.sleep_hours is not None:
            hours.setdefault(checkin.day, []).append(float(checkin.sleep_hours))
    rows = []
    day = first
    while day <= last:
        values = {name: (float(exact[name][day]) if day in exact[name] else None) for name in exact}
        rows.append(
            DailyRow(
                day=day,
                pain=values["pain"],
                pain_ratings=counts.get(day, 0),
                pain_avg7=averages["pain"][day],
                mood=values["mood"],
                mood_avg7=averages["mood"][day],
                sleep=values["sleep"],
                sleep_avg7=averages["sleep"][day],
                sleep_hours=sum(hours[day]) / len(hours[day]) if day in hours else None,
            )
        )
        day += timedelta(days=1)
    return tuple(rows)


def _notes(
    checkins: list[CheckIn], side_effects: list[SideEffect], first: date, last: date
) -> list[tuple[date, str, str]]:
    notes = [(c.day, "check-in", c.note) for c in checkins if c.note and first <= c.day <= last]
    notes += [(s.day, "side effect", s.note) for s in side_effects if s.note]
    return sorted(notes, key=lambda n: n[0])
