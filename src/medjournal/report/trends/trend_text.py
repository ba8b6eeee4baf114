"""Words for the Trends view: one day's values (hover), the response panel, the empty and sparse states."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from medjournal.domain import safety_rules
from medjournal.domain.analysis import Response
from medjournal.domain.response import MIN_RATED_DAYS, WINDOW_DAYS
from medjournal.domain.series import ROLLING_MIN_DAYS, round_half_up
from medjournal.i18n import N_, _, format_date, format_decimal, formatting_locale, ngettext
from medjournal.report.trends.trend_data import SEVERITY_WORDS, TrendData
from medjournal.report.trends.trend_measures import measures_on

if TYPE_CHECKING:
    from medjournal.report.summary.summary import Period


def empty_state() -> str:
    """The Trends view before there is anything to chart, in the window's language."""
    return _(
        "<h3>Nothing to chart yet</h3>"
        "<p>Trends appear here once the journal has a few days of entries. Each day, log a <b>check-in</b> with "
        "your pain (0–10), and your mood and sleep if you like; log the <b>doses</b> you take, and any "
        "<b>side effects</b>.</p>"
        "<p>After a week the 7-day average shows; with {rated} rated days in the {window} days before a "
        "medication started and in the last {window} days, this view compares them.</p>"
    ).format(rated=MIN_RATED_DAYS, window=WINDOW_DAYS)


def no_medication() -> str:
    return _(
        "Choose a medication above to shade its baseline (the {window} days before it started) and the last "
        "{window} days, and to compare them."
    ).format(window=WINDOW_DAYS)


def caveat() -> str:
    return _(
        "A before/after comparison of self-reported data: it cannot show that the medication caused a change. "
        "Back pain often eases on its own, and other treatments, dose changes and missed doses affect it. "
        "Discuss it with your doctor."
    )


def sparse_hint(rated_days: int) -> str:
    """A hint shown above the charts while there are too few pain ratings for averages and comparisons."""
    return ngettext(
        "Only {n} day with a pain rating so far. Log a check-in each day: the 7-day average needs "
        "{weekly} rated days in a week, and the before/after comparison needs {rated} rated days in each "
        "{window}-day window.",
        "Only {n} days with a pain rating so far. Log a check-in each day: the 7-day average needs "
        "{weekly} rated days in a week, and the before/after comparison needs {rated} rated days in each "
        "{window}-day window.",
        rated_days,
    ).format(n=rated_days, weekly=ROLLING_MIN_DAYS, rated=MIN_RATED_DAYS, window=WINDOW_DAYS)


def day_label(day: date) -> str:
    """A day with its weekday, by locale: "Sun 15 Mar 2026", German "So., 15. März 2026"."""
    # Translators: a CLDR date pattern (weekday, day, month, year); order and punctuation as your language writes them.
    return format_date(day, _("EEE d MMM y"))


def short_date(day: date | None) -> str:
    # Translators: a CLDR date pattern (day, month, year): "15 Mar 2026".
    return "?" if day is None else format_date(day, _("d MMM y"))


def describe_day(data: TrendData, day: date) -> str:
    """Everything logged on ``day``, in one line: the hover text of the Trends view."""
    ordinal = day.toordinal()
    parts = [day_label(day)]
    pain = data.pain.on(ordinal)
    average = data.pain.average_on(ordinal)
    if pain is not None:
        parts.append(
            ngettext("pain {value} ({n} rating)", "pain {value} ({n} ratings)", pain[1]).format(
                value=_one(pain[0]), n=pain[1]
            )
        )
    else:
        parts.append(_("no pain rating"))
    if average is not None:
        parts.append(_("7-day average {value}").format(value=_one(average)))
    for template, series in ((N_("mood {value}"), data.mood), (N_("sleep {value}"), data.sleep)):
        value = series.on(ordinal)
        if value is not None:
            parts.append(_(template).format(value=_one(value[0])))
    parts += _medication_parts(data, day)
    for symptom, severity in data.severities_on(ordinal):
        parts.append(f"{symptom} {_(SEVERITY_WORDS[severity])}")
    for activity in data.activities:
        rated = activity.ratings[activity.days == ordinal]
        if len(rated):
            parts.append(
                _("{name} {value} of 10").format(
                    name=activity.name, value=format_decimal(float(rated.mean()))
                )
            )
    for questionnaire in data.questionnaires:
        hits = questionnaire.scores[questionnaire.days == ordinal]
        if len(hits):
            parts.append(f"{questionnaire.title.split(' ')[0]} {format_decimal(float(hits[-1]))}")
    parts.extend(measures_on(data.measures, ordinal))
    return " · ".join(parts)


def _medication_parts(data: TrendData, day: date) -> list[str]:
    """Each medication's doses on ``day``: "Duloxetine 60 mg: 1 of 1 taken"."""
    ordinal = day.toordinal()
    parts = []
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
            text += _(": {taken} of {scheduled} taken").format(taken=taken, scheduled=scheduled)
            skipped = medication.skipped_by_day.get(ordinal, 0)
            if skipped:
                text += _(", {n} skipped").format(n=skipped)
        if extra:
            text += (_(", {n} as needed") if scheduled else _(": {n} taken")).format(n=extra)
        parts.append(text)
    return parts


def describe_response(
    pain: Response, others: list[Response], period: Period | None = None, activities: str = ""
) -> str:
    """The response panel as rich text: the pain result in words, the windows' dates, the other measures.

    A medication started more than a year before ``period`` (the one the next summary covers) has no baseline:
    the panel then says so in the summary's own words (:func:`~medjournal.report.pdf.pdf_response.old_start_html`).
    """
    if pain.baseline is None and pain.medication_start is not None and pain.current is not None:
        lines = [_old_start(pain, period)]
    else:
        lines = [f"<p><b>{_escape(pain.describe())}</b></p>"]
    if pain.medication_start is not None and pain.baseline is not None:
        lines.append(f"<p>{_escape(_started(pain))}</p>")
    if pain.baseline_start is not None and pain.current_start is not None:
        lines.append(
            "<p>"
            + _escape(
                _("Baseline (shaded blue): {start} – {end}").format(
                    start=short_date(pain.baseline_start), end=short_date(pain.baseline_end)
                )
            )
            + "<br>"
            + _escape(
                _("Current (shaded green): {start} – {end}").format(
                    start=short_date(pain.current_start), end=short_date(pain.current_end)
                )
            )
            + "</p>"
        )
    if pain.valid and pain.meets_two_points is not None:
        lines.append(
            "<p>"
            + (
                _("The change is at least 2 points.")
                if pain.meets_two_points
                else _("The change is less than 2 points.")
            )
            + "</p>"
        )
    extra = [_escape(response.describe()) for response in others]
    if (
        activities
    ):  # the person's own activities, one line in the summary's words (report/summary/activities.py)
        extra.append(_escape(activities))
    if extra:
        lines.append("<p>" + "<br>".join(extra) + "</p>")
    lines += [mood_fall_note(response) for response in others if safety_rules.mood_fall(response) is not None]
    lines.append(f"<p><small>{_escape(caveat())}</small></p>")
    return "".join(lines)


def _started(pain: Response) -> str:
    """ "Started 1 Mar 2026, 6 weeks ago; last dose change 20 Mar 2026." """
    text = _("Started {day}").format(day=short_date(pain.medication_start))
    if pain.weeks_since_start is not None:
        weeks = pain.weeks_since_start
        text += ngettext(", {n} week ago", ", {n} weeks ago", weeks).format(n=weeks)
    if pain.last_dose_change is not None:
        text += _("; last dose change {day}").format(day=short_date(pain.last_dose_change))
    return text + "."


def mood_fall_note(mood: Response) -> str:
    """The mood-fall rule (domain/safety_rules.py), as Today's warning and the summary's flag use it."""
    fall = safety_rules.mood_fall(mood)
    return _(
        "<p><b>Mood fell {points} points</b> against the 14 days before the start ({limit} or more): the "
        "summary lists it among the safety flags; please talk with your doctor about it.</p>"
    ).format(
        points=_one(round_half_up(fall, 1) or 0),
        limit=format_decimal(safety_rules.MOOD_FALL_POINTS),
    )


def _old_start(pain: Response, period: Period | None) -> str:
    """The summary's line for a medication started long ago, with the period it refers to."""
    from medjournal.report.pdf.pdf_response import old_start_html
    from medjournal.report.summary.summary_json import response_json

    start = pain.medication_start.isoformat() if pain.medication_start else None
    text = old_start_html(pain.medication_name, start, response_json(pain), _short_iso_date)
    if period is not None:
        from medjournal.report.summary.period_text import describe_period

        text += (
            "<p>"
            + _escape(
                _("This period: {period} ({start} – {end}), as in the summary for your doctor.").format(
                    period=describe_period(period), start=short_date(period.start), end=short_date(period.end)
                )
            )
            + "</p>"
        )
    return text


def _short_iso_date(value: str | None) -> str:
    """A day of the summary's JSON (``2026-03-15``) as Trends writes days ("15 Mar 2026")."""
    return short_date(date.fromisoformat(value)) if value else ""


def _one(value: float) -> str:
    """A rating with one decimal in the locale's digits: "4.0", German "4,0"."""
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(value, format="#,##0.0", locale=formatting_locale())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
