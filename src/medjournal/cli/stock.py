"""``refill NAME --units N`` and ``stock``: units on hand and how long they last."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import DAY_HELP, day_option, moment_option
from medjournal.cli.number_text import number_text
from medjournal.cli.options import date_option, note_option
from medjournal.domain.clock import Clock
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import Medication
from medjournal.domain.stock import (
    AS_NEEDED_HISTORY_DAYS,
    StockStatus,
    changes_stock,
    counted,
    refill_moment,
    stock_status,
    units_text,
)
from medjournal.i18n import N_, SOURCE_LANGUAGE, _, use_language


def statuses(journal: Any) -> list[StockStatus]:
    """The stock of every medication whose stock is tracked, in name order."""
    now = journal.now()
    since = now.date() - timedelta(days=AS_NEEDED_HISTORY_DAYS)
    result: list[StockStatus] = []
    for medication in journal.medications():
        if medication.stock_units is None:
            continue
        logs = journal.dose_logs(since, now.date(), medication.id)
        status = stock_status(medication, journal.regimens(medication.id), logs, now)
        if status is not None:
            result.append(status)
    return result


def status_json(status: StockStatus) -> dict[str, Any]:
    return {
        "name": status.name,
        "units_on_hand": round(status.on_hand, 6),
        "unit_size": status.unit_size,
        "units_per_day": round(status.per_day, 6),
        "estimated_from": status.estimated_from,
        "runs_out_in_days": status.days_left,
        "runs_out_on": status.runs_out_on.isoformat() if status.runs_out_on else None,
        "refill_warning_days": status.refill_warning_days,
        "refill_due": status.refill_due,
        "negative": status.negative,
        "text": status.describe(),
    }


@click.command("refill")
@click.argument("name")
@click.option("--units", required=True, help="Units added (capsules, tablets), e.g. 28.")
@date_option(f"Day of the refill ({DAY_HELP}; default today).")
@note_option("A note, e.g. the pharmacy.")
@click.pass_obj
@handle_errors
def refill(ctx: Context, name: str, units: str, day: str | None, note: str) -> None:
    """Log a refill: adds units to the medication's stock.

    Example: medjournal refill Duloxetine --units 28
    """
    journal = ctx.journal()
    added = journal.add_refill(
        name, units, day=day_option(day, ctx.clock, N_("day of the refill")), note=note
    )
    medication = journal.medication(added.medication_id)
    click.echo(
        _("Added {count} of {name} on {day}.").format(
            count=counted(units_text(added.units), medication.form),
            name=medication.name,
            day=added.day.isoformat(),
        )
    )
    counted_at = medication.stock_counted_at
    if counted_at and not changes_stock(refill_moment(added.day, added.recorded_at), counted_at):
        click.echo(
            _(
                "The stock was counted after this refill ({moment}), so the count holds it already; the number on "
                "hand stays as it was."
            ).format(moment=datetime.fromisoformat(counted_at).strftime("%Y-%m-%d %H:%M"))
        )
    for status in statuses(journal):
        if status.medication_id == medication.id:
            click.echo(status.describe())


@click.command("stock")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_obj
@handle_errors
def stock(ctx: Context, as_json: bool) -> None:
    """Show units on hand and when each medication runs out at its schedule.

    Track a medication's stock with `med add ... --stock N --unit-size X`; log refills with `refill`.
    """
    found = statuses(ctx.journal(read_only=True))
    if as_json:  # for scripts: the same in every language, its text in English (docs/translating.md)
        with use_language(SOURCE_LANGUAGE):
            document = {"stock": [status_json(s) for s in found]}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo(
            _(
                "No stock is tracked. Start with the units on hand: medjournal refill NAME --units N "
                "(for a new medication: medjournal med add NAME ... --stock N --unit-size X)."
            )
        )
        return
    for status in found:
        click.echo(status.describe())


def count_moment(value: str | None, stock_units: str | None, clock: Clock) -> datetime | None:
    """``med add --stock-counted``: when the count given with ``--stock`` was made, in ``take --at``'s forms
    ("yesterday 20:00"); None when not given (the count is true now). Read before the journal is opened."""
    moment = moment_option(value, clock, "time counted")
    if moment is not None and stock_units is None:
        raise ValidationError(
            _("--stock-counted says when the stock given with --stock was counted; give --stock too."),
            "time counted",
        )
    return moment


def say_count_moment(medication: Medication) -> None:
    """The count and its moment, as the journal keeps them (docs/command-line.md, "Stock")."""
    assert medication.stock_units is not None and medication.stock_counted_at
    when = datetime.fromisoformat(medication.stock_counted_at).strftime("%Y-%m-%d %H:%M")
    count = counted(number_text(medication.stock_units), medication.form)
    click.echo(_("The stock of {count} was counted at {when}.").format(count=count, when=when))
