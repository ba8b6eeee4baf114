"""The ``medjournal-summary/1`` JSON document (docs/design.md §4, documented in docs/summary-format.md).

Means are rounded to 1 decimal and percentages to whole numbers here, and only here, from the exact values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from medjournal.domain.adherence import Adherence
from medjournal.domain.effects import course_words
from medjournal.domain.instruments import PGIC_CHOICES, phq9_band
from medjournal.domain.knowledge import response_weeks, side_effect_label
from medjournal.domain.records import TREATMENT_LABELS, QuestionnaireResult, Regimen, Treatment
from medjournal.domain.rescue import RescueUse, WindowUse
from medjournal.domain.response import PEG_ITEMS, WINDOW_DAYS, Response, Window, shown_percent
from medjournal.domain.series import round_half_up
from medjournal.domain.treatments import began_around
from medjournal.i18n import N_, _, numeric_date
from medjournal.report.pdf.pdf_text import count_of, number, percent, percent_change, word
from medjournal.report.summary.activities import activity_json
from medjournal.report.summary.measure_change import measures_json
from medjournal.report.summary.methods import caveats, disclaimer, methods
from medjournal.report.summary.summary_types import (
    AdherenceDoc,
    DailyDoc,
    DoseChangeDoc,
    DoseStepDoc,
    HeaderDoc,
    JudgedDoc,
    MedicationDoc,
    PeriodDoc,
    QuestionnaireDoc,
    RescueDoc,
    ResponseDoc,
    SafetyDoc,
    ScreeningDoc,
    SideEffectDoc,
    SideEffectEntryDoc,
    SummaryDocument,
    TreatmentBeganDoc,
    TreatmentDoc,
    WarningDoc,
    WindowUseDoc,
)

if TYPE_CHECKING:
    from medjournal.report.summary.summary import MedicationSummary, SummaryReport

NO_ENTRIES = N_("No entries in this period.")


def one(value: Fraction | float | None) -> float | None:
    return round_half_up(value, 1)


def whole(value: Fraction | float | None) -> int | None:
    rounded = round_half_up(value, 0)
    return None if rounded is None else int(rounded)


def summary_to_json(report: SummaryReport) -> SummaryDocument:
    data = _summary_dict(report)
    data["in_short"] = in_short(data)
    return data


def in_short(data: Mapping[str, Any]) -> str:
    """One plain line for the top of page 1: the pain change and its category, adherence, new side effects and the
    number of safety flags, each only where the summary has it.

    >>> in_short({"medications": [], "side_effects": [], "safety": {"flags": []}})
    'No medication under evaluation · no new side effects · no safety flags.'
    """
    parts = []
    evaluated = [m for m in data.get("medications") or [] if m.get("under_evaluation")]
    for med in evaluated[:2]:
        response = med.get("response") or {}
        who = f"{med['name']}: " if len(evaluated) > 1 else ""
        if response.get("category") and response.get("change_percent") is not None:
            parts.append(
                _("{who}pain {before} → {now} ({change}), {category}").format(
                    who=who,
                    before=number(response["baseline_mean"]),
                    now=number(response["current_mean"]),
                    change=percent_change(response["change_percent"]),
                    category=word(response["category"]),
                )
            )
        else:
            parts.append(why_not_compared(response, who))
        adherence = med.get("adherence") or {}
        if adherence.get("nothing_logged"):  # 0 % would read as doses missed; none was recorded either way
            parts.append(_("no dose logged"))
        elif adherence.get("percent") is not None:
            parts.append(_("{percent} of doses taken").format(percent=percent(adherence["percent"])))
    if not evaluated:
        parts.append(_("No medication under evaluation"))
    new = [e for e in data.get("side_effects") or [] if e.get("new_since_start")]
    still = [e for e in new if e.get("current_days")]
    if new:
        parts.append(
            count_of(
                len(new),
                "{n} new side effect ({still} still reported)",
                "{n} new side effects ({still} still reported)",
                still=len(still),
            )
        )
    else:
        parts.append(_("no new side effects"))
    flags = len((data.get("safety") or {}).get("flags") or [])
    parts.append(count_of(flags, "{n} safety flag", "{n} safety flags") if flags else _("no safety flags"))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:] + "."


def why_not_compared(response: Mapping[str, Any], who: str = "") -> str:
    """Why the pain of a medication under evaluation has no change, in the words of "In short" (``who``: the
    medication's name and a colon, or nothing): a start on or before the journal's first day, too few pain
    ratings before the start, a start too recent for a comparison, or too few ratings in the last days
    (docs/summary.md, "In short").

    >>> why_not_compared({"journal_began": "2026-01-05", "baseline_end": "2026-01-04"})
    'started 2026-01-05, as the journal began: no before/after comparison possible'
    """
    end = response.get("baseline_end")
    start = date.fromisoformat(end) + timedelta(days=1) if end else None
    began = response.get("journal_began")
    if began and start is not None:
        words = (
            _("{who}started {day}, as the journal began: no before/after comparison possible")
            if start.isoformat() == began
            else _("{who}started {day}, before the journal began: no before/after comparison possible")
        )
        return words.format(who=who, day=numeric_date(start))
    if start is not None and not response.get("baseline_valid"):
        return _("{who}too few pain ratings before the start to compare").format(who=who)
    if start is not None and response.get("current_start") != start.isoformat():
        return _("{who}too few pain ratings in the last {window} days to compare").format(
            who=who, window=WINDOW_DAYS
        )
    return _("{who}no pain comparison yet").format(who=who)


def _summary_dict(report: SummaryReport) -> SummaryDocument:
    pains = [row.pain for row in report.daily if row.pain is not None]
    pain_exact = [Fraction(p) for p in pains]
    return {
        "format": "medjournal-summary/1",
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "header": _header(report),
        "period": _period(report),
        "empty": report.empty,
        "message": _(NO_ENTRIES) if report.empty else None,
        "pain": {
            "mean": one(sum(pain_exact, Fraction(0)) / len(pain_exact)) if pain_exact else None,
            "min": one(min(pain_exact)) if pain_exact else None,
            "max": one(max(pain_exact)) if pain_exact else None,
            "days": len(pains),
        },
        "medications": [
            _medication(m, report.period.days, report.treatment_starts) for m in report.medications
        ],
        "side_effects": _side_effects(report),
        "side_effects_relative_to": report.side_effects_relative_to,
        "questionnaires": {
            key: [_questionnaire(q) for q in results] for key, results in report.questionnaires.items()
        },
        "safety": _safety(report),
        "warnings": _warnings(report),
        "treatments": _treatments(report),
        "questions": list(report.questions),
        "daily": _daily(report),
        "side_effect_log": _side_effect_log(report),
        "notes": [{"date": day.isoformat(), "kind": kind, "text": text} for day, kind, text in report.notes],
        "methods": list(methods()),
        "caveats": list(caveats()),
        "in_short": "",  # written by summary_to_json from the rest
    }


def _header(report: SummaryReport) -> HeaderDoc:
    return {
        "title": _("Medication journal summary"),
        "name": report.name,
        "generated_on": report.generated_at.date().isoformat(),
        "self_reported": _("Self-reported data"),
        "days_with_data": report.days_with_data,
        "imported": list(report.imported),
        "entries_after_today": report.entries_after_today,
        "disclaimer": disclaimer(),
    }


def _period(report: SummaryReport) -> PeriodDoc:
    period = report.period
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "days": period.days,
        "days_with_pain": report.days_with_pain,
        "days_with_data": report.days_with_data,
        "completeness_percent": whole(Fraction(report.days_with_pain * 100, period.days)),
        "kind": period.kind.value,
        "basis": period.basis,
        "last_visit": period.last_visit.isoformat() if period.last_visit else None,
        "visit_on_end_day": period.visit_on_end_day.isoformat() if period.visit_on_end_day else None,
    }


def _side_effects(report: SummaryReport) -> list[SideEffectDoc]:
    return [
        {
            "name": s.symptom,
            "label": s.label,
            "days": s.days,
            "mean_severity": one(s.exact_mean_severity),
            "max_severity": s.max_severity,
            "new_since_start": s.new_since_start,
            "days_before_start": s.days_before_start,
            "per_14_days_since_start": one(s.exact_per_14_since_start),
            "current_days": s.current_days,
            "first_date": s.first_day.isoformat(),
            "last_date": s.last_day.isoformat(),
            "course": list(course_words(s.course)),
            "trend": s.course.trend.value if s.course.trend is not None else None,
            "stopped": s.course.stopped_after is not None,
        }
        for s in report.side_effects
    ]


def _safety(report: SummaryReport) -> SafetyDoc:
    return {
        "flags": [
            {
                "date": f.day.isoformat(),
                "kind": f.kind,
                "detail": f.detail,
                "medication": f.medication,
                "safety_event": f.is_safety_event,
                "acknowledged": f.acknowledged,
                "recorded_on": f.recorded_on.isoformat() if f.recorded_on else None,
            }
            for f in report.flags
        ],
        "events": [
            {
                "date": e.day.isoformat(),
                "kind": e.kind,
                "detail": e.detail,
                "at": e.occurred_at,
                "recorded_at": e.recorded_at,
                "recorded_on": e.recorded_on.isoformat() if e.recorded_on else None,
            }
            for e in report.safety_events
        ],
        "screening": _screening(report),
    }


def _daily(report: SummaryReport) -> list[DailyDoc]:
    # Each value rounded once: the daily means and averages are floats (DailyRow) that recur from day to day
    # (means of ratings 0–10), and a 20-year summary rounds 50,000 of them.
    rounded: dict[float, float | None] = {}

    def one_of(value: float | None) -> float | None:
        if type(value) is not float:  # None, or an exact value (rounded from the value itself)
            return one(value)
        found = rounded.get(value)
        if found is None:
            found = rounded[value] = one(value)
        return found

    return [
        {
            "date": r.day.isoformat(),
            "pain": one_of(r.pain),
            "pain_ratings": r.pain_ratings,
            "pain_avg7": one_of(r.pain_avg7),
            "mood": one_of(r.mood),
            "mood_avg7": one_of(r.mood_avg7),
            "sleep": one_of(r.sleep),
            "sleep_avg7": one_of(r.sleep_avg7),
            "sleep_hours": one_of(r.sleep_hours),
        }
        for r in report.daily
    ]


def _side_effect_log(report: SummaryReport) -> list[SideEffectEntryDoc]:
    return [
        {
            "date": s.day.isoformat(),
            "name": s.symptom,
            "label": side_effect_label(s.symptom),
            "severity": s.severity,
            "note": s.note,
        }
        for s in report.side_effect_entries
    ]


def _screening(report: SummaryReport) -> ScreeningDoc | None:
    """docs/clinical.md §6.6: always present on page 1 (None only for a summary built without it)."""
    found = report.screening
    if found is None:
        return None
    return {
        "self_harm_asked": found.asked,
        "self_harm_yes_dates": [d.isoformat() for d in found.yes_days],
        "phq9_not_completed_after_phq2": [d.isoformat() for d in found.phq9_missing_after],
        "lines": found.lines,
    }


def _warnings(report: SummaryReport) -> list[WarningDoc]:
    """Cautions and dose notes for the doctor (the rest of Today's warnings are in ``safety.flags``)."""
    names = {m.medication.id: m.medication.name for m in report.medications}
    return [
        {
            "key": w.key,
            "kind": w.kind,
            "date": w.day.isoformat(),
            "title": w.title,
            "message": w.message,
            "source": w.source,
            "watch": w.watch,
            "medications": [names.get(i, "") for i in w.medication_ids],
            "acknowledged": w.acknowledged,
        }
        for w in report.warnings
    ]


def _questionnaire(result: QuestionnaireResult) -> QuestionnaireDoc:
    answers = [int(a) for a in result.answers]
    item: QuestionnaireDoc = {
        "date": result.day.isoformat(),
        "score": one(Fraction(result.score)),
        "answers": answers,
    }
    if result.instrument == "peg" and answers:
        item["score"] = one(Fraction(sum(answers), len(answers)))
    elif result.instrument == "pgic" and answers and 1 <= answers[0] <= len(PGIC_CHOICES):
        item["label"] = PGIC_CHOICES[answers[0] - 1]
        item["medication_id"] = result.medication_id
    elif result.instrument == "phq9":
        item["band"] = phq9_band(sum(answers))
        item["item9"] = answers[8] if len(answers) >= 9 else None
    return item


def _treatments(report: SummaryReport) -> list[TreatmentDoc]:
    grouped: dict[str, list[Treatment]] = {}
    for treatment in report.treatments:
        grouped.setdefault(treatment.kind, []).append(treatment)
    days_in_period = report.period.days
    result: list[TreatmentDoc] = []
    for kind, sessions in grouped.items():
        days = {t.day for t in sessions}
        result.append(
            {
                "kind": kind,
                "label": TREATMENT_LABELS.get(kind, kind),
                "sessions": len(sessions),
                "minutes": sum(int(t.minutes or 0) for t in sessions),
                "days": len(days),
                "first_date": min(days).isoformat(),
                "began": report.treatment_starts[kind].isoformat()
                if kind in report.treatment_starts
                else None,
                "sessions_per_week": one(Fraction(len(sessions) * 7, days_in_period))
                if days_in_period
                else None,
                "dates": sorted(day.isoformat() for day in days),
            }
        )
    return result


def _adherence(adherence: Adherence) -> AdherenceDoc:
    return {
        "scheduled": adherence.scheduled,
        "taken": adherence.taken,
        "skipped": adherence.skipped,
        "not_recorded": adherence.not_recorded,
        "percent": whole(adherence.exact_percent),
        "longest_gap_days": adherence.longest_gap_days,
        "nothing_logged": bool(
            adherence.scheduled and not (adherence.taken or adherence.skipped or adherence.extra_doses)
        ),
        "extra_doses": adherence.extra_doses,
        "skip_reasons": [{"reason": reason, "count": count} for reason, count in adherence.skip_reasons],
        "days_taken": adherence.days_taken,
        "scheduled_days": adherence.scheduled_days,
        "gaps": [
            {
                "start": g.start.isoformat(),
                "end": g.end.isoformat(),
                "days": g.days,
                "skipped": g.skipped,
                "not_recorded": g.not_recorded,
            }
            for g in adherence.gaps
        ],
        "lower_doses": [
            {"date": x.day.isoformat(), "slot": x.slot, "amount": x.amount, "prescribed": x.prescribed}
            for x in adherence.lower_doses
        ],
    }


def _valid_mean(window: Window | None) -> float | None:
    """A window's mean, shown only when the window has enough rated days."""
    return one(window.exact_mean) if window is not None and window.valid else None


def response_json(response: Response) -> ResponseDoc:
    def day(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "measure": response.measure,
        "baseline_start": day(response.baseline_start),
        "baseline_end": day(response.baseline_end),
        "baseline_mean": _valid_mean(response.baseline),
        "baseline_days": response.baseline_days,
        "baseline_valid": bool(response.baseline and response.baseline.valid),
        "current_start": day(response.current_start),
        "current_end": day(response.current_end),
        "current_mean": _valid_mean(response.current),
        "current_days": response.current_days,
        "current_valid": bool(response.current and response.current.valid),
        "change_points": one(response.exact_change),
        "change_percent": shown_percent(response.exact_change_percent),
        "category": response.category,
        "meets_two_points": response.meets_two_points,
        "weeks_since_start": response.weeks_since_start,
        "last_dose_change": day(response.last_dose_change),
        "weeks_since_dose_change": response.weeks_since_dose_change,
        "text": response.describe(),
        "notes": list(response.notes),
        "journal_began": day(response.journal_began),
    }


def _treatments_began(med: MedicationSummary, starts: dict[str, date]) -> list[TreatmentBeganDoc]:
    """Other treatments whose first session lies in or between this medication's windows (a second explanation)."""
    response = med.response
    if not med.under_evaluation or response.current_start is None or response.current_end is None:
        return []
    baseline = (
        (response.baseline_start, response.baseline_end)
        if response.baseline_start is not None and response.baseline_end is not None
        else None
    )
    return [
        {
            "kind": t.kind,
            "label": TREATMENT_LABELS.get(t.kind, t.kind),
            "date": t.day.isoformat(),
            "where": t.where,
        }
        for t in began_around(starts, baseline, (response.current_start, response.current_end))
    ]


def _medication(med: MedicationSummary, period_days: int, treatment_starts: dict[str, date]) -> MedicationDoc:
    shown = med.shown
    steps = list(med.steps)
    item: MedicationDoc = {
        "name": med.medication.name,
        "purpose": med.medication.purpose,
        "dose": shown.dose,
        "unit": shown.unit,
        "times": list(shown.times),
        "as_needed": bool(shown.as_needed),
        "max_daily": shown.max_daily,
        "started": med.started.isoformat() if med.started else None,
        "first_started": steps[0].start_date.isoformat() if steps else None,
        "stopped": med.stopped.isoformat() if med.stopped else None,
        "antidepressant": med.antidepressant,
        "under_evaluation": med.under_evaluation,
        "recent_start": med.recent_start,
        "dose_changes": _dose_changes(steps),
        "dose_steps": _dose_steps(steps),
        "adherence": _adherence(med.adherence),
        # docs/clinical.md §7 item 8: other painkillers as days used per month (30 days), for as-needed medications.
        "days_used_per_month": one(Fraction(med.adherence.days_taken * 30, period_days))
        if med.as_needed and period_days
        else None,
        "response": response_json(med.response),
        "weeks_since_start": med.response.weeks_since_start,
        "weeks_since_dose_change": med.response.weeks_since_dose_change,
        "pgic": [_questionnaire(q) for q in med.pgic],
        "rescue": [_rescue(r) for r in med.rescue],
        "measures": measures_json(med.measures),
        "today": (
            {"dose": med.today.dose, "unit": med.today.unit, "times": list(med.today.times)}
            if med.today is not None and (med.today.dose, med.today.times) != (shown.dose, shown.times)
            else None
        ),
        "judged_after_weeks": _judged(med.medication.name, med.medication.known_as),
        "treatments_began": _treatments_began(med, treatment_starts),
        "baseline_entered_later": med.baseline_note,
        "as_needed_doses": [f"{day.isoformat()} {clock}" for day, clock in med.as_needed_doses],
        "mood_response": _optional_response(med, "mood"),
        "sleep_response": _optional_response(med, "sleep"),
        "peg_response": _optional_response(med, "peg"),
        "peg_items": {
            measure.removeprefix("peg_"): response_json(med.responses[measure])
            for measure, _label in PEG_ITEMS
            if measure in med.responses
        },
        "activities": [activity_json(a) for a in med.activities],
    }
    return item


def _dose_changes(steps: list[Regimen]) -> list[DoseChangeDoc]:
    return [
        {
            "date": s.start_date.isoformat(),
            "dose": s.dose,
            "unit": s.unit,
            "reason": s.reason,
            "kind": _step_kind(steps, i),
        }
        for i, s in enumerate(steps)
    ]


def _dose_steps(steps: list[Regimen]) -> list[DoseStepDoc]:
    return [
        {
            "start": s.start_date.isoformat(),
            "end": s.end_date.isoformat() if s.end_date else None,
            "dose": s.dose,
            "unit": s.unit,
            "times": list(s.times),
            "as_needed": bool(s.as_needed),
            "stop_reason": s.stop_reason or None,
        }
        for s in steps
    ]


def _optional_response(med: MedicationSummary, measure: str) -> ResponseDoc | None:
    return response_json(med.responses[measure]) if measure in med.responses else None


def _judged(name: str, known_as: str) -> JudgedDoc | None:
    found = response_weeks(name, known_as)
    return {"weeks": found[0], "source": found[1]} if found else None


def _window_use(use: WindowUse | None) -> WindowUseDoc | None:
    if use is None:
        return None
    return {
        "start": use.first.isoformat(),
        "end": use.last.isoformat(),
        "days": use.days,
        "doses": use.doses,
        "days_per_week": one(use.exact_days_per_week),
        "doses_per_week": one(use.exact_doses_per_week),
    }


def _rescue(use: RescueUse) -> RescueDoc:
    return {"name": use.name, "before": _window_use(use.before), "now": _window_use(use.now)}


def _step_kind(steps: Iterable[Any], index: int) -> str:
    ordered = list(steps)
    if index == 0:
        return "start"
    previous_end = ordered[index - 1].end_date
    if previous_end is not None and (ordered[index].start_date - previous_end).days > 1:
        return "restart"
    return "change"
