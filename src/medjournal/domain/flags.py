"""The flags shown first on the doctor summary (CLINICAL.md sections 4 and 6).

Safety events (PHQ-9 item 9 above 0, "yes" to the journal's self-harm question) come first, then
positive PHQ-2/GAD-2 screens, a mood fall of 3 points or more against the baseline, and, for
antidepressants only (the discontinuation cautions of section 4): a logged stop, 2 or more consecutive
scheduled days with no dose logged as taken, and doses taken lower than prescribed.

A flag says what was logged: a run of days with doses logged as skipped is "missed_doses"; a run with
nothing logged at all is "doses_not_logged" (whether the doses were taken is not known), and when nothing
was logged for the medication in the whole period the flag says so instead of counting missed days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from medjournal.domain.adherence import Adherence, Gap
from medjournal.domain.instruments import INSTRUMENTS
from medjournal.domain.records import QuestionnaireResult, Regimen, SafetyEvent
from medjournal.domain.response import Response
from medjournal.domain.series import round_half_up

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
        flags.append(SafetyFlag(event.day, event.kind, detail))
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
                )
            )
    return flags


def from_mood(response: Response | None) -> list[SafetyFlag]:
    """Mood falling by 3 points or more against the baseline (both windows valid)."""
    if response is None or response.exact_change is None or response.current is None:
        return []
    if response.exact_change > -MOOD_FALL_POINTS:
        return []
    # Rounded half up from the exact means, as everywhere else on the summary (CLINICAL.md 5).
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
    name: str, regimens: Sequence[Regimen], adherence: Adherence | None, start: date, end: date
) -> list[SafetyFlag]:
    """Stops, gaps of 2+ days and lower doses of one antidepressant in the period."""
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
                )
            )
    if adherence is None:
        return flags
    for gap in adherence.gaps:
        flags.append(_gap_flag(name, gap, adherence))
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
            )
        )
    return flags


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
