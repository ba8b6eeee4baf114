"""The flags shown first on the doctor summary (docs/clinical.md §4 and §6).

Safety events (PHQ-9 item 9 above 0, "yes" to the journal's self-harm question) come first, then a PHQ-9 of
15 or more, then PHQ-9 totals of 10 or more, positive PHQ-2/GAD-2 screens and mood side effects rated moderate
or severe, then a mood fall of 3 points or more against the baseline (the rules: domain/safety_rules.py), and, for
antidepressants only (the discontinuation cautions of section 4): a logged stop, 2 or more consecutive
scheduled days with no dose logged as taken, and doses taken lower than prescribed.

Today's warnings (domain/warnings.py) compute some of the same rules over the recent days before now; the
summary uses these flags for them instead (one computation per rule, over the period), and marks a flag
"acknowledged" when the matching warning was acknowledged in Today (``warning_keys``). What the flags do
not cover, :func:`period_warnings` takes from domain/warnings.py's own rules: combination cautions and
doses above a daily maximum; doses lower than prescribed of a medication that is not an antidepressant
come from the same adherence count as the ``lower_dose`` flag. Stock warnings are not for the doctor.

A flag's ``detail`` is written in the language in use as the flags are made, its days by
:func:`medjournal.i18n.numeric_date` (docs/translating.md, "Dates inside sentences"): the summary is built in
its own language, its JSON in English with ISO dates.

A flag says what was logged: a run of days with doses logged as skipped is "missed_doses"; a run with
nothing logged at all is "doses_not_logged" (whether the doses were taken is not known), and when nothing
was logged for the medication in the whole period the flag says so instead of counting missed days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from medjournal.domain import flag_words as words
from medjournal.domain import knowledge, safety_rules
from medjournal.domain import warnings as rules
from medjournal.domain.adherence import Adherence, Gap, LowerDose
from medjournal.domain.mood_warnings import _band as band_words
from medjournal.domain.records import (
    DoseLog,
    Medication,
    QuestionnaireResult,
    Regimen,
    SafetyEvent,
    SideEffect,
    later_day,
)
from medjournal.domain.response import Response
from medjournal.domain.series import round_half_up
from medjournal.domain.warnings import JournalWarning
from medjournal.i18n import _, format_decimal

# The order flags are listed in: safety events first, then a PHQ-9 of 15 or more (docs/clinical.md §6.9).
KIND_ORDER = {
    "phq9_item9": 0,
    "self_harm_question": 0,
    "phq9_severe": 1,
    "phq9_moderate": 2,
    "phq2_positive": 2,
    "gad2_positive": 2,
    "mood_side_effect": 2,
    "mood_fall": 3,
    "antidepressant_stopped": 4,
    "missed_doses": 4,
    "doses_not_logged": 4,
    "lower_dose": 4,
}


@dataclass(frozen=True)
class SafetyFlag:
    day: date
    kind: str
    detail: str
    medication: str | None = None
    # The keys of the matching warnings in Today (domain/warnings.py), to mark the flag acknowledged.
    warning_keys: tuple[str, ...] = ()
    acknowledged: bool = False
    # When the answer behind the flag was typed in after ``day`` (the day it is about): that later day.
    recorded_on: date | None = None

    @property
    def is_safety_event(self) -> bool:
        return self.kind in ("phq9_item9", "self_harm_question")


def sort_flags(flags: Iterable[SafetyFlag]) -> list[SafetyFlag]:
    return sorted(flags, key=lambda f: (KIND_ORDER.get(f.kind, 9), f.day, f.kind, f.medication or ""))


def from_safety_events(events: Iterable[SafetyEvent]) -> list[SafetyFlag]:
    flags = []
    for event in events:
        detail = words.safety_event_detail(event.kind, event.detail)
        flags.append(SafetyFlag(event.day, event.kind, detail, recorded_on=event.recorded_on))
    return flags


def from_screens(results: Iterable[QuestionnaireResult]) -> list[SafetyFlag]:
    """PHQ-2 or GAD-2 of 3 or more (a PHQ-9's items 1–2 count as a PHQ-2), and PHQ-9 totals of 10 or more.

    The rules are domain/safety_rules.py's. A PHQ-9 that makes a severity flag makes no PHQ-2 flag as well.
    """
    flags = []
    for result in results:
        later = later_day(result.recorded_at, result.day)
        severity = safety_rules.phq9_severity(result)
        if severity is not None:
            flags.append(
                SafetyFlag(
                    result.day,
                    "phq9_severe" if severity.first else "phq9_moderate",
                    _("PHQ-9 total {score} ({band}; a flag at {limit} or more).").format(
                        score=severity.score, band=band_words(severity.band), limit=safety_rules.PHQ9_FLAG_AT
                    ),
                    warning_keys=(f"phq9-severity:{result.id}",),
                    recorded_on=later,
                )
            )
            continue
        found = safety_rules.positive_screen(result)
        if found is not None:
            name = _("PHQ-2 (items 1–2 of the PHQ-9)") if result.instrument == "phq9" else found.name
            flags.append(
                SafetyFlag(
                    result.day,
                    found.kind,
                    _("{name} score {score} (positive screen at {limit} or more).").format(
                        name=name, score=found.score, limit=safety_rules.SCREEN_POSITIVE_AT
                    ),
                    warning_keys=(f"mood-screen:{result.id}",),
                    recorded_on=later,
                )
            )
    return flags


def from_side_effects(entries: Iterable[SideEffect]) -> list[SafetyFlag]:
    """Worsening depression or anxiety, mood changes, agitation rated moderate or severe: one flag per symptom,
    on its first such day in the period."""
    by_symptom: dict[str, list[SideEffect]] = {}
    for entry in entries:
        if safety_rules.mood_side_effect(entry):
            by_symptom.setdefault(entry.symptom, []).append(entry)
    flags = []
    for symptom, found in by_symptom.items():
        found.sort(key=lambda e: (e.day, e.id))
        first = found[0]
        days = sorted({e.day for e in found})
        highest = _(knowledge.SEVERITY_LABELS[max(e.severity for e in found)])
        label = knowledge.side_effect_label(symptom)
        flags.append(
            SafetyFlag(
                first.day,
                "mood_side_effect",
                words.mood_side_effect_detail(label, highest, days),
                warning_keys=(f"mood-side-effect:{symptom}:{first.day.isoformat()}",),
                recorded_on=later_day(first.recorded_at, first.day),
            )
        )
    return flags


def from_mood(response: Response | None) -> list[SafetyFlag]:
    """Mood falling by 3 points or more against the baseline (domain/safety_rules.py's rule)."""
    fall = safety_rules.mood_fall(response)
    if response is None or fall is None or response.current is None:
        return []
    # Rounded half up from the exact means, as everywhere else on the summary (docs/clinical.md §5).
    before = round_half_up(response.baseline.exact_mean if response.baseline else None, 1) or 0
    after = round_half_up(response.current.exact_mean, 1) or 0
    points = round_half_up(fall, 1) or 0
    return [
        SafetyFlag(
            response.current.end,
            "mood_fall",
            _(
                "Mood fell from {before} (14 days before starting {name}) to {after} (last 14 days), "
                "{points} points."
            ).format(
                before=format_decimal(before, 1, fixed=True),
                name=response.medication_name,
                after=format_decimal(after, 1, fixed=True),
                points=format_decimal(points, 1, fixed=True),
            ),
            response.medication_name or None,
        )
    ]


def from_antidepressant(
    name: str,
    regimens: Sequence[Regimen],
    adherence: Adherence | None,
    start: date,
    end: date,
    medication_id: int | None = None,
    logs: Sequence[DoseLog] = (),
) -> list[SafetyFlag]:
    """Stops, gaps of 2+ days and lower doses of one antidepressant in the period.

    With ``medication_id`` (and the period's ``logs``) each flag carries the keys Today's warnings use for
    the same event, so that an acknowledgement there can be shown here.
    """
    flags: list[SafetyFlag] = []
    starts = {r.start_date for r in regimens}
    for step in regimens:
        if step.end_date is None:
            continue
        stop_day = step.end_date + timedelta(days=1)
        if start <= stop_day <= end and stop_day not in starts:
            reason = step.stop_reason if step.stop_reason and step.stop_reason != "stopped" else ""
            flags.append(
                SafetyFlag(
                    stop_day,
                    "antidepressant_stopped",
                    words.stopped_detail(name, stop_day, reason),
                    name,
                    _keys(medication_id, f"stopped:{{id}}:{stop_day.isoformat()}"),
                )
            )
    if adherence is None:
        return flags
    for gap in adherence.gaps:
        flag = _gap_flag(name, gap, adherence)
        flags.append(
            replace(flag, warning_keys=_keys(medication_id, f"missed-days:{{id}}:{gap.start.isoformat()}"))
        )
    if adherence.lower_doses:
        first = adherence.lower_doses[0]
        days = len({x.day for x in adherence.lower_doses})
        flags.append(
            SafetyFlag(
                first.day,
                "lower_dose",
                words.lower_dose_detail(name, days, first),
                name,
                lower_dose_keys(medication_id, logs, adherence.lower_doses),
            )
        )
    return flags


def _keys(medication_id: int | None, pattern: str) -> tuple[str, ...]:
    return () if medication_id is None else (pattern.format(id=medication_id),)


def lower_dose_keys(
    medication_id: int | None, logs: Sequence[DoseLog], lower_doses: Sequence[LowerDose]
) -> tuple[str, ...]:
    """Today's lower-dose warning is keyed by the first such log of a dose step: any lower-dose log may be it."""
    if medication_id is None:
        return ()
    spots = {(x.day, x.slot) for x in lower_doses}
    return tuple(
        f"lower-dose:{medication_id}:{log.id}"
        for log in logs
        if log.status == "taken" and (log.day, log.slot) in spots
    )


def mark_acknowledged(flags: Iterable[SafetyFlag], acknowledged: set[str]) -> list[SafetyFlag]:
    return [replace(f, acknowledged=any(k in acknowledged for k in f.warning_keys)) for f in flags]


# -- warnings for the summary that the flags do not cover ----------------------------------------------


@dataclass(frozen=True)
class MedicationRecords:
    """One medication's records in the period, as the summary already read them."""

    medication: Medication
    steps: Sequence[Regimen]
    logs: Sequence[DoseLog]  # the period's dose logs of this medication
    adherence: Adherence
    antidepressant: bool


def period_warnings(
    medications: Sequence[MedicationRecords], start: date, end: date, acknowledged: set[str]
) -> list[JournalWarning]:
    """Combination cautions, doses above a daily maximum and (other than antidepressants) lower doses.

    Each once, dated on its first day in the period, acknowledged ones included and marked.
    """
    found = period_cautions(medications, start, end)
    for med in medications:
        found += over_daily_maximum(med, start, end)
    found = [replace(w, acknowledged=w.key in acknowledged) for w in found]
    for med in medications:
        if not med.antidepressant and med.adherence.lower_doses:
            found.append(lower_dose(med, acknowledged))
    return found


def period_cautions(medications: Sequence[MedicationRecords], start: date, end: date) -> list[JournalWarning]:
    """domain/warnings.py's caution and "not checked" rules on every day in the period the set of medications
    taken changes."""
    regimens = {m.medication.id: list(m.steps) for m in medications}
    days = {start}
    for med in medications:
        for step in med.steps:
            days.add(step.start_date)
            if step.end_date is not None:
                days.add(step.end_date + timedelta(days=1))
    ordered = sorted(d for d in days if start <= d <= end)
    found: dict[str, JournalWarning] = {}
    for day in ordered:
        taken = [m.medication for m in medications]
        for warning in rules.cautions(taken, regimens, day) + rules.not_checked(taken, regimens, day):
            found.setdefault(warning.key, warning)  # dated on the first day both were taken
    return list(found.values())


def over_daily_maximum(med: MedicationRecords, start: date, end: date) -> list[JournalWarning]:
    """domain/warnings.py's rule (which looks back a few days from a given day), run over the whole period.

    The period is cut, from its end, into back-to-back windows as long as the rule's look-back, and the rule
    is run once per window holding doses, with only that window's logs: every day is judged exactly once.
    """
    if not any(step.max_daily is not None for step in med.steps):
        return []
    size = int(knowledge.warning_rule("over_daily_maximum")["recent_days"]) + 1
    windows: dict[int, list[DoseLog]] = {}
    for log in med.logs:
        if start <= log.day <= end:
            windows.setdefault((end - log.day).days // size, []).append(log)
    found: dict[str, JournalWarning] = {}
    for index, logs in sorted(windows.items()):
        window_end = end - timedelta(days=index * size)
        for warning in rules.over_daily_maximum(med.medication, med.steps, logs, window_end):
            found.setdefault(warning.key, warning)
    return sorted(found.values(), key=lambda w: w.day)


def lower_dose(med: MedicationRecords, acknowledged: set[str]) -> JournalWarning:
    """Lower doses of a medication that is not an antidepressant, from the adherence count (not a flag)."""
    name = med.medication.name
    lower = med.adherence.lower_doses
    first = lower[0]
    days = len({x.day for x in lower})
    keys = lower_dose_keys(med.medication.id, med.logs, lower)
    return JournalWarning(
        key=keys[0] if keys else f"lower-dose:{med.medication.id}:{first.day.isoformat()}",
        kind="lower_dose",
        day=first.day,
        title=_("{name}: lower dose logged").format(name=name),
        message=words.lower_dose_detail(name, days, first),
        source=knowledge.source_text(str(knowledge.warning_rule("lower_dose").get("source", ""))),
        medication_ids=(med.medication.id,),
        acknowledged=any(k in acknowledged for k in keys),
    )


def _gap_flag(name: str, gap: Gap, adherence: Adherence) -> SafetyFlag:
    """A run of scheduled days with no dose logged as taken: "missed_doses" when some were logged as skipped,
    "doses_not_logged" when nothing was logged (saying so when nothing was logged in the whole period)."""
    if not gap.nothing_logged:
        return SafetyFlag(gap.start, "missed_doses", words.gap_detail(name, gap, False), name)
    nothing_at_all = adherence.taken == 0 and adherence.skipped == 0 and adherence.extra_doses == 0
    whole_period = nothing_at_all and gap.days == adherence.scheduled_days
    return SafetyFlag(gap.start, "doses_not_logged", words.gap_detail(name, gap, whole_period), name)
