"""``activity``: the person's own activities, each rated weekly 0 can't do - 10 as before (docs/command-line.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import DAY_HELP, day_option
from medjournal.cli.options import date_option, json_option, note_option
from medjournal.i18n import _

FORMAT = "medjournal-activities/1"


@click.group("activity")
def activity() -> None:
    """Your own activities (up to 3), each rated weekly: 0 can't do - 10 able to do as before."""


def _about_one(command: str) -> Callable[[Callable[..., None]], click.Command]:
    """An ``activity`` subcommand whose first argument names the activity, with the journal and error handling
    every command has."""

    def decorate(func: Callable[..., None]) -> click.Command:
        return activity.command(command)(click.argument("name")(click.pass_obj(handle_errors(func))))

    return decorate


@_about_one("add")
def activity_add(ctx: Context, name: str) -> None:
    """Add an activity to rate weekly, e.g. medjournal activity add "walk 20 minutes"."""
    added = ctx.journal().add_activity(name)
    click.echo(_("Added the activity “{name}”; rate it weekly with the PEG.").format(name=added.name))


@_about_one("rate")
@click.argument("rating")
@date_option(f"The day the rating is about: the week ending then ({DAY_HELP}; default today).")
@note_option()
def activity_rate(ctx: Context, name: str, rating: str, day: str | None, note: str) -> None:
    """Rate how well you could do an activity in the past week, 0 can't do - 10 able to do as before.

    Example: medjournal activity rate "walk 20 minutes" 4 --date yesterday
    """
    journal = ctx.journal()
    saved = journal.rate_activity(name, rating, day_option(day, ctx.clock, "date"), note=note)
    click.echo(
        _("Rated “{name}” {rating} of 10 for the week ending {day}.").format(
            name=journal.activity(saved.activity_id).name, rating=saved.rating, day=saved.day.isoformat()
        )
    )


@_about_one("rename")
@click.argument("new_name")
def activity_rename(ctx: Context, name: str, new_name: str) -> None:
    """Give an activity a new name; its ratings stay with it."""
    journal = ctx.journal()
    old = journal.activity(name).name
    renamed = journal.rename_activity(name, new_name)
    click.echo(_("Renamed “{old}” to “{new}”; its ratings stay.").format(old=old, new=renamed.name))


@_about_one("retire")
def activity_retire(ctx: Context, name: str) -> None:
    """Stop asking an activity; its ratings stay in History, Trends and the summary."""
    retired = ctx.journal().retire_activity(name)
    click.echo(_("“{name}” is no longer asked; its ratings stay.").format(name=retired.name))


@_about_one("restore")
def activity_restore(ctx: Context, name: str) -> None:
    """Ask a retired activity again."""
    restored = ctx.journal().restore_activity(name)
    click.echo(_("“{name}” is asked again.").format(name=restored.name))


@activity.command("list")
@click.option("--all", "include_retired", is_flag=True, help="Include activities no longer asked.")
@json_option()
@click.pass_obj
@handle_errors
def activity_list(ctx: Context, include_retired: bool, as_json: bool) -> None:
    """List your activities with their latest rating."""
    journal = ctx.journal(read_only=True)
    rows: list[dict[str, Any]] = []
    for item in journal.activities(include_retired):
        ratings = journal.activity_ratings(activity_id=item.id)
        last = ratings[-1] if ratings else None
        rows.append(
            {
                "name": item.name,
                "asked": item.active,
                "retired_on": item.retired_on.isoformat() if item.retired_on else None,
                "ratings": len(ratings),
                "last_rating": last.rating if last else None,
                "last_date": last.day.isoformat() if last else None,
            }
        )
    if as_json:
        click.echo(json.dumps({"format": FORMAT, "activities": rows}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(_('No activities yet. Add one with: medjournal activity add "walk 20 minutes"'))
        return
    for row in rows:
        said = (
            _("last rated {rating} on {day}").format(rating=row["last_rating"], day=row["last_date"])
            if row["last_date"]
            else _("not rated yet")
        )
        retired = (
            "" if row["asked"] else " · " + _("no longer asked since {day}").format(day=row["retired_on"])
        )
        click.echo(f"{row['name']}: {said}{retired}")
