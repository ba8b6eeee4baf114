"""``med add|change|stop|restart|edit|list``, ``take`` and ``skip``."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import DAY_HELP, TIME_HELP, day_option, moment_option
from medjournal.cli.number_text import number_text
from medjournal.cli.options import json_option, note_option
from medjournal.domain import knowledge
from medjournal.domain import validation as v
from medjournal.domain.errors import ValidationError
from medjournal.domain.localtime import local_moment
from medjournal.domain.medication_state import medication_state
from medjournal.domain.records import Medication, Regimen
from medjournal.domain.same_medicine import same_medicine_notes
from medjournal.domain.schedule import SlotMatch
from medjournal.i18n import _

LATE_AFTER = timedelta(minutes=30)  # as on Today: a dose logged later than this after its time gets a hint


def _times_option(func: Any) -> Any:
    return click.option("--times", help="Times of day, e.g. 08:00 or 08:00,20:00.")(func)


@click.group("med")
def med() -> None:
    """Add, change, stop and list medications."""


@med.command("add")
@click.argument("name")
@click.option("--dose", required=True, help="Dose per intake, e.g. 30.")
@click.option("--unit", default="mg", show_default=True, help="Dose unit.")
@_times_option
@click.option("--as-needed", is_flag=True, help="Taken as needed rather than on a schedule.")
@click.option("--max-daily", help="As needed: the most doses allowed in a day.")
@click.option("--start", help=f"First day taken ({DAY_HELP}; default today).")
@click.option("--for", "purpose", default="", help="What it is for, e.g. 'low back pain'.")
@click.option("--form", default="", help="Capsule, tablet, ...")
@click.option("--stock", "stock_units", help="Units on hand (capsules, tablets), to track refills.")
@click.option("--stock-counted", help=f"When the --stock was counted ({TIME_HELP}; default now).")
@click.option("--unit-size", help="Dose in one unit, e.g. 30 for 30 mg capsules.")
@click.option("--refill-warning-days", help="Warn this many days before the stock runs out.")
@click.pass_obj
@handle_errors
def med_add(
    ctx: Context,
    name: str,
    dose: str,
    unit: str,
    times: str | None,
    as_needed: bool,
    max_daily: str | None,
    start: str | None,
    purpose: str,
    form: str,
    stock_units: str | None,
    stock_counted: str | None,
    unit_size: str | None,
    refill_warning_days: str | None,
) -> None:
    """Add a medication with its first dose step.

    Example: medjournal med add Duloxetine --dose 30 --unit mg --times 08:00 --for "low back pain"
    """
    if as_needed and times:
        raise ValidationError(_("Give either --times or --as-needed, not both."))
    if not as_needed and not times:
        raise ValidationError(_("Give the times of day with --times HH:MM[,HH:MM] or use --as-needed."))
    from medjournal.cli.stock import count_moment, say_count_moment

    counted_at = count_moment(stock_counted, stock_units, ctx.clock)
    journal = ctx.journal()
    with journal.batch():  # the medication and the moment of its count, or neither
        medication = journal.add_medication(
            name,
            dose,
            unit,
            times=times,
            as_needed=as_needed,
            max_daily=max_daily,
            start=day_option(start, ctx.clock, "start date"),
            purpose=purpose,
            form=form,
            stock_units=stock_units,
            unit_size=unit_size,
            refill_warning_days=refill_warning_days,
        )
        if counted_at is not None:
            medication = journal.update_medication(
                medication.id, stock_units=stock_units, stock_counted_at=counted_at
            )
    regimen = journal.regimens(medication.id)[-1]
    click.echo(
        _("Added {name}: {dose} from {date}.").format(
            name=medication.name, dose=_describe(regimen), date=regimen.start_date.isoformat()
        )
    )
    if counted_at is not None:
        say_count_moment(medication)
    # Said, never refused: two strengths of one medicine can be one prescription (docs/clinical.md §4.7).
    others = journal.medications()
    for note in same_medicine_notes(medication, others, journal.regimens_by_medication(), journal.today()):
        click.echo(_("Note: {message}").format(message=note.message))


@med.command("change")
@click.argument("name")
@click.option("--dose", required=True, help="The new dose per intake.")
@_times_option
@click.option("--from", "from_date", required=True, help=f"First day of the new dose ({DAY_HELP}).")
@click.option("--reason", default="", help="Why the dose changed.")
@click.pass_obj
@handle_errors
def med_change(ctx: Context, name: str, dose: str, times: str | None, from_date: str, reason: str) -> None:
    """Change the dose from a date (a new dose step); the previous step ends the day before."""
    journal = ctx.journal()
    regimen = journal.change_dose(
        name, dose, day_option(from_date, ctx.clock, "date of the change"), times=times, reason=reason
    )
    medication = journal.medication(regimen.medication_id)
    click.echo(
        _("{name}: {dose} from {date}.").format(
            name=medication.name, dose=_describe(regimen), date=regimen.start_date.isoformat()
        )
    )


@med.command("stop")
@click.argument("name")
@click.option("--on", "on", required=True, help=f"The first day it is no longer taken ({DAY_HELP}).")
@click.option("--reason", default="", help="Why it was stopped.")
@click.pass_obj
@handle_errors
def med_stop(ctx: Context, name: str, on: str, reason: str) -> None:
    """Record that a medication was stopped."""
    journal = ctx.journal()
    regimen = journal.stop_medication(name, day_option(on, ctx.clock, "stop date"), reason)
    medication = journal.medication(regimen.medication_id)
    click.echo(
        _("Stopped {name} on {date} (last day taken {last}).").format(
            name=medication.name, date=on, last=regimen.end_date
        )
    )
    if knowledge.is_antidepressant(medication.name, medication.known_as):
        click.echo(
            _(
                "Note: antidepressants are usually tapered rather than stopped at once; if you have not yet, "
                "talk it through with your prescriber. Stopping can bring dizziness, nausea, headache or "
                "'brain zaps' for a while."
            )
        )


@med.command("restart")
@click.argument("name")
@click.option("--dose", required=True, help="Dose per intake.")
@_times_option
@click.option("--as-needed", is_flag=True, help="Taken as needed.")
@click.option("--start", required=True, help=f"First day taken again ({DAY_HELP}).")
@click.option("--reason", default="", help="Why it was restarted.")
@click.pass_obj
@handle_errors
def med_restart(
    ctx: Context, name: str, dose: str, times: str | None, as_needed: bool, start: str, reason: str
) -> None:
    """Start a stopped medication again."""
    journal = ctx.journal()
    regimen = journal.restart_medication(
        name,
        dose,
        day_option(start, ctx.clock, "start date"),
        times=times,
        as_needed=as_needed,
        reason=reason,
    )
    click.echo(
        _("Restarted {name}: {dose}.").format(
            name=journal.medication(regimen.medication_id).name, dose=_describe(regimen)
        )
    )


@med.command("edit")
@click.argument("name")
@click.option(
    "--known-as",
    "known_as",
    required=True,
    help="What it is, when medjournal does not know its name: a generic (ibuprofen), a brand or a kind "
    "(nsaid, anticoagulant, ...); an empty value clears it.",
)
@click.pass_obj
@handle_errors
def med_edit(ctx: Context, name: str, known_as: str) -> None:
    """Say what a medication is, so that its combinations are checked (docs/clinical.md §4.6)."""
    journal = ctx.journal()
    medication = journal.update_medication(name, known_as=known_as)
    kind = knowledge.class_info(knowledge.drug_class(medication.name, medication.known_as)).get("label")
    if not medication.known_as:
        click.echo(_("{name}: cleared what it is known as.").format(name=medication.name))
    else:
        click.echo(
            _("{name} is now checked as {known_as} ({kind}).").format(
                name=medication.name, known_as=medication.known_as, kind=kind
            )
        )
    if kind is None:
        click.echo(
            _("medjournal does not know {name}, so its combinations are not checked.").format(
                name=medication.name
            )
        )


@med.command("list")
@json_option()
@click.option("--all", "include_archived", is_flag=True, help="Include archived medications.")
@click.pass_obj
@handle_errors
def med_list(ctx: Context, as_json: bool, include_archived: bool) -> None:
    """List medications with their dose steps."""
    journal = ctx.journal(read_only=True)
    today = journal.today()
    rows = [medication_json(m, journal.regimens(m.id), today) for m in journal.medications(include_archived)]
    if as_json:
        click.echo(
            json.dumps(
                {"format": "medjournal-medications/1", "medications": rows}, ensure_ascii=False, indent=2
            )
        )
        return
    if not rows:
        click.echo(
            _("No medications yet. Add one with: medjournal med add NAME --dose N --unit mg --times 08:00")
        )
        return
    for row in rows:
        said = {
            "current": _("{name} (current, since {date})"),
            "planned": _("{name} (planned from {date})"),
            "stopped": _("{name} (stopped, since {date})"),
        }.get(row["state"], "{name}")
        click.echo(said.format(name=row["name"], date=row["state_date"]))
        for step in row["steps"]:
            if step["start_date"] > today.isoformat():  # begins later: not running "until now"
                when = _("from {date} (planned)").format(date=step["start_date"])
            else:
                end = step["end_date"] or _("now")
                when = f"{step['start_date']} → {end}"
            schedule = _("as needed") if step["as_needed"] else ", ".join(step["times"])
            reason = f" — {step['reason']}" if step["reason"] else ""
            dose = number_text(step["dose"])
            click.echo(f"  {when}: {dose} {step['unit']} {schedule}{reason}")


def _describe(regimen: Regimen) -> str:
    dose = f"{number_text(regimen.dose)} {regimen.unit}"
    if regimen.as_needed:
        if regimen.max_daily:
            return _("{dose} as needed, at most {most} a day").format(dose=dose, most=regimen.max_daily)
        return _("{dose} as needed").format(dose=dose)
    return _("{dose} at {times}").format(dose=dose, times=", ".join(regimen.times))


def medication_json(medication: Medication, regimens: list[Regimen], today: Any) -> dict[str, Any]:
    current = next((r for r in reversed(regimens) if r.active_on(today)), None)
    state = medication_state(regimens, today)
    return {
        "id": medication.id,
        "name": medication.name,
        "purpose": medication.purpose,
        "unit": medication.unit,
        "archived": bool(medication.archived),
        "active": current is not None,
        "state": state.kind,  # current | planned | stopped | none (domain/medication_state.py)
        "state_date": state.day.isoformat() if state.day else None,
        "dose": current.dose if current else None,
        "times": list(current.times) if current else [],
        "as_needed": bool(current.as_needed) if current else None,
        "started": regimens[0].start_date.isoformat() if regimens else None,
        "stock_units": medication.stock_units,
        "unit_size": medication.unit_size,
        "known_as": medication.known_as,
        "checked": knowledge.is_known(medication.name, medication.known_as),
        "steps": [
            {
                "start_date": r.start_date.isoformat(),
                "end_date": r.end_date.isoformat() if r.end_date else None,
                "dose": r.dose,
                "unit": r.unit,
                "times": list(r.times),
                "as_needed": bool(r.as_needed),
                "max_daily": r.max_daily,
                "reason": r.reason,
                "stop_reason": r.stop_reason,
            }
            for r in regimens
        ],
    }


@click.command("take")
@click.argument("name")
@click.option("--at", "at", help=f"When it was taken ({TIME_HELP}; default now).")
@click.option("--dose", "amount", help="The amount taken, if not the scheduled dose.")
@click.option("--extra", is_flag=True, help="A real extra dose, on top of the scheduled ones.")
@note_option()
@click.pass_obj
@handle_errors
def take(ctx: Context, name: str, at: str | None, amount: str | None, extra: bool, note: str) -> None:
    """Log a dose as taken.

    It fills the nearest open scheduled slot within 4 hours (just after midnight, that can be the evening
    before's slot; a dose logged as skipped there becomes taken). Failing that, it fills the day's latest slot
    that has passed unlogged. A dose with no open slot to fill is refused (saying which dose is already
    logged) unless --extra says it is a real extra dose. A dose before the medication was first started is
    refused.
    """
    journal = ctx.journal()
    medication = journal.medication(name)
    if amount is not None:  # a bad --dose is named first, before which dose it would fill
        v.check_dose(amount, "amount")
    given = moment_option(at, ctx.clock)
    moment = given or journal.now().replace(second=0, microsecond=0)
    match = journal.dose_slot_for(medication.id, moment, "taken")
    scheduled = match.regimen is not None and not match.regimen.as_needed
    if match.slot is None and scheduled and not extra:
        raise ValidationError(no_open_slot(medication.name, match, moment), "at")
    if match.slot is not None and extra:
        raise ValidationError(
            _(
                "The {slot} dose of {name} on {date} is still open and this dose fills it; --extra is for a dose "
                "on top of the scheduled ones."
            ).format(slot=match.slot, name=medication.name, date=match.day.isoformat()),
            "extra",
        )
    logged = journal.record_dose(medication.id, "taken", at=moment, amount=amount, note=note)
    when = logged.moment.strftime("%Y-%m-%d %H:%M")
    amount_text = f" ({number_text(logged.amount)} {medication.unit})" if logged.amount is not None else ""
    values = {
        "slot": logged.slot,
        "day": logged.day.isoformat(),
        "name": medication.name + amount_text,
        "when": when,
    }
    if not logged.slot:
        said = _("Logged an extra dose of {name} taken at {when}.")
    elif logged.day != logged.moment.date():  # a bedtime dose taken after midnight
        said = _("Logged the {slot} dose of {day} of {name} taken at {when}.")
    else:
        said = _("Logged the {slot} dose of {name} taken at {when}.")
    click.echo(said.format(**values))
    if given is None and logged.slot is not None:
        planned = local_moment(logged.day, time.fromisoformat(logged.slot), logged.moment)
        if logged.moment - planned > LATE_AFTER:
            click.echo(
                _(
                    "It was due at {slot}. If it was taken at another time, correct it under History in the "
                    "window; next time give the time, e.g. --at {slot} (today is implied)."
                ).format(slot=logged.slot)
            )


def no_open_slot(name: str, match: SlotMatch, moment: datetime) -> str:
    log = match.blocked_by
    if log is not None:
        detail = (
            _("taken at {time}").format(time=log.moment.strftime("%H:%M"))
            if log.status == "taken"
            else _("skipped")
        )
        return _(
            "The {slot} dose of {name} on {date} is already logged ({detail}). For a real extra dose, add --extra."
        ).format(slot=log.slot, name=name, date=log.day.isoformat(), detail=detail)
    return _(
        "No scheduled dose of {name} is open near {date} {time}. Give the dose's time with --at, or add --extra "
        "for a real extra dose."
    ).format(name=name, date=moment.strftime("%Y-%m-%d"), time=moment.strftime("%H:%M"))


@click.command("skip")
@click.argument("name")
@click.option("--at", "at", help=f"Which dose, by its time, within 4 hours ({TIME_HELP}; default now).")
@click.option("--reason", default="", help="Why it was skipped.")
@click.pass_obj
@handle_errors
def skip(ctx: Context, name: str, at: str | None, reason: str) -> None:
    """Log a scheduled dose as skipped: the open slot nearest --at, within 4 hours (just after midnight, that can
    be the evening before's slot)."""
    journal = ctx.journal()
    logged = journal.record_dose(name, "skipped", at=moment_option(at, ctx.clock), note=reason)
    medication = journal.medication(logged.medication_id)
    click.echo(
        _("Logged the {slot} dose of {name} on {date} as skipped.").format(
            slot=logged.slot, name=medication.name, date=logged.day.isoformat()
        )
    )
