"""``medjournal report``: the doctor-visit summary as JSON or as a PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.domain.errors import ValidationError
from medjournal.report.methods import CAVEAT_SHORT


def _day(value: str | None, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(f"The {what} {value!r} is not a date; use YYYY-MM-DD.", what) from None


@click.command("report")
@click.option(
    "--from",
    "start",
    metavar="DATE",
    help="First day of the period (default: the last visit, else 90 days ago).",
)
@click.option("--to", "end", metavar="DATE", help="Last day of the period (default: today).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.pdf",
    help="Write the one-page summary for the doctor as a PDF.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the summary as JSON (format medjournal-summary/1)."
)
@click.pass_obj
@handle_errors
def report_command(
    state: Context, start: str | None, end: str | None, output: Path | None, as_json: bool
) -> None:
    """The doctor-visit summary for a period: in words, as JSON (--json) or as a PDF (-o FILE.pdf).

    The period is since the last recorded visit, else the last 90 days, unless --from/--to say otherwise.
    """
    from medjournal.report.summary import build_summary

    first, last = _day(start, "start date"), _day(end, "end date")
    if first is not None and last is not None and first > last:
        raise ValidationError("The period starts after it ends (--from is later than --to).", "from")
    write_pdf: Any = None
    if output is not None:
        if output.suffix.lower() != ".pdf":
            raise ValidationError(f"The output file {output} must end in .pdf.", "output")
        try:
            from medjournal.report.pdf import write_pdf
        except ImportError:
            raise click.ClickException("PDF output is not available in this build; use --json.") from None
    journal = state.journal()
    summary = build_summary(journal, start=first, end=last, now=state.clock.now())
    if output is not None:
        written = write_pdf(summary, output, journal)
        click.echo(f"Wrote {written}", err=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2, ensure_ascii=False))
    elif output is None:
        click.echo("\n".join(summary_lines(summary.to_json())))


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The summary's key numbers in a few lines of words, for the terminal."""
    period = data["period"]
    lines = [
        f"Summary {period['start']} to {period['end']} ({period['basis']}): pain rated on "
        f"{period['days_with_pain']} of {period['days']} days; self-reported data."
    ]
    if data["empty"]:
        lines.append(data["message"])
    for flag in data["safety"]["flags"]:
        lines.append(f"! {flag['date']}: {flag['detail']}")
    compared = False
    for med in data["medications"]:
        adherence = med["adherence"]
        schedule = "as needed" if med["as_needed"] else ", ".join(med["times"])
        if adherence["percent"] is None:
            taken = f"{adherence['extra_doses']} doses taken on {adherence['days_taken']} days"
        elif adherence.get("nothing_logged"):
            taken = f"no dose logged in the period ({adherence['scheduled']} scheduled, none recorded)"
        else:
            taken = (
                f"{adherence['percent']}% taken ({adherence['taken']} of {adherence['scheduled']}, "
                f"{adherence['skipped']} skipped, {adherence['not_recorded']} not recorded)"
            )
        lines.append(f"{med['name']} {med['dose']:g} {med['unit']} {schedule}: {taken}")
        if med["under_evaluation"] or (med.get("recent_start") is False and not med["as_needed"]):
            lines.append(f"  {med['response']['text']}")
            compared = True
    if compared:
        lines.append(f"  {CAVEAT_SHORT}")
    for effect in data["side_effects"]:
        new = ", new since start" if effect["new_since_start"] else ""
        lines.append(
            f"{effect['label']}: {effect['days']} days, mean severity {effect['mean_severity']:.1f}, "
            f"max {effect['max_severity']}{new}"
        )
    lines.append("Use --json for every number, or -o FILE.pdf for the page for your doctor.")
    return lines


def register(cli: click.Group) -> None:
    cli.add_command(report_command)
