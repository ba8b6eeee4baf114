"""Warnings computed from the journal's records, with thresholds and sources kept as reviewed data.

The rules (``warning_rules`` and ``cautions`` in data/medications.json; docs/clinical.md §4 and §6):

- an antidepressant with 2 or more consecutive days with no dose logged as taken, or logged as stopped:
  a calm note about discontinuation symptoms and tapering with the prescriber;
- a scheduled dose logged lower than prescribed; more doses in a day than the daily maximum entered;
- two active medications whose classes carry a caution:
  "Ask your doctor or pharmacist about taking X with Y."; two of one ingredient: the same medicine twice;
- worsening mood: the latest PHQ-2 (or PHQ-9 items 1–2) or GAD-2 of 3 or more, or mood 3 or more points below
  the 14 days before a medication started;
- a self-harm answer (PHQ-9 question 9 above 0, or "yes" to the journal's own question) about one of the last 28
  days or typed in during them (domain/self_harm_warnings.py), listed first;
- stock running low (within the refill warning days) or below zero.

Each warning has a stable key (ids and dates only, never names) so that it can be acknowledged; acknowledged
warnings stay in the journal and are only hidden from the active list. No warning tells anyone to start, stop
or change a medication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from medjournal.domain import knowledge
from medjournal.domain.mood_warnings import MOOD_LOOKBACK_DAYS as MOOD_LOOKBACK_DAYS
from medjournal.domain.mood_warnings import OFFERS as OFFERS
from medjournal.domain.mood_warnings import course_start as course_start
from medjournal.domain.mood_warnings import (
    merge_ranges,
    mood_drop,
    mood_drop_days,
    mood_screen,
    mood_severity,
    self_harm_offer,
)
from medjournal.domain.records import (
    CheckIn,
    DoseLog,
    Medication,
    QuestionnaireResult,
    Refill,
    Regimen,
    SideEffect,
)
from medjournal.domain.same_medicine import same_medicine
from medjournal.domain.schedule import regimen_on
from medjournal.domain.self_harm_warnings import KIND as SELF_HARM_ANSWER
from medjournal.domain.self_harm_warnings import recent_days as self_harm_days
from medjournal.domain.self_harm_warnings import self_harm_answers, unanswered_offers
from medjournal.domain.stock import AS_NEEDED_HISTORY_DAYS, format_units, stock_status
from medjournal.domain.value import Value, record
from medjournal.domain.warning_record import JournalWarning as JournalWarning
from medjournal.i18n import _, format_decimal, ngettext, numeric_date

EPSILON = 1e-9
LOOKBACK_DAYS = 120  # records older than this never make a warning active


class JournalReader(Protocol):
    """What the rules read; :class:`medjournal.storage.Journal` provides it."""

    def medications(self, include_archived: bool = False) -> list[Medication]: ...
    def regimens_by_medication(self) -> dict[int, list[Regimen]]: ...
    def dose_logs(
        self, start: date | None = None, end: date | None = None, medication_id: int | None = None
    ) -> list[DoseLog]: ...
    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]: ...
    def questionnaires(
        self, start: date | None = None, end: date | None = None, instrument: str | None = None
    ) -> list[QuestionnaireResult]: ...
    def side_effects(self, start: date | None = None, end: date | None = None) -> list[SideEffect]: ...
    def refills(self, medication_id: int | None = None) -> list[Refill]: ...
    def acknowledged_warnings(self) -> set[str]: ...


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class WarningInputs(Value):
    """The records the warning rules read."""

    medications: Sequence[Medication]  # archived ones too: only their stop is still of interest
    regimens: dict[int, list[Regimen]]
    dose_logs: Sequence[DoseLog]
    checkins: Sequence[CheckIn]
    questionnaires: Sequence[QuestionnaireResult]
    refills: Sequence[Refill] = ()
    side_effects: Sequence[SideEffect] = ()


def journal_warnings(
    journal: JournalReader, now: datetime, include_acknowledged: bool = False
) -> list[JournalWarning]:
    """The warnings of the journal at ``now``; acknowledged ones only when asked (marked as such)."""
    today = now.date()
    start = today - timedelta(days=LOOKBACK_DAYS)
    medications = journal.medications(include_archived=True)
    regimens = journal.regimens_by_medication()
    mood_days = merge_ranges(
        [r for m in medications if not m.archived for r in mood_drop_days(regimens.get(m.id, []), today)]
        + [(today - timedelta(days=self_harm_days() - 1), today)],  # self-harm answers, and what was answered
        date.min,
        today,
    )
    inputs = WarningInputs(
        medications=medications,
        regimens=regimens,
        dose_logs=journal.dose_logs(start, today),
        checkins=[c for first, last in mood_days for c in journal.checkins(first, last)],
        questionnaires=journal.questionnaires(start, today),
        refills=journal.refills(),
        side_effects=journal.side_effects(start, today),
    )
    acknowledged = journal.acknowledged_warnings()
    found = [replace(w, acknowledged=w.key in acknowledged) for w in compute_warnings(inputs, now)]
    return found if include_acknowledged else [w for w in found if not w.acknowledged]


def journal_prompts(journal: JournalReader, now: datetime) -> list[JournalWarning]:
    """Optional questions Today offers (not warnings): the weekly self-harm question in the first weeks of an
    antidepressant and after a dose change or stop (docs/clinical.md §6.6). Acknowledged ones are left out."""
    today = now.date()
    since = today - timedelta(days=7)
    found = self_harm_offer(
        journal.medications(),
        journal.regimens_by_medication(),
        journal.checkins(since, today),
        journal.questionnaires(since, today, instrument="phq9"),
        today,
    )
    acknowledged = journal.acknowledged_warnings()
    return [w for w in found if w.key not in acknowledged]


def compute_warnings(inputs: WarningInputs, now: datetime) -> list[JournalWarning]:
    today = now.date()
    found: list[JournalWarning] = []
    for medication in inputs.medications:
        regimens = inputs.regimens.get(medication.id, [])
        if not regimens:
            continue
        antidepressant = knowledge.is_antidepressant(medication.name, medication.known_as)
        if antidepressant:
            found += stopped(medication, regimens, today)
        if medication.archived:
            continue
        logs = [log for log in inputs.dose_logs if log.medication_id == medication.id]
        if antidepressant:
            found += missed_days(medication, regimens, logs, today)
        found += lower_dose(medication, regimens, logs, today)
        found += over_daily_maximum(medication, regimens, logs, today)
        found += mood_drop(medication, regimens, inputs.checkins, today)
        found += stock(medication, regimens, logs, inputs.refills, now)
    found += cautions([m for m in inputs.medications if not m.archived], inputs.regimens, today)
    found += not_checked([m for m in inputs.medications if not m.archived], inputs.regimens, today)
    found += mood_screen(inputs.questionnaires, today)
    found += mood_severity(inputs.questionnaires, inputs.side_effects, today)
    found += self_harm_answers(inputs.questionnaires, inputs.checkins, today)
    found = unanswered_offers(found, inputs.questionnaires, inputs.checkins, today)
    found.sort(key=lambda w: (w.day, w.key), reverse=True)
    found.sort(key=lambda w: w.kind != SELF_HARM_ANSWER)  # self-harm answers first, each group newest first
    return found


def _rule(name: str) -> dict[str, Any]:
    return knowledge.warning_rule(name)


def _source(rule: dict[str, Any]) -> str:
    return knowledge.source_text(str(rule.get("source", "")))


def _dose(value: float, unit: str) -> str:
    return f"{format_decimal(value, 3)} {unit}"


# -- antidepressants: gaps and stops -------------------------------------------------------------------


def missed_days(
    medication: Medication, regimens: Sequence[Regimen], logs: Sequence[DoseLog], today: date
) -> list[JournalWarning]:
    """Runs of consecutive days, while scheduled, with no dose logged as taken.

    Only days since the first dose logged for this medication count: a start date entered far in the past
    is not a gap in taking it, only in logging it.
    """
    rule = _rule("missed_days")
    needed, recent = int(rule["consecutive_days"]), int(rule["recent_days"])
    if not logs:
        return []
    symptoms = knowledge.discontinuation_symptoms()
    warnings: list[JournalWarning] = []
    for start, end in _untaken_runs(regimens, logs, today):
        count = (end - start).days + 1
        if count < needed or end < today - timedelta(days=recent):
            continue
        warnings.append(
            JournalWarning(
                key=f"missed-days:{medication.id}:{start.isoformat()}",
                kind="missed_days",
                day=end,
                title=ngettext("No {name} logged for {n} day", "No {name} logged for {n} days", count).format(
                    name=medication.name, n=count
                ),
                message=ngettext(
                    "No dose of {name} was logged as taken on {n} day in a row ({start} to {end}). Missing doses "
                    "of an antidepressant can bring on discontinuation symptoms, for example {symptoms}. Any "
                    "stop or lower dose is usually planned as a gradual taper with the prescriber: if this was "
                    "not planned, or you notice such symptoms, consider contacting them.",
                    "No dose of {name} was logged as taken on {n} days in a row ({start} to {end}). Missing "
                    "doses of an antidepressant can bring on discontinuation symptoms, for example {symptoms}. "
                    "Any stop or lower dose is usually planned as a gradual taper with the prescriber: if this "
                    "was not planned, or you notice such symptoms, consider contacting them.",
                    count,
                ).format(
                    name=medication.name,
                    n=count,
                    start=numeric_date(start),
                    end=numeric_date(end),
                    symptoms=symptoms,
                ),
                source=_source(rule),
                medication_ids=(medication.id,),
            )
        )
    return warnings


def _untaken_runs(
    regimens: Sequence[Regimen], logs: Sequence[DoseLog], today: date
) -> list[tuple[date, date]]:
    """Runs of scheduled days with no dose logged as taken, from the first dose logged (at most LOOKBACK_DAYS
    back) to yesterday; ``logs`` must not be empty."""
    first_logged = min(log.day for log in logs)
    taken_days = {log.day for log in logs if log.status == "taken"}
    runs: list[tuple[date, date]] = []
    run_start: date | None = None
    day = max(first_logged, today - timedelta(days=LOOKBACK_DAYS))
    while day < today:  # today is not over yet
        regimen = regimen_on(regimens, day)
        scheduled = regimen is not None and not regimen.as_needed
        if scheduled and day not in taken_days:
            run_start = run_start or day
        else:
            if run_start is not None:
                runs.append((run_start, day - timedelta(days=1)))
            run_start = None
        day += timedelta(days=1)
    if run_start is not None:
        runs.append((run_start, today - timedelta(days=1)))
    return runs


def stopped(medication: Medication, regimens: Sequence[Regimen], today: date) -> list[JournalWarning]:
    rule = _rule("stopped")
    last = max(regimens, key=lambda r: (r.start_date, r.id))
    if last.end_date is None or not last.stop_reason:
        return []
    stop_day = last.end_date + timedelta(days=1)
    if today - stop_day > timedelta(days=int(rule["recent_days"])):
        return []
    symptoms = knowledge.discontinuation_symptoms()
    title = _("{name} stopped").format(name=medication.name)
    message = _(
        "{name} is logged as stopped from {day}. Stopping an antidepressant, especially suddenly, can "
        "bring on discontinuation symptoms, for example {symptoms}. Stopping is usually planned as a "
        "gradual taper with the prescriber: if you notice such symptoms or have questions, contact them."
    ).format(name=medication.name, day=numeric_date(stop_day), symptoms=symptoms)
    key = f"stopped:{medication.id}:{stop_day.isoformat()}"
    return [JournalWarning(key, "stopped", stop_day, title, message, _source(rule), (medication.id,))]


# -- doses lower than prescribed, more than the daily maximum ------------------------------------------


def lower_dose(
    medication: Medication, regimens: Sequence[Regimen], logs: Sequence[DoseLog], today: date
) -> list[JournalWarning]:
    """Scheduled doses logged as taken with an amount below the dose of that day's step, per step."""
    rule = _rule("lower_dose")
    since = today - timedelta(days=int(rule["recent_days"]))
    by_step: dict[int, list[tuple[DoseLog, Regimen]]] = {}
    for log in logs:
        if log.status != "taken" or log.slot is None or log.amount is None or log.day < since:
            continue
        regimen = regimen_on(regimens, log.day)
        if regimen is not None and log.amount < regimen.dose - EPSILON:
            by_step.setdefault(regimen.id, []).append((log, regimen))
    warnings: list[JournalWarning] = []
    for found in by_step.values():
        found.sort(key=lambda pair: (pair[0].day, pair[0].taken_at, pair[0].id))
        first, regimen = found[0]
        latest = found[-1][0]
        extra = (
            " " + _("Lower doses of an antidepressant can also bring on discontinuation symptoms.")
            if knowledge.is_antidepressant(medication.name, medication.known_as)
            else ""
        )
        title = _("{name}: lower dose logged").format(name=medication.name)
        message = ngettext(
            "A dose of {name} lower than the prescribed {dose} was logged once since {since} "
            "(latest: {latest} on {day}).{extra} If this was not planned, discuss it with your prescriber.",
            "A dose of {name} lower than the prescribed {dose} was logged {n} times since {since} "
            "(latest: {latest} on {day}).{extra} If this was not planned, discuss it with your prescriber.",
            len(found),
        ).format(
            name=medication.name,
            dose=_dose(regimen.dose, regimen.unit),
            n=len(found),
            since=numeric_date(first.day),
            latest=_dose(latest.amount or 0, regimen.unit),
            day=numeric_date(latest.day),
            extra=extra,
        )
        key = f"lower-dose:{medication.id}:{first.id}"
        warnings.append(
            JournalWarning(key, "lower_dose", latest.day, title, message, _source(rule), (medication.id,))
        )
    return warnings


def over_daily_maximum(
    medication: Medication, regimens: Sequence[Regimen], logs: Sequence[DoseLog], today: date
) -> list[JournalWarning]:
    rule = _rule("over_daily_maximum")
    since = today - timedelta(days=int(rule["recent_days"]))
    per_day: dict[date, int] = {}
    for log in logs:
        if log.status == "taken" and log.day >= since:
            per_day[log.day] = per_day.get(log.day, 0) + 1
    warnings: list[JournalWarning] = []
    for day, count in sorted(per_day.items()):
        regimen = regimen_on(regimens, day)
        if regimen is None or regimen.max_daily is None or count <= regimen.max_daily:
            continue
        warnings.append(
            JournalWarning(
                key=f"over-max:{medication.id}:{day.isoformat()}",
                kind="over_daily_maximum",
                day=day,
                title=_("{name}: more than the daily maximum").format(name=medication.name),
                message=_(
                    "{name} on {day}: {n} doses were logged, more than the daily maximum of {maximum} in your "
                    "journal. If you find you need it more often than planned, talk with your doctor or "
                    "pharmacist."
                ).format(name=medication.name, day=numeric_date(day), n=count, maximum=regimen.max_daily),
                source=_source(rule),
                medication_ids=(medication.id,),
            )
        )
    return warnings


# -- combinations --------------------------------------------------------------------------------------


def cautions(
    medications: Sequence[Medication], regimens: dict[int, list[Regimen]], today: date
) -> list[JournalWarning]:
    """Pairs of medications active today whose classes carry a caution in the reviewed data (docs/clinical.md
    §4.4), each with its wording and what to watch for; a firmer caution for a pair replaces the ones it names.
    Two entries of one ingredient get the same-medicine caution instead (domain/same_medicine.py, §4.7)."""
    active = [m for m in medications if regimen_on(regimens.get(m.id, []), today) is not None]
    active.sort(key=lambda m: m.name.lower())
    warnings: list[JournalWarning] = []
    for index, first in enumerate(active):
        for second in active[index + 1 :]:
            if (twice := same_medicine(first, second, regimens, today)) is not None:
                warnings.append(twice)
                continue
            found = [(c, *pair) for c in knowledge.cautions() if (pair := _caution_order(c, first, second))]
            replaced = {key for c, _, _ in found for key in c.get("replaces", [])}
            for caution, x, y in found:
                if caution["key"] not in replaced:
                    warnings.append(_caution(caution, x, y, today))
    return warnings


def _caution_order(
    caution: dict[str, Any], a: Medication, b: Medication
) -> tuple[Medication, Medication] | None:
    """The pair in the caution's order (its first flag's medication first), or None when it does not apply."""
    flag_a, flag_b = caution["when"]
    class_a = knowledge.drug_class(a.name, a.known_as)
    class_b = knowledge.drug_class(b.name, b.known_as)
    if knowledge.class_has(class_a, flag_a) and knowledge.class_has(class_b, flag_b):
        return a, b
    if knowledge.class_has(class_b, flag_a) and knowledge.class_has(class_a, flag_b):
        return b, a
    return None


def _caution(caution: dict[str, Any], x: Medication, y: Medication, today: date) -> JournalWarning:
    wording: dict[str, str] = knowledge.load("medications")["caution_wording"]
    message = _(wording[caution.get("wording", "default")]).format(x=x.name, y=y.name)
    watch = knowledge.load("medications")["watch_for"].get(caution.get("watch", ""), "")
    watch = _(watch) if watch else ""
    low, high = sorted((x.id, y.id))
    return JournalWarning(
        key=f"caution:{low}-{high}:{caution['key']}",
        kind="caution",
        day=today,
        title=_("{x} with {y}: {topic}").format(x=x.name, y=y.name, topic=_(caution["topic"])),
        message=message,
        source=knowledge.source_text(caution["source"]),
        medication_ids=(x.id, y.id),
        watch=watch,
    )


def not_checked(
    medications: Sequence[Medication], regimens: dict[int, list[Regimen]], today: date
) -> list[JournalWarning]:
    """Medications taken today that the reviewed data does not know: their combinations were not checked
    (docs/clinical.md §4.6). Nothing is said when nothing else is taken with them."""
    active = [m for m in medications if regimen_on(regimens.get(m.id, []), today) is not None]
    if len(active) < 2:
        return []
    unknown = [m for m in active if not knowledge.is_known(m.name, m.known_as)]
    return [_not_checked(m, today) for m in sorted(unknown, key=lambda m: m.name.lower())]


def _not_checked(medication: Medication, today: date) -> JournalWarning:
    title = _("{name}: combinations not checked").format(name=medication.name)
    message = _(
        "medjournal does not know {name}, so its combinations were not checked; ask your pharmacist. "
        "You can say what it is in Medications."
    ).format(name=medication.name)
    key = f"not-checked:{medication.id}"
    return JournalWarning(key, "not_checked", today, title, message, medication_ids=(medication.id,))


# -- mood ----------------------------------------------------------------------------------------------


# -- stock ---------------------------------------------------------------------------------------------


def stock(
    medication: Medication,
    regimens: Sequence[Regimen],
    logs: Sequence[DoseLog],
    refills: Sequence[Refill],
    now: datetime,
) -> list[JournalWarning]:
    """A refill reminder within the refill warning days, and a clear note when the count is below zero."""
    recent = [log for log in logs if log.day >= now.date() - timedelta(days=AS_NEEDED_HISTORY_DAYS)]
    status = stock_status(medication, regimens, recent, now)
    if status is None or not status.refill_due:
        return []
    refill_count = sum(1 for r in refills if r.medication_id == medication.id)
    kind = "negative" if status.negative else "low"
    title = (
        _("{name}: stock below zero ({units})").format(
            name=medication.name, units=format_units(status.on_hand)
        )
        if status.negative
        else _("{name}: refill soon").format(name=medication.name)
    )
    return [
        JournalWarning(
            key=f"stock-{kind}:{medication.id}:{refill_count}",
            kind="stock",
            day=now.date(),
            title=title,
            message=status.describe(),
            source=_("Your stock count and schedule"),
            medication_ids=(medication.id,),
        )
    ]
