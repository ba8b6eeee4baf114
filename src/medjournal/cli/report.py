"""``medjournal report``: the doctor-visit summary as JSON or as a PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import day_option
from medjournal.domain.errors import ValidationError
from medjournal.i18n import SOURCE_LANGUAGE, _, language, use_language
from medjournal.report.language import summary_language
from medjournal.report.methods import CAVEAT_SHORT, not_checked_text
from medjournal.report.pages import MAX_COPIES
from medjournal.report.summary_types import MedicationDoc, SummaryDocument, WarningDoc

if TYPE_CHECKING:
    from medjournal.report.summary import SummaryReport


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
@click.option("--print", "to_printer", is_flag=True, help="Print the summary on a printer.")
@click.option("--printer", metavar="NAME", help="With --print: the printer (default: the system's default).")
@click.option("--pages", metavar="1|all|N-M", help="With --print: the pages to print (default: all).")
@click.option("--copies", metavar="N", help="With --print: how many copies (default: 1).")
@click.pass_obj
@handle_errors
def report_command(
    state: Context,
    start: str | None,
    end: str | None,
    output: Path | None,
    as_json: bool,
    to_printer: bool,
    printer: str | None,
    pages: str | None,
    copies: str | None,
) -> None:
    """The doctor-visit summary for a period: in words, as JSON (--json), as a PDF (-o FILE.pdf) or on
    paper (--print).

    The period is since the last recorded visit, else the last 90 days, unless --from/--to say otherwise.
    """
    from medjournal.report.summary import build_summary

    first, last = _period(state, start, end)
    today = state.clock.now().date()
    job = print_job(to_printer, printer, pages, copies)
    write_pdf: Any = _pdf_writer(state, output) if output is not None else None
    journal = state.journal()
    built: dict[str, SummaryReport] = {}

    def summary_in(code: str | None) -> SummaryReport:
        """The summary made in a language (its texts, the warnings' among them, are written as it is built)."""
        with use_language(code) as chosen:
            if chosen not in built:
                built[chosen] = build_summary(journal, start=first, end=last, now=state.clock.now())
        return built[chosen]

    if output is not None or job is not None:  # paper for the doctor, in the summary's language
        paper = summary_in(summary_language(journal))
        if output is not None:
            written = write_pdf(paper, output, journal)
            click.echo(_("Wrote {path}").format(path=written), err=as_json)
            from medjournal.storage.cipher import key_of

            if key_of(journal.db.conn) is not None:  # docs/data-safety.md: the summary is for the doctor
                click.echo(
                    _("The PDF is not encrypted: it is meant to be given to your doctor."), err=as_json
                )
        if job is not None:
            click.echo(job.run(paper, journal), err=as_json)
    if as_json:  # for scripts: English and ISO in every language (docs/summary-format.md)
        with use_language(SOURCE_LANGUAGE):
            document = summary_in(SOURCE_LANGUAGE).to_json()
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif output is None and job is None:  # for the person at the terminal, in their language
        click.echo("\n".join(summary_lines(summary_in(language()).to_json())))
    later = next(iter(built.values())).entries_after_today
    if later:
        click.echo(
            f"Note: {later} {'entry' if later == 1 else 'entries'} dated after today ({today.isoformat()}) "
            f"{'is' if later == 1 else 'are'} not in this summary; check their dates in History.",
            err=as_json or output is not None or job is not None,
        )


def _period(state: Context, start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to, checked: in order, and not after today."""
    first, last = day_option(start, state.clock, "start date"), day_option(end, state.clock, "end date")
    if first is not None and last is not None and first > last:
        raise ValidationError("The period starts after it ends (--from is later than --to).", "from")
    today = state.clock.now().date()
    if last is not None and last > today:
        raise ValidationError(
            f"The end date {last.isoformat()} is after today ({today.isoformat()}): a summary covers days that "
            "have happened; use --to with today or an earlier day.",
            "to",
        )
    return first, last


def _pdf_writer(state: Context, output: Path) -> Any:
    """``write_pdf``, once ``-o`` is known to name a new .pdf file (checked before the journal is read)."""
    if output.suffix.lower() != ".pdf":
        raise ValidationError(f"The output file {output} must end in .pdf.", "output")
    from medjournal.storage.output_file import check_new_target

    check_new_target(output, state.db_path)  # never over an existing file, the journal included
    try:
        from medjournal.report.pdf import write_pdf
    except ImportError:
        raise click.ClickException("PDF output is not available in this build; use --json.") from None
    return write_pdf


class PrintJob:
    """``--print``: checked before the journal is read; Qt's print support is loaded only here."""

    def __init__(self, printer: str | None, pages: Any, copies: int) -> None:
        self.printer = printer
        self.pages = pages
        self.copies = copies

    def run(self, summary: Any, journal: Any) -> str:
        from medjournal.report import printing

        device = printing.printer_for(self.printer)
        device.setCopyCount(self.copies)
        return printing.print_summary(summary, journal, device, pages=self.pages).sentence()


def print_job(
    to_printer: bool, printer: str | None, pages: str | None, copies: str | None
) -> PrintJob | None:
    if not to_printer:
        for flag, value in (("--printer", printer), ("--pages", pages), ("--copies", copies)):
            if value is not None:
                raise ValidationError(f"{flag} goes with --print.", flag.strip("-"))
        return None
    if printer is not None and not printer.strip():
        raise ValidationError("The printer name is empty; leave out --printer for the default.", "printer")
    count = 1
    if copies is not None:
        try:
            count = int(copies.strip())
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_COPIES:
            raise ValidationError(
                f"The copies {copies!r} must be a whole number from 1 to {MAX_COPIES}.", "copies"
            )
    from medjournal.report.pages import parse_pages

    return PrintJob(printer.strip() if printer else None, parse_pages(pages), count)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_lines(data: SummaryDocument) -> list[str]:
    """The summary's key numbers in a few lines of words, for the terminal: what page 1 of the PDF says,
    briefly (the 2-point check, the impression of change and the cautions included)."""
    period = data["period"]
    lines = [
        f"Summary {period['start']} to {period['end']} ({period['basis']}): pain rated on "
        f"{period['days_with_pain']} of {plural(period['days'], 'day')}; self-reported data."
    ]
    if data["empty"] and data["message"]:
        lines.append(data["message"])
    for flag in data["safety"]["flags"]:  # safety first, then the one line in short
        later = f" (recorded on {flag['recorded_on']})" if flag.get("recorded_on") else ""
        lines.append(f"! {flag['date']}: {flag['detail']}{later}")
    screening = data["safety"]["screening"]
    lines += [f"  {line}" for line in (screening["lines"] if screening else [])]
    if not data["empty"] and data.get("in_short"):
        lines.append(f"In short: {data['in_short']}")
    compared = False
    for med in data["medications"]:
        lines.append(_medication_line(med))
        if med["under_evaluation"] or (med.get("recent_start") is False and not med["as_needed"]):
            lines += _response_lines(med)
            lines += _baseline_note(med)
            compared = True
    if compared:  # about every comparison above, so not indented under the last medication
        lines.append(CAVEAT_SHORT)
    lines += warning_lines(data["warnings"])
    for effect in data["side_effects"]:
        course = "".join(f", {words}" for words in effect.get("course") or [])
        lines.append(
            f"{effect['label']}: {plural(effect['days'], 'day')}, mean severity {effect['mean_severity']:.1f}, "
            f"max {effect['max_severity']}{course}"
        )
    lines.append("Use --json for every number, or -o FILE.pdf for the page for your doctor.")
    return lines


def _medication_line(med: MedicationDoc) -> str:
    adherence = med["adherence"]
    schedule = "as needed" if med["as_needed"] else ", ".join(med["times"])
    if adherence["percent"] is None:
        taken = (
            f"{plural(adherence['extra_doses'], 'dose')} taken on {plural(adherence['days_taken'], 'day')}"
        )
    elif adherence.get("nothing_logged"):
        taken = f"no dose logged in the period ({adherence['scheduled']} scheduled, none recorded)"
    else:
        taken = (
            f"{adherence['percent']}% taken ({adherence['taken']} of {adherence['scheduled']}, "
            f"{adherence['skipped']} skipped, {adherence['not_recorded']} not recorded)"
        )
    return f"{med['name']} {med['dose']:g} {med['unit']} {schedule}: {taken}"


def _baseline_note(med: MedicationDoc) -> list[str]:
    """ "Baseline entered on … for the 14 days before": ratings typed in later are less reliable."""
    note = med.get("baseline_entered_later")
    return (
        [f"  Note: {note}; ratings written afterwards are less reliable than ratings made on the day."]
        if note
        else []
    )


def _response_lines(med: MedicationDoc) -> list[str]:
    """The before/after line, then the 2-point check and the person's impression of change (PGIC)."""
    response = med.get("response") or {}
    lines = [f"  {response.get('text', '')}"]
    checks = []
    meets = response.get("meets_two_points")
    if meets is not None:
        checks.append(f"change of 2 points or more: {'yes' if meets else 'no'}")
    answers = med.get("pgic") or []
    if answers:
        said = "; ".join(f"{a.get('date')} {a.get('label') or a.get('score')}" for a in answers[-3:])
        checks.append(f"impression of change (PGIC): {said}")
    else:
        checks.append("impression of change (PGIC): not answered in this period")
    lines.append("  " + checks[0][0].upper() + "; ".join(checks)[1:] + ".")
    for use in med["rescue"]:
        before, now = use["before"], use["now"]
        if before is not None and now is not None:
            lines.append(
                f"  {use['name']} as needed, per week before → now: {before['days_per_week']:.1f} → "
                f"{now['days_per_week']:.1f} days, {before['doses_per_week']:.1f} → {now['doses_per_week']:.1f} doses."
            )
    from medjournal.report.measure_change import measures_text

    if measured := measures_text(med.get("measures") or []):
        lines.append(f"  {measured}.")
    return lines


def warning_lines(warnings: list[WarningDoc]) -> list[str]:
    """Cautions (with their source) and dose notes, as page 1 prints them; days above a daily maximum
    gathered into one line per medication."""
    groups: dict[tuple[str, str], list[WarningDoc]] = {}
    for index, warning in enumerate(warnings):
        kind = str(warning.get("kind", ""))
        names = warning.get("medications") or [""]
        key = str(names[0]) if kind == "over_daily_maximum" else "" if kind == "not_checked" else str(index)
        groups.setdefault((kind, key), []).append(warning)
    lines = []
    for (kind, name), group in groups.items():
        first = group[0]
        if kind == "over_daily_maximum":
            dates = ", ".join(str(w.get("date")) for w in group)
            text = (
                f"Above the daily maximum: {name}: more doses than the daily maximum logged on "
                f"{plural(len(group), 'day')}: {dates}."
            )
        elif kind == "not_checked":
            text = f"Not checked: {not_checked_text(group)}"
        elif kind == "caution":
            text = f"Caution: {first.get('message')} Both taken from {first.get('date')}."
            if first.get("source"):
                text += f" Source: {first['source']}."
        else:
            label = "Lower dose" if kind == "lower_dose" else kind.replace("_", " ").capitalize()
            text = f"{label}: {first.get('message')}"
        if all(w.get("acknowledged") for w in group):
            text += " (acknowledged)"
        lines.append(f"! {text}")
    return lines
