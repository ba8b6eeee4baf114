"""``medjournal report``: the doctor-visit summary as JSON or as a PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.domain.errors import ValidationError


def _day(value: str | None, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(f"The {what} {value!r} is not a date; use YYYY-MM-DD.", what) from None


@click.command("report")
@click.option("--from", "start", metavar="DATE", help="First day of the period (default: the last visit, "
              "else 90 days ago).")
@click.option("--to", "end", metavar="DATE", help="Last day of the period (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.pdf",
              help="Write the one-page summary for the doctor as a PDF.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as JSON (format medjournal-summary/1).")
@click.pass_obj
@handle_errors
def report_command(state: Context, start: str | None, end: str | None, output: Path | None,
                   as_json: bool) -> None:
    """The doctor-visit summary for a period: JSON on stdout and/or a PDF file."""
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
    if as_json or output is None:
        click.echo(json.dumps(summary.to_json(), indent=2, ensure_ascii=False))


def register(cli: click.Group) -> None:
    cli.add_command(report_command)
