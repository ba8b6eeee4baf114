"""Words for the Trends view: one day's values (hover), the response panel, the empty and sparse states."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from medjournal.domain import safety_rules
from medjournal.domain.analysis import Response
from medjournal.domain.response import MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.domain.series import ROLLING_MIN_DAYS, round_half_up
from medjournal.report.trend_data import SEVERITY_WORDS, TrendData
from medjournal.report.trend_measures import measures_on

if TYPE_CHECKING:
    from medjournal.report.summary import Period

EMPTY_STATE = (
    "<h3>Nothing to chart yet</h3>"
    "<p>Trends appear here once the journal has a few days of entries. Each day, log a <b>check-in</b> with "
    "your pain (0–10), and your mood and sleep if you like; log the <b>doses</b> you take, and any "
    "<b>side effects</b>.</p>"
    f"<p>After a week the 7-day average shows; with {MIN_RATED_DAYS} rated days in the {WINDOW_DAYS} days "
    f"before a medication started and in the last {WINDOW_DAYS} days, this view compares them.</p>"
)

NO_MEDICATION = (
    f"Choose a medication above to shade its baseline (the {WINDOW_DAYS} days before it started) and the last "
    f"{WINDOW_DAYS} days, and to compare them."
)

CAVEAT = (
    "A before/after comparison of self-reported data: it cannot show that the medication caused a change. "
    "Back pain often eases on its own, and other treatments, dose changes and missed doses affect it. "
    "Discuss it with your doctor."
)


def sparse_hint(rated_days: int) -> str:
    """A hint shown above the charts while there are too few pain ratings for averages and comparisons."""
    days = "1 day" if rated_days == 1 else f"{rated_days} days"
    return (
        f"Only {days} with a pain rating so far. Log a check-in each day: the 7-day average needs "
        f"{ROLLING_MIN_DAYS} rated days in a week, and the before/after comparison needs {MIN_RATED_DAYS} "
        f"rated days in each {WINDOW_DAYS}-day window."
    )


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_date(day: date | None) -> str:
    return "?" if day is None else f"{day.day} {day:%b %Y}"


def describe_day(data: TrendData, day: date) -> str:
    """Everything logged on ``day``, in one line: the hover text of the Trends view."""
    ordinal = day.toordinal()
    parts = [day_label(day)]
    pain = data.pain.on(ordinal)
    average = data.pain.average_on(ordinal)
    if pain is not None:
        ratings = "1 rating" if pain[1] == 1 else f"{pain[1]} ratings"
        parts.append(f"pain {pain[0]:.1f} ({ratings})")
    else:
        parts.append("no pain rating")
    if average is not None:
        parts.append(f"7-day average {average:.1f}")
    for name, series in (("mood", data.mood), ("sleep", data.sleep)):
        value = series.on(ordinal)
        if value is not None:
            parts.append(f"{name} {value[0]:.1f}")
    for medication in data.medications:
        step = medication.step_on(day)
        scheduled = medication.scheduled_by_day.get(ordinal, 0)
        taken = medication.taken_by_day.get(ordinal, 0)
        extra = int(
            ((medication.as_needed_moments >= ordinal) & (medication.as_needed_moments < ordinal + 1)).sum()
        )
        if (step is None or step.as_needed) and not taken and not extra:
            continue
        text = f"{medication.name} {step.label()}" if step is not None else medication.name
        if scheduled:
            text += f": {taken} of {scheduled} taken"
            skipped = medication.skipped_by_day.get(ordinal, 0)
            if skipped:
                text += f", {skipped} skipped"
        if extra:
            text += f", {extra} as needed" if scheduled else f": {extra} taken"
        parts.append(text)
    for symptom, severity in data.severities_on(ordinal):
        parts.append(f"{symptom} {SEVERITY_WORDS[severity]}")
    for activity in data.activities:
        rated = activity.ratings[activity.days == ordinal]
        if len(rated):
            parts.append(f"{activity.name} {float(rated.mean()):g} of 10")
    for questionnaire in data.questionnaires:
        hits = questionnaire.scores[questionnaire.days == ordinal]
        if len(hits):
            parts.append(f"{questionnaire.title.split(' ')[0]} {float(hits[-1]):g}")
    parts.extend(measures_on(data.measures, ordinal))
    return " · ".join(parts)


def describe_response(
    pain: Response, others: list[Response], period: Period | None = None, activities: str = ""
) -> str:
    """The response panel as rich text: the pain result in words, the windows' dates, the other measures.

    A medication started more than a year before ``period`` (the one the next summary covers) has no baseline:
    the panel then says so in the summary's own words (:func:`~medjournal.report.pdf_response.old_start_html`).
    """
    if pain.baseline is None and pain.medication_start is not None and pain.current is not None:
        lines = [_old_start(pain, period)]
    else:
        lines = [f"<p><b>{_escape(pain.describe())}</b></p>"]
    if pain.medication_start is not None and pain.baseline is not None:
        lines.append(
            f"<p>Started {short_date(pain.medication_start)}"
            + (f", {pain.weeks_since_start} weeks ago" if pain.weeks_since_start is not None else "")
            + (
                f"; last dose change {short_date(pain.last_dose_change)}"
                if pain.last_dose_change is not None
                else ""
            )
            + ".</p>"
        )
    if pain.baseline_start is not None and pain.current_start is not None:
        lines.append(
            f"<p>Baseline (shaded blue): {short_date(pain.baseline_start)} – "
            f"{short_date(pain.baseline_end)}<br>Current (shaded green): "
            f"{short_date(pain.current_start)} – {short_date(pain.current_end)}</p>"
        )
    if pain.valid and pain.meets_two_points is not None:
        lines.append(
            "<p>"
            + (
                "The change is at least 2 points."
                if pain.meets_two_points
                else "The change is less than 2 points."
            )
            + "</p>"
        )
    extra = [_escape(response.describe()) for response in others]
    if activities:  # the person's own activities, one line in the summary's words (report/activities.py)
        extra.append(_escape(activities))
    if extra:
        lines.append("<p>" + "<br>".join(extra) + "</p>")
    lines += [mood_fall_note(response) for response in others if safety_rules.mood_fall(response) is not None]
    lines.append(f"<p><small>{CAVEAT}</small></p>")
    return "".join(lines)


def mood_fall_note(mood: Response) -> str:
    """The mood-fall rule (domain/safety_rules.py), as Today's warning and the summary's flag use it."""
    fall = safety_rules.mood_fall(mood)
    return (
        f"<p><b>Mood fell {round_half_up(fall, 1) or 0:.1f} points</b> against the 14 days before the start "
        f"({safety_rules.MOOD_FALL_POINTS} or more): the summary lists it among the safety flags; please talk "
        "with your doctor about it.</p>"
    )


def _old_start(pain: Response, period: Period | None) -> str:
    """The summary's line for a medication started long ago, with the period it refers to."""
    from medjournal.report.pdf_response import old_start_html
    from medjournal.report.summary_json import response_json

    start = pain.medication_start.isoformat() if pain.medication_start else None
    text = old_start_html(pain.medication_name, start, response_json(pain))
    if period is not None:
        text += (
            f"<p>This period: {_escape(period.basis)} ({short_date(period.start)} – {short_date(period.end)}), "
            "as in the summary for your doctor.</p>"
        )
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
