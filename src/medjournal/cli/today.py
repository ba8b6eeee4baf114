"""``today [--at TIME] [--json]``: the day's doses (due, taken, late, skipped, missed, not recorded, upcoming),
as-needed counts and active warnings. A slot's status is domain/schedule.py's rule."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import date, datetime
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.number_text import number_text
from medjournal.domain.records import DaySlot
from medjournal.domain.schedule import regimen_on
from medjournal.domain.warnings import JournalWarning, journal_prompts, journal_warnings
from medjournal.i18n import N_, SOURCE_LANGUAGE, _, format_date, use_language

STATUS_WORDS = {
    "taken": N_("taken"),
    "late": N_("taken late"),
    "skipped": N_("skipped"),
    "missed": N_("missed, not recorded"),
    "not_recorded": N_("not recorded"),  # came due before the journal knew the medication: never missed
    "due": N_("due now"),
    "upcoming": N_("upcoming"),
}


def as_needed_counts(journal: Any, day: date) -> list[dict[str, Any]]:
    """Doses taken on ``day`` of each medication taken as needed that day, with its daily maximum."""
    counts: list[dict[str, Any]] = []
    logs = journal.dose_logs(day, day)
    for medication in journal.medications():
        regimen = regimen_on(journal.regimens(medication.id), day)
        if regimen is None or not regimen.as_needed:
            continue
        taken = sum(1 for log in logs if log.medication_id == medication.id and log.status == "taken")
        counts.append(
            {
                "medication": medication.name,
                "dose": regimen.dose,
                "unit": regimen.unit,
                "taken": taken,
                "max_daily": regimen.max_daily,
            }
        )
    return counts


def extra_doses(journal: Any, day: date) -> list[dict[str, Any]]:
    """Taken doses of scheduled medications that belong to no slot."""
    names = {m.id: m.name for m in journal.medications(include_archived=True)}
    found = []
    for log in journal.dose_logs(day, day):
        regimen = regimen_on(journal.regimens(log.medication_id), day)
        if log.slot is None and log.status == "taken" and (regimen is None or not regimen.as_needed):
            found.append(
                {
                    "medication": names.get(log.medication_id, "?"),
                    "taken_at": log.taken_at,
                    "amount": log.amount,
                }
            )
    return found


def slot_json(slot: DaySlot) -> dict[str, Any]:
    log = slot.log
    return {
        "medication": slot.medication_name,
        "slot": slot.slot,
        "dose": slot.dose,
        "unit": slot.unit,
        "status": slot.status,
        "taken_at": log.taken_at if log is not None and log.status == "taken" else None,
        "amount": log.amount if log is not None else None,
        "note": log.note if log is not None else "",
    }


def _slot_line(slot: DaySlot) -> str:
    words = _(STATUS_WORDS[slot.status]) if slot.status in STATUS_WORDS else slot.status
    log = slot.log
    if log is not None and log.status == "taken":
        words = _("{status} at {time}").format(status=words, time=log.moment.strftime("%H:%M"))
        if log.amount is not None and abs(log.amount - slot.dose) > 1e-9:
            words += f" ({number_text(log.amount)} {slot.unit})"
    return f"  {slot.slot}  {slot.medication_name} {number_text(slot.dose)} {slot.unit}: {words}"


def _warning_lines(warning: JournalWarning) -> list[str]:
    lines = [f"  ! {warning.message}"]
    if warning.watch:
        lines.append(f"    {warning.watch}")
    if warning.source:
        lines.append("    " + _("Source: {source}").format(source=warning.source))
    return lines


@click.command("today")
@click.option("--at", "at", help="Show the day as at this time (YYYY-MM-DD HH:MM; default now).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
@handle_errors
def today(ctx: Context, at: str | None, as_json: bool) -> None:
    """That day's doses: due, taken, skipped, missed and upcoming; as-needed counts and active warnings.

    Example: medjournal today --at "2026-03-15 21:00"
    """
    journal = ctx.journal(read_only=True)
    # --json is for scripts: English and ISO whatever the language (the warnings' texts are written as they are made).
    with use_language(SOURCE_LANGUAGE) if as_json else nullcontext():
        _today(journal, at, as_json)


def _moment(journal: Any, at: str | None) -> datetime:
    """The time the day is shown as at: ``--at``, or now."""
    if not at:
        return journal.now()  # type: ignore[no-any-return]
    from medjournal.domain.entries import as_moment  # the validators load only when --at is given

    return as_moment(at, "time")


def _today(journal: Any, at: str | None, as_json: bool) -> None:
    now = _moment(journal, at)
    day = now.date()
    slots = journal.day_slots(day, now)
    as_needed = as_needed_counts(journal, day)
    extras = extra_doses(journal, day)
    warnings = journal_warnings(journal, now)
    prompts = journal_prompts(journal, now)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "date": day.isoformat(),
                    "at": now.isoformat(timespec="minutes"),
                    "slots": [slot_json(s) for s in slots],
                    "as_needed": as_needed,
                    "extra_doses": extras,
                    "warnings": [w.to_json() for w in warnings],
                    "prompts": [w.to_json() for w in prompts],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    weekday = format_date(day, "EEEE")
    click.echo(
        _("{weekday} {date}, at {time}").format(
            weekday=weekday, date=day.isoformat(), time=now.strftime("%H:%M")
        )
    )
    if not slots and not as_needed:
        click.echo("  " + _("No doses scheduled."))
    for slot in slots:
        click.echo(_slot_line(slot))
    for count in as_needed:
        taken = (
            _("{taken} of at most {most} taken").format(taken=count["taken"], most=count["max_daily"])
            if count["max_daily"] is not None
            else _("{taken} taken").format(taken=count["taken"])
        )
        click.echo(
            "  "
            + _("as needed")
            + f"  {count['medication']} {number_text(count['dose'])} {count['unit']}: {taken}"
        )
    for extra in extras:
        moment = datetime.fromisoformat(extra["taken_at"]).strftime("%H:%M")
        click.echo(
            "  " + _("extra") + f"  {extra['medication']}: " + _("taken at {time}").format(time=moment)
        )
    if warnings:
        click.echo(_("Warnings:"))
        for warning in warnings:
            for line in _warning_lines(warning):
                click.echo(line)
    for prompt in prompts:
        click.echo(prompt.title)  # its title says it is optional
        click.echo(f"  {prompt.message}")
        click.echo("  " + _("Answer it with: medjournal checkin --self-harm yes|no"))
