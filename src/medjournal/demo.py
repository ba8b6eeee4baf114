"""A realistic, deterministic demo journal: a duloxetine trial for chronic low back pain.

About four weeks of baseline, duloxetine 30 mg for a week, then 60 mg; daily check-ins with believable noise, a
few missed doses, side effects that come and fade, weekly PEG with two activities of the person's own, PHQ-2 and
GAD-2 every two weeks, PGIC at four and eight weeks, physical therapy and an as-needed ibuprofen. The same
``days`` and ``seed`` on the same end day give the same journal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from medjournal.demo_measures import write_measures
from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import N_, _, language
from medjournal.storage.journal import Journal

DEFAULT_DAYS = 84
DEMO_FILENAME = "demo-journal.db"  # beside the journal: the demo never fills the real one unless asked
DEFAULT_SEED = 7
# The person's own activities and how easy each is at a week's pain of 0 (rating = ease − pain, 0–10).
DEMO_ACTIVITIES = {N_("walk 20 minutes"): 9, N_("sit through a meal"): 11}
# The demo's words are written in the language in use when it is made, as a person would write them.


# The demo's antidepressant as its person writes it, by the language the demo is written in: names the drug data
# knows (domain/drug_names.py). A name is not a message: a person's "Duloxetine" stays theirs in a German window.
DULOXETINE = {"de": "Duloxetin"}


def duloxetine() -> str:
    """ "Duloxetine", in a German demo "Duloxetin"."""
    return DULOXETINE.get(language(), "Duloxetine")


def demo_country() -> str:
    """Where the demo's person lives, by the language the demo is written in: a German-speaking demo is a
    German person's journal (German crisis lines, kilograms); the English one an American's (pounds)."""
    return "DE" if language() == "de" else "US"


@dataclass(frozen=True)
class DemoPlan:
    first_day: date
    start_day: date  # duloxetine 30 mg
    step_day: date  # duloxetine 60 mg
    last_day: date


def plan_for(last_day: date, days: int) -> DemoPlan:
    if days < 14:
        raise MedjournalError(_("The demo needs at least 14 days."))
    if days > 3660:
        raise MedjournalError(_("The demo is at most 3660 days (ten years) long."))
    first_day = last_day - timedelta(days=days - 1)
    baseline = min(28, days // 3)
    start_day = first_day + timedelta(days=baseline)
    return DemoPlan(first_day, start_day, start_day + timedelta(days=7), last_day)


def _at(day: date, hour: int, minute: int, tz: object) -> datetime:
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=tz)  # type: ignore[arg-type]


def write_demo(journal: Journal, days: int = DEFAULT_DAYS, seed: int = DEFAULT_SEED) -> DemoPlan:
    """Fill an empty journal with the demo trial ending today (by the journal's clock)."""
    if not journal.is_empty():
        raise MedjournalError(_("This journal already has entries; the demo only fills an empty journal."))
    now = journal.now()
    tz = now.tzinfo
    plan = plan_for(now.date(), days)
    rng = random.Random(seed)
    clock = FixedClock(_at(plan.first_day, 8, 0, tz))
    # Entries are written as if on their own day, so they are not marked as recorded later.
    writer = Journal(journal.db, journal.path, clock, journal.backup_dir)
    with writer.batch():
        _write(writer, clock, plan, rng, tz, now)
        write_measures(writer, clock, plan, now, seed + 1, demo_country() == "US")
        clock.set(now)
        writer.set_setting("summary_name", _("Sam Example (demo)"))
        writer.set_setting("country", demo_country())
        writer.add_question(_("Is 60 mg the right dose for me, or would a lower dose work as well?"))
        writer.add_question(_("The nausea has gone. Is it likely to come back if the dose changes?"))
        writer.add_question(_("How long should I keep taking it before we decide whether it works?"))
    return plan


def _write(
    writer: Journal, clock: FixedClock, plan: DemoPlan, rng: random.Random, tz: object, now: datetime
) -> None:
    """Day by day; on the last day (today) only what happened before ``now``: the demo never writes the future."""
    _add_medications(writer, clock, plan, tz)
    total = (plan.last_day - plan.first_day).days + 1
    missed_days = {
        plan.start_day + timedelta(days=d)
        for d in (17, 31, 44)
        if plan.start_day + timedelta(days=d) < plan.last_day
    }
    skipped_days = {
        plan.start_day + timedelta(days=d)
        for d in (24, 38)
        if plan.start_day + timedelta(days=d) < plan.last_day
    }
    for offset in range(total):
        day = plan.first_day + timedelta(days=offset)
        _write_day(writer, clock, plan, rng, _Day(day, tz, now), day in missed_days, day in skipped_days)


@dataclass(frozen=True)
class _Day:
    """One day of the demo, and the moment it is written up to (the last day ends at ``now``)."""

    day: date
    tz: object
    now: datetime

    def at(self, hour: int, minute: int = 0) -> datetime:
        return _at(self.day, hour, minute, self.tz)

    def later(self, hour: int, minute: int = 0) -> bool:
        return self.at(hour, minute) > self.now


def _add_medications(writer: Journal, clock: FixedClock, plan: DemoPlan, tz: object) -> None:
    clock.set(_at(plan.first_day, 8, 0, tz))
    writer.add_medication(
        "Ibuprofen",
        400,
        "mg",
        as_needed=True,
        max_daily=3,
        start=plan.first_day,
        purpose=_("back pain flares"),
        form="tablet",
        stock_units=48,
        unit_size=200,
    )
    _add_activities(writer)
    clock.set(_at(plan.start_day, 7, 45, tz))
    writer.add_medication(
        duloxetine(),
        30,
        "mg",
        times="08:00",
        start=plan.start_day,
        purpose=_("chronic low back pain"),
        form="capsule",
        stock_units=28,
        unit_size=30,
        refill_warning_days=5,
    )
    clock.set(_at(plan.step_day, 7, 45, tz))
    writer.change_dose(duloxetine(), 60, plan.step_day, reason=_("planned titration to 60 mg"))
    writer.add_refill(duloxetine(), 28, plan.step_day, note=_("60 mg pack (2 × 30 mg capsules a day)"))


def _write_day(
    writer: Journal,
    clock: FixedClock,
    plan: DemoPlan,
    rng: random.Random,
    today: _Day,
    missed: bool,
    skipped: bool,
) -> None:
    """One day's doses and entries. The random numbers are drawn in one fixed order: the demo is the same
    journal every time."""
    day, tz, now = today.day, today.tz, today.now
    on_drug = day >= plan.start_day
    weeks_on = (day - plan.start_day).days / 7 if on_drug else 0.0
    if not today.later(17, 30):
        _refill_when_low(writer, clock, day, tz)
    # Pain drifts from about 6.5 to about 4.2 over eight weeks on the medication, with day-to-day noise.
    trend = 6.6 - (2.4 * min(weeks_on, 8) / 8 if on_drug else 0.0)
    flare = 1.5 if rng.random() < 0.08 else 0.0
    pain = _clamp(round(trend + flare + rng.gauss(0, 0.8)))
    mood = _clamp(round(4.4 + (1.6 * min(weeks_on, 8) / 8 if on_drug else 0) + rng.gauss(0, 0.9) - flare / 2))
    insomnia = on_drug and weeks_on < 3 and rng.random() < 0.35
    sleep = _clamp(round(5.2 + (0.8 * min(weeks_on, 8) / 8) + rng.gauss(0, 1.0) - (2 if insomnia else 0)))
    hours = round(max(3.0, min(9.5, 6.4 + (sleep - 5) * 0.35 + rng.gauss(0, 0.4))) * 2) / 2

    if missed:
        pass  # forgot and did not record anything
    elif on_drug:
        _duloxetine_dose(writer, clock, rng, today, skipped)
    if (pain >= 7 or (flare and rng.random() < 0.8)) and not today.later(14):
        clock.set(today.at(13, rng.randint(0, 59)))
        writer.record_dose("Ibuprofen", "taken", at=clock.now())
        if pain >= 8 and rng.random() < 0.5 and not today.later(20):
            clock.set(today.at(19, rng.randint(0, 59)))
            writer.record_dose("Ibuprofen", "taken", at=clock.now())

    if rng.random() < 0.06:
        return  # a day without a check-in: missing, not zero
    # The evening check-in; on the last day before that evening, the check-in is made now instead.
    clock.set(min(today.at(21, rng.randint(0, 45)), now))
    locations = ["lower_back_centre", "lower_back_left"] + (
        ["buttock_left", "thigh_left"] if pain >= 6 else []
    )
    note = _("Bad flare after gardening.") if flare and rng.random() < 0.5 else ""
    writer.add_checkin(
        pain=pain, mood=mood, sleep=sleep, sleep_hours=hours, locations=locations, note=note, day=day
    )
    if rng.random() < 0.12 and not today.later(13):
        clock.set(today.at(12, rng.randint(0, 59)))
        writer.add_checkin(pain=_clamp(pain + rng.choice((-1, 1))), day=day)
        clock.set(min(today.at(21, 45), now))
    _side_effects(writer, day, plan, weeks_on, on_drug, insomnia, rng)
    # PEG asks about pain on average over the past week: the underlying level, not today's flare.
    _questionnaires(writer, day, plan, _clamp(round(trend)), mood, rng)
    if day >= plan.step_day and day.weekday() == 1 and not today.later(16):
        clock.set(today.at(16, 0))
        writer.add_treatment("physical_therapy", day=day, minutes=45, note=_("core strengthening"))
    elif day >= plan.start_day and day.weekday() in (3, 5) and rng.random() < 0.6:
        writer.add_treatment("exercise", day=day, minutes=rng.choice((20, 25, 30)), note=_("walk"))


def _duloxetine_dose(
    writer: Journal, clock: FixedClock, rng: random.Random, today: _Day, skipped: bool
) -> None:
    """The morning dose: skipped on the planned days, now and then taken late, never after ``now``."""
    clock.set(today.at(8, rng.randint(0, 50)))
    if skipped:
        if clock.now() <= today.now:
            writer.record_dose(duloxetine(), "skipped", at=clock.now(), note=_("ran out at the weekend"))
    else:
        late = rng.random() < 0.06
        taken = today.at(10 if late else 8, rng.randint(0, 40))
        clock.set(taken)
        if taken <= today.now:
            writer.record_dose(duloxetine(), "taken", at=taken)


def _add_activities(writer: Journal) -> None:
    for activity in DEMO_ACTIVITIES:
        writer.add_activity(_(activity))


REFILLS = {
    "duloxetine": (8, 56, N_("pharmacy refill, 56 × 30 mg")),
    "Ibuprofen": (6, 48, N_("bought 48 × 200 mg")),
}


def _refill_when_low(writer: Journal, clock: FixedClock, day: date, tz: object) -> None:
    """People refill a few days before they run out; the demo does too, so its stock never goes negative."""
    for key, (low, units, note) in REFILLS.items():
        name = duloxetine() if key == "duloxetine" else key
        stock = writer.medication(name).stock_units
        if stock is not None and stock < low:
            clock.set(_at(day, 17, 30, tz))
            writer.add_refill(name, units, day, note=_(note))


def _side_effects(
    writer: Journal,
    day: date,
    plan: DemoPlan,
    weeks_on: float,
    on_drug: bool,
    insomnia: bool,
    rng: random.Random,
) -> None:
    if rng.random() < 0.25:
        writer.add_side_effect("fatigue", rng.choice((1, 1, 2)), day=day)  # present before the start as well
    if not on_drug:
        return
    if weeks_on < 3:
        severity = 2 if weeks_on < 1.2 else 1
        if rng.random() < (0.9 if weeks_on < 1.5 else 0.45):
            writer.add_side_effect("nausea", severity, day=day)
    if rng.random() < 0.3:
        writer.add_side_effect("dry_mouth", 1, day=day)
    if insomnia:
        writer.add_side_effect("insomnia", 1, day=day)
    if day >= plan.step_day and rng.random() < 0.12:
        writer.add_side_effect("sweating", 1, day=day)


def _questionnaires(
    writer: Journal, day: date, plan: DemoPlan, pain: int, mood: int, rng: random.Random
) -> None:
    offset = (day - plan.first_day).days
    if offset % 7 == 6:
        interference = _clamp(pain + rng.choice((-1, 0, 1)))
        writer.add_questionnaire(
            "peg", [pain, interference, _clamp(interference + rng.choice((0, 1)))], day=day
        )
        # The person's own activities, asked with the PEG: they follow the week's pain (no draw from ``rng``,
        # so the rest of the demo stays as it was).
        for activity, ease in DEMO_ACTIVITIES.items():
            writer.rate_activity(_(activity), _clamp(ease - pain), day)
    if offset % 14 == 13:
        low = 1 if mood >= 5 else 2
        writer.add_questionnaire("phq2", [low, rng.choice((0, 1))], day=day)
        writer.add_questionnaire("gad2", [rng.choice((0, 1)), rng.choice((0, 1))], day=day)
    weeks = (day - plan.start_day).days
    if weeks in (28, 56):
        writer.add_questionnaire("pgic", [3 if weeks == 28 else 2], day=day, medication=duloxetine())


def _clamp(value: float) -> int:
    return int(max(0, min(10, value)))
