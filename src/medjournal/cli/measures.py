"""``measure``: optional weight, blood pressure with pulse, and alcohol in drinks per week (docs/clinical.md §6.7)."""

from __future__ import annotations

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import DAY_HELP, day_option
from medjournal.cli.options import date_option, note_option
from medjournal.i18n import _, format_decimal, ngettext

_DATE_HELP = f"The day it is about ({DAY_HELP}; default today)."
# A negative number (a typo such as -4) is read as the value, so that it gets the measure's own sentence.
_NEGATIVE_NUMBERS = {"ignore_unknown_options": True}


@click.group("measure")
def measure() -> None:
    """Record a measure: weight, blood pressure (bp) with pulse, or alcohol (drinks per week).

    Examples: medjournal measure weight 82.4; medjournal measure bp 128/84 --pulse 72; medjournal measure alcohol 4
    """


@measure.command("weight", context_settings=_NEGATIVE_NUMBERS)
@click.argument("value")
@click.option(
    "--unit",
    type=click.Choice(["kg", "lb"]),
    help="kg or lb (default: the weight_unit setting, else lb in the US and kg elsewhere).",
)
@date_option(_DATE_HELP)
@note_option()
@click.pass_obj
@handle_errors
def weight(ctx: Context, value: str, unit: str | None, day: str | None, note: str) -> None:
    """Record your weight, for example 82.4 (kept in kg, shown in your unit)."""
    from medjournal.domain.measures import WEIGHT, from_kg

    journal = ctx.journal()
    unit = unit or journal.weight_unit()
    entry = journal.add_measure(WEIGHT, value, unit=unit, day=day_option(day, ctx.clock), note=note)
    click.echo(
        _("Saved weight {value} {unit} for {day}.").format(
            value=format_decimal(from_kg(entry.value, unit), 1), unit=unit, day=entry.day.isoformat()
        )
    )


@measure.command("bp", context_settings=_NEGATIVE_NUMBERS)
@click.argument("pressure")
@click.option("--pulse", help="Pulse in beats a minute (optional).")
@date_option(_DATE_HELP)
@note_option()
@click.pass_obj
@handle_errors
def blood_pressure(ctx: Context, pressure: str, pulse: str | None, day: str | None, note: str) -> None:
    """Record a blood pressure as upper/lower in mmHg, for example 128/84, with --pulse if you have it."""
    from medjournal.domain.measures import BLOOD_PRESSURE, parse_pressure

    upper, lower = parse_pressure(pressure)
    entry = ctx.journal().add_measure(
        BLOOD_PRESSURE, upper, diastolic=lower, pulse=pulse, day=day_option(day, ctx.clock), note=note
    )
    reading = f"{entry.value:.0f}/{entry.diastolic}"
    if entry.pulse is not None:
        text = _("Saved blood pressure {reading} mmHg, pulse {pulse}, for {day}.").format(
            reading=reading, pulse=entry.pulse, day=entry.day.isoformat()
        )
    else:
        text = _("Saved blood pressure {reading} mmHg for {day}.").format(
            reading=reading, day=entry.day.isoformat()
        )
    click.echo(text)


@measure.command("alcohol", context_settings=_NEGATIVE_NUMBERS)
@click.argument("drinks")
@date_option("The last day of the week the drinks are counted for (default today).")
@note_option()
@click.pass_obj
@handle_errors
def alcohol(ctx: Context, drinks: str, day: str | None, note: str) -> None:
    """Record how many drinks you had in the 7 days ending on the day, for example 4."""
    from medjournal.domain.measures import ALCOHOL

    entry = ctx.journal().add_measure(ALCOHOL, drinks, day=day_option(day, ctx.clock), note=note)
    count = format_decimal(entry.value, 1)
    click.echo(
        ngettext(
            "Saved {count} drink in the week ending {day}.",
            "Saved {count} drinks in the week ending {day}.",
            1 if entry.value == 1 else 2,
        ).format(count=count, day=entry.day.isoformat())
    )
