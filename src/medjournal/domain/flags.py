"""The flags shown first on the doctor summary (docs/clinical.md §4 and §6).

Safety events (PHQ-9 item 9 above 0, "yes" to the journal's self-harm question) come first, then
positive PHQ-2/GAD-2 screens, a mood fall of 3 points or more against the baseline, and, for
antidepressants only (the discontinuation cautions of section 4): a logged stop, 2 or more consecutive
scheduled days with no dose logged as taken, and doses taken lower than prescribed.

Today's warnings (domain/warnings.py) compute some of the same rules over the recent days before now; the
summary uses these flags for them instead (one computation per rule, over the period), and marks a flag
"acknowledged" when the matching warning was acknowledged in Today (``warning_keys``). What the flags do
not cover, :func:`period_warnings` takes from domain/warnings.py's own rules: combination cautions and
doses above a daily maximum; doses lower than prescribed of a medication that is not an antidepressant
come from the same adherence count as the ``lower_dose`` flag. Stock warnings are not for the doctor.

A flag says what was logged: a run of days with doses logged as skipped is "missed_doses"; a run with
nothing logged at all is "doses_not_logged" (whether the doses were taken is not known), and when nothing
was logged for the medication in the whole period the flag says so instead of counting missed days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from medjournal.domain import knowledge
from medjournal.domain import warnings as rules
from medjournal.domain.adherence import Adherence, Gap, LowerDose
from medjournal.domain.instruments import INSTRUMENTS
from medjournal.domain.records import (
    DoseLog,
    Medication,
    QuestionnaireResult,
    Regimen,
    SafetyEvent,
    later_day,
)
from medjournal.domain.response import Response
from medjournal.domain.series import round_half_up
from medjournal.domain.warnings import JournalWarning

MOOD_FALL_POINTS = 3
SCREEN_THRESHOLD = 3  # PHQ-2 and GAD-2 positive at 3 or more

# The order flags are listed in: safety events first.
KIND_ORDER = {
    "phq9_item9": 0,
    "self_harm_question": 0,
    "phq2_positive": 1,
    "gad2_positive": 1,
    "mood_fall": 2,
    "antidepressant_stopped": 3,
    "missed_doses": 3,
    "doses_not_logged": 3,
    "lower_dose": 3,
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
        if event.kind == "phq9_item9":
            detail = (
                event.detail or "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) above 0."
            )
        elif event.kind == "self_harm_question":
            detail = event.detail or "Answered yes to the question about thoughts of self-harm."
        else:
            detail = event.detail or event.kind
        flags.append(SafetyFlag(event.day, event.kind, detail, recorded_on=event.recorded_on))
    return flags


def from_screens(results: Iterable[QuestionnaireResult]) -> list[SafetyFlag]:
    """PHQ-2 or GAD-2 of 3 or more; a PHQ-9 whose items 1–2 (the PHQ-2) add up to 3 or more counts too."""
    flags = []
    for result in results:
        answers = [int(a) for a in result.answers]
        if result.instrument in ("phq2", "gad2"):
            score = sum(answers)
            if score >= SCREEN_THRESHOLD:
                name = INSTRUMENTS[result.instrument].title
                flags.append(
                    SafetyFlag(
                        result.day,
                        f"{result.instrument}_positive",
                        f"{name} score {score} (positive screen at 3 or more).",
                        warning_keys=(f"mood-screen:{result.id}",),
                        recorded_on=later_day(result.recorded_at, result.day),
                    )
                )
        elif (
            result.instrument == "phq9" and len(answers) >= 2 and answers[0] + answers[1] >= SCREEN_THRESHOLD
        ):
            flags.append(
                SafetyFlag(
                    result.day,
                    "phq2_positive",
                    f"PHQ-2 (items 1–2 of the PHQ-9) score {answers[0] + answers[1]} "
                    "(positive screen at 3 or more).",
                    warning_keys=(f"mood-screen:{result.id}",),
                    recorded_on=later_day(result.recorded_at, result.day),
                )
            )
    return flags


def from_mood(response: Response | None) -> list[SafetyFlag]:
    """Mood falling by 3 points or more against the baseline (both windows valid)."""
    if response is None or response.exact_change is None or response.current is None:
        return []
    if response.exact_change > -MOOD_FALL_POINTS:
        return []
    # Rounded half up from the exact means, as everywhere else on the summary (docs/clinical.md §5).
    before = f"{round_half_up(response.baseline.exact_mean if response.baseline else None, 1) or 0:.1f}"
    after = f"{round_half_up(response.current.exact_mean, 1) or 0:.1f}"
    fall = f"{round_half_up(abs(response.exact_change), 1) or 0:.1f}"
    return [
        SafetyFlag(
            response.current.end,
            "mood_fall",
            f"Mood fell from {before} (14 days before starting {response.medication_name}) to {after} "
            f"(last 14 days), {fall} points.",
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
            reason = (
                f" (reason: {step.stop_reason})" if step.stop_reason and step.stop_reason != "stopped" else ""
            )
            flags.append(
                SafetyFlag(
                    stop_day,
                    "antidepressant_stopped",
                    f"{name} stopped on {stop_day.isoformat()}{reason}; the label advises "
                    "tapering rather than stopping abruptly.",
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
                f"{name} taken at a lower dose than prescribed on {days} day"
                f"{'s' if days != 1 else ''} (first {first.day.isoformat()}: {first.amount:g} "
                f"instead of {first.prescribed:g}).",
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
    """domain/warnings.py's caution rule on every day in the period the set of medications taken changes."""
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
        for warning in rules.cautions([m.medication for m in medications], regimens, day):
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
        title=f"{name}: lower dose logged",
        message=(
            f"{name} taken at a lower dose than prescribed on {days} day{'s' if days != 1 else ''} "
            f"(first {first.day.isoformat()}: {first.amount:g} instead of {first.prescribed:g})."
        ),
        source=knowledge.source_text(str(knowledge.warning_rule("lower_dose").get("source", ""))),
        medication_ids=(med.medication.id,),
        acknowledged=any(k in acknowledged for k in keys),
    )


def _gap_flag(name: str, gap: Gap, adherence: Adherence) -> SafetyFlag:
    """What was logged in a run of scheduled days with no dose logged as taken, in words."""
    span = f"{gap.start.isoformat()} to {gap.end.isoformat()}"
    if not gap.nothing_logged:
        counts = f"{gap.skipped} logged as skipped"
        if gap.not_recorded:
            counts += f", {gap.not_recorded} not recorded"
        return SafetyFlag(
            gap.start,
            "missed_doses",
            f"No dose of {name} recorded as taken on {gap.days} days in a row ({span}): {counts}.",
            name,
        )
    nothing_at_all = adherence.taken == 0 and adherence.skipped == 0 and adherence.extra_doses == 0
    if nothing_at_all and gap.days == adherence.scheduled_days:
        detail = (
            f"No dose of {name} was logged in this period ({gap.days} scheduled days, {span}): "
            "whether doses were taken or missed is not known."
        )
    else:
        detail = (
            f"No dose of {name} logged on {gap.days} scheduled days in a row ({span}): nothing was "
            "recorded, so whether doses were taken or missed is not known."
        )
    return SafetyFlag(gap.start, "doses_not_logged", detail, name)
