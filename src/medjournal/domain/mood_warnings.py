"""Today's mood warnings: positive screens, a PHQ-9 of 10 or more, mood side effects rated moderate or
severe, and mood falling against the baseline. The rules are domain/safety_rules.py's, which the summary and
Trends use too; thresholds of the look-back live in data/medications.json (``mood_screen``, ``mood_drop``).

Each warning says what Today offers with it (``offers``): the PHQ-9 and the journal's own self-harm question, never
on a card made by a PHQ-9 (it asked both); what was answered since is taken away by
domain/self_harm_warnings.py. Each cites its own rule's source (``warning_rules`` in data/medications.json).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from medjournal.domain import knowledge, response, safety_rules
from medjournal.domain.records import CheckIn, Medication, QuestionnaireResult, Regimen, SideEffect
from medjournal.domain.response import Response
from medjournal.domain.series import daily_exact, round_half_up
from medjournal.domain.warning_record import JournalWarning
from medjournal.i18n import _, formatting_locale, ngettext, numeric_date, pgettext


def _band(band: str) -> str:
    """A PHQ-9 severity band ("moderate", "moderately severe", "severe") in the language in use."""
    bands = {
        "minimal": pgettext("PHQ-9 severity", "minimal"),
        "mild": pgettext("PHQ-9 severity", "mild"),
        "moderate": pgettext("PHQ-9 severity", "moderate"),
        "moderately severe": pgettext("PHQ-9 severity", "moderately severe"),
        "severe": pgettext("PHQ-9 severity", "severe"),
    }
    return bands.get(band, band)


def _rule(name: str) -> dict[str, Any]:
    return knowledge.warning_rule(name)


def _source(rule: dict[str, Any]) -> str:
    return knowledge.source_text(str(rule.get("source", "")))


def _points(name: str, score: int) -> str:
    """A card's title: "PHQ-9: 11 points" ("PHQ-9: 11 Punkte")."""
    return ngettext("{name}: {score} point", "{name}: {score} points", score).format(name=name, score=score)


def mood_screen(questionnaires: Sequence[QuestionnaireResult], today: date) -> list[JournalWarning]:
    """The latest PHQ-2 (or PHQ-9 items 1–2) and GAD-2 of the recent weeks, when positive
    (domain/safety_rules.py); a PHQ-9 that makes a severity warning makes no PHQ-2 one."""
    rule = _rule("mood_screen")
    since = today - timedelta(days=int(rule["recent_days"]))
    latest: dict[str, tuple[QuestionnaireResult, safety_rules.Screen]] = {}
    for result in sorted(questionnaires, key=lambda q: (q.day, q.id)):
        if result.day < since or result.day > today:
            continue
        found = safety_rules.screen(result)
        if found is not None:
            latest[found.family] = (result, found)
    warnings: list[JournalWarning] = []
    for family, (result, found) in sorted(latest.items()):
        if safety_rules.positive_screen(result) is None or safety_rules.phq9_severity(result) is not None:
            continue
        warnings.append(
            JournalWarning(
                key=f"mood-screen:{result.id}",
                kind="mood_screen",
                day=result.day,
                title=_points(found.name, found.score),
                message=(
                    _(
                        "Your {name} score on {day} was {score} ({threshold} or more is a positive screen for "
                        "depression)."
                    )
                    if family == "depression"
                    else _(
                        "Your {name} score on {day} was {score} ({threshold} or more is a positive screen for "
                        "anxiety)."
                    )
                ).format(
                    name=found.name,
                    day=numeric_date(result.day),
                    score=found.score,
                    threshold=safety_rules.SCREEN_POSITIVE_AT,
                )
                + " "
                + _(
                    "Low mood and anxiety can come with pain and with medication changes; please talk with your "
                    "doctor about how you have been feeling. If you ever feel unsafe, call your local emergency "
                    "number."
                ),
                source=_source(rule),
                offers=_offers(result, family),
            )
        )
    return warnings


OFFERS = ("phq9", "self_harm")  # Today offers these with a mood warning (docs/clinical.md §6.9)


def _offers(result: QuestionnaireResult, family: str) -> tuple[str, ...]:
    """A PHQ-9 asked both questions; a PHQ-2 leads on to the PHQ-9; a GAD-2 to the self-harm question."""
    if result.instrument == "phq9":
        return ()
    return OFFERS if family == "depression" else ("self_harm",)


def mood_severity(
    questionnaires: Sequence[QuestionnaireResult], side_effects: Sequence[SideEffect], today: date
) -> list[JournalWarning]:
    """A recent PHQ-9 of 10 or more, and mood side effects rated moderate or severe (domain/safety_rules.py)."""
    rule = _rule("mood_screen")
    since = today - timedelta(days=int(rule["recent_days"]))
    warnings: list[JournalWarning] = []
    phq9 = [q for q in questionnaires if q.instrument == "phq9" and since <= q.day <= today]
    latest = max(phq9, key=lambda q: (q.day, q.id), default=None)
    severity = safety_rules.phq9_severity(latest) if latest is not None else None
    if latest is not None and severity is not None:
        title = _points("PHQ-9", severity.score)
        message = _(
            "Your PHQ-9 on {day} added up to {score} ({band}). That is worth talking over with your "
            "doctor soon; the summary for your doctor lists it among the safety flags. If you ever feel "
            "unsafe, call your local emergency number."
        ).format(day=numeric_date(latest.day), score=severity.score, band=_band(severity.band))
        key = f"phq9-severity:{latest.id}"
        warnings.append(
            JournalWarning(key, "mood_severity", latest.day, title, message, _source(_rule("phq9_severity")))
        )
    by_symptom: dict[str, SideEffect] = {}
    for entry in sorted(side_effects, key=lambda e: (e.day, e.id)):
        if since <= entry.day <= today and safety_rules.mood_side_effect(entry):
            by_symptom.setdefault(entry.symptom, entry)  # the first such day: the stable key
    for symptom, first in sorted(by_symptom.items()):
        label = knowledge.side_effect_label(symptom)
        warnings.append(
            JournalWarning(
                key=f"mood-side-effect:{symptom}:{first.day.isoformat()}",
                kind="mood_severity",
                day=first.day,
                title=_("{symptom}: rated {severity}").format(
                    symptom=label, severity=_(knowledge.SEVERITY_LABELS[first.severity])
                ),
                message=_(
                    "You rated “{symptom}” as {severity} on {day}. Changes in mood can come with this medication "
                    "and with pain; please tell your doctor how you have been feeling. If you ever feel unsafe, "
                    "call your local emergency number."
                ).format(
                    symptom=label,
                    severity=_(knowledge.SEVERITY_LABELS[first.severity]),
                    day=numeric_date(first.day),
                ),
                source=_source(_rule("mood_side_effects")),
                offers=OFFERS,
            )
        )
    return warnings


def course_start(regimens: Sequence[Regimen], today: date) -> date | None:
    """The start of the current uninterrupted course of a medication taken on ``today``."""
    ordered = sorted(regimens, key=lambda r: (r.start_date, r.id))
    start: date | None = None
    previous_end: date | None = None
    for regimen in ordered:
        if regimen.start_date > today:
            break
        joined = previous_end is None or previous_end >= regimen.start_date - timedelta(days=1)
        if start is None or not joined:
            start = regimen.start_date
        previous_end = regimen.end_date if regimen.end_date is not None else date.max
    if start is None or previous_end is None or previous_end < today:
        return None
    return start


MOOD_LOOKBACK_DAYS = 366 + 14  # mood baselines of medications started up to a year ago


def mood_drop_days(regimens: Sequence[Regimen], today: date) -> list[tuple[date, date]]:
    """The days whose check-ins :func:`mood_drop` reads for one medication on ``today``, as (first, last) ranges.

    The current windows of every day of the episode it looks back over, and the baseline before the start each
    of those days is measured from (response.evaluated_start), no earlier than ``MOOD_LOOKBACK_DAYS`` before
    ``today``: a baseline older than that is not read, so it makes no warning. Reading only these days, rather
    than the whole year, is what keeps ``today --json`` quick on a journal of eight check-ins a day.
    """
    if course_start(regimens, today) is None:  # not taken today: mood_drop reads nothing
        return []
    episode = int(_rule("mood_drop")["episode_days"])
    window = response.WINDOW_DAYS  # the comparison's two windows (response.compare)
    wanted = [(today - timedelta(days=episode + window - 1), today)]
    for back in range(episode + 1):
        end = today - timedelta(days=back)
        start = response.evaluated_start([r for r in regimens if r.start_date <= end], end)
        if start is not None:
            wanted.append((start - timedelta(days=window), start - timedelta(days=1)))
    return merge_ranges(wanted, today - timedelta(days=MOOD_LOOKBACK_DAYS), today)


def merge_ranges(ranges: Sequence[tuple[date, date]], first: date, last: date) -> list[tuple[date, date]]:
    """The day ranges clipped to ``first``…``last``, overlapping and touching ones joined, in order."""
    clipped = sorted((max(a, first), min(b, last)) for a, b in ranges if max(a, first) <= min(b, last))
    merged: list[tuple[date, date]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def mood_drop(
    medication: Medication, regimens: Sequence[Regimen], checkins: Sequence[CheckIn], today: date
) -> list[JournalWarning]:
    """Mood of the last 14 days 3 or more points below the 14 days before this medication's start.

    The comparison and the rule are the summary's (domain/safety_rules.py): the start is the one the response
    is measured from, so a short stop and restart does not hide a fall.
    """
    rule = _rule("mood_drop")
    if course_start(regimens, today) is None:  # not taken today
        return []

    daily_mood = daily_exact(checkins, "mood")  # read once for all the days of the episode

    def drop_on(end: date) -> Response | None:
        response = safety_rules.mood_response_of_days(medication, regimens, daily_mood, end)
        return response if safety_rules.mood_fall(response) is not None else None

    now_drop = drop_on(today)
    if now_drop is None or now_drop.baseline is None or now_drop.current is None:
        return []
    episode = today  # the first day of the current run of days on which the drop held: the stable key
    for back in range(1, int(rule["episode_days"]) + 1):
        if drop_on(today - timedelta(days=back)) is None:
            break
        episode = today - timedelta(days=back)
    fall = safety_rules.mood_fall(now_drop)
    baseline, current = now_drop.baseline, now_drop.current
    title = _("Mood lower than before")
    message = _(
        "Your mood over the last {days} days averaged {current} out of 10, {fall} points lower than in "
        "the {baseline_days} days before you started {name} ({baseline}; {baseline_rated} and "
        "{current_rated} rated days). Mood can change for many reasons; please talk with your doctor "
        "about it."
    ).format(
        days=rule["current_days"],
        current=_one(current.exact_mean),
        fall=_one(fall),
        baseline_days=rule["baseline_days"],
        name=medication.name,
        baseline=_one(baseline.exact_mean),
        baseline_rated=baseline.days,
        current_rated=current.days,
    )
    key = f"mood-drop:{medication.id}:{episode.isoformat()}"
    return [
        JournalWarning(
            key, "mood_drop", today, title, message, _source(rule), (medication.id,), offers=OFFERS
        )
    ]


def _one(value: Fraction | None) -> str:
    """One decimal, rounded half up from the exact value, as on the summary."""
    from babel.numbers import format_decimal as babel_decimal

    return babel_decimal(round_half_up(value, 1) or 0, format="#,##0.0", locale=formatting_locale())


# -- the weekly self-harm question in the boxed-warning period ------------------------------------------

BOXED_START_DAYS = 12 * 7  # after a start (docs/clinical.md §4.3, §6.6)
BOXED_CHANGE_DAYS = 4 * 7  # after a dose change or a stop
OFFER_EVERY_DAYS = 7


def _watch_events(regimens: Sequence[Regimen], today: date) -> list[tuple[date, str, int]]:
    """(day, what happened, days it is watched for) of one medication's starts, dose changes and stops."""
    steps = sorted(regimens, key=lambda r: (r.start_date, r.id))
    found: list[tuple[date, str, int]] = []
    for previous, step in zip([None, *steps[:-1]], steps, strict=True):
        joined = (
            previous is not None
            and previous.end_date is not None
            and previous.end_date + timedelta(days=1) == step.start_date
        )
        if not joined:
            found.append((step.start_date, "started", BOXED_START_DAYS))
        elif previous is not None and abs(previous.dose - step.dose) > 1e-9:
            found.append((step.start_date, "dose changed", BOXED_CHANGE_DAYS))
    last = steps[-1] if steps else None
    if last is not None and last.end_date is not None:
        found.append((last.end_date + timedelta(days=1), "stopped", BOXED_CHANGE_DAYS))
    return [(day, what, days) for day, what, days in found if day <= today < day + timedelta(days=days)]


def self_harm_offer(
    medications: Sequence[Medication],
    regimens: dict[int, list[Regimen]],
    checkins: Sequence[CheckIn],
    questionnaires: Sequence[QuestionnaireResult],
    today: date,
) -> list[JournalWarning]:
    """In the first 12 weeks after an antidepressant's start and 4 weeks after a dose change or stop, the
    self-harm question is offered once a week when it was not answered in the last 7 days. Acknowledging it
    hides it until the next week; it never asks by itself."""
    watched: list[tuple[date, str, Medication]] = []
    for medication in medications:
        if not knowledge.is_antidepressant(medication.name, medication.known_as):
            continue
        for day, what, _days in _watch_events(regimens.get(medication.id, []), today):
            watched.append((day, what, medication))
    if not watched:
        return []
    answered = [c.day for c in checkins if c.self_harm_thoughts is not None and c.day <= today]
    answered += [q.day for q in questionnaires if q.instrument == "phq9" and len(q.answers) == 9]
    recent = [day for day in answered if today - timedelta(days=OFFER_EVERY_DAYS - 1) <= day <= today]
    if recent:
        return []
    day, what, medication = max(watched, key=lambda w: (w[0], w[2].id))
    week = (today - day).days // OFFER_EVERY_DAYS
    rule = knowledge.source_text("antidepressant_boxed_warning")
    what_happened = {
        "started": _("{name} started on {day}."),
        "dose changed": _("{name} dose changed on {day}."),
        "stopped": _("{name} stopped on {day}."),
    }
    title = _("This week's question about how you are feeling (optional)")
    message = (
        what_happened[what].format(name=medication.name, day=numeric_date(day))
        + " "
        + _(
            "In the first weeks of an antidepressant and after any change, its label asks everyone to watch "
            "for changes in mood and for thoughts of self-harm. You can answer the journal's own question in "
            "today's check-in; it is optional, and acknowledging this note hides it until next week."
        )
    )
    key = f"self-harm-offer:{medication.id}:{day.isoformat()}:{week}"
    return [
        JournalWarning(
            key, "self_harm_offer", today, title, message, rule, (medication.id,), offers=("self_harm",)
        )
    ]
