"""``medjournal report``: the doctor-visit summary as JSON or as a PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.dates import day_option
from medjournal.cli.options import json_option, output_option
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, SOURCE_LANGUAGE, _, language, use_language
from medjournal.report.language import summary_language
from medjournal.report.pdf.pages import MAX_COPIES
from medjournal.report.pdf.pdf_text import (
    WARNING_LABELS,
    count_of,
    course_words,
    dose_text,
    number,
    percent,
    word,
)
from medjournal.report.summary.methods import CAVEAT_SHORT, not_checked_text
from medjournal.report.summary.summary_types import MedicationDoc, SummaryDocument, WarningDoc

if TYPE_CHECKING:
    from medjournal.report.summary.summary import SummaryReport


@click.command("report")
@click.option(
    "--from",
    "start",
    metavar="DATE",
    help="First day of the period (default: the last visit, else 90 days ago).",
)
@click.option("--to", "end", metavar="DATE", help="Last day of the period (default: today).")
@output_option("Write the one-page summary for the doctor as a PDF.", metavar="FILE.pdf")
@json_option("Print the summary as JSON (format medjournal-summary/1).")
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
    from medjournal.report.summary.summary import build_summary

    first, last = _period(state, start, end)
    today = state.clock.now().date()
    job = print_job(to_printer, printer, pages, copies)
    write_pdf: Any = _pdf_writer(state, output) if output is not None else None
    journal = state.journal(existing=True)  # only reads: a mistyped --db is refused (cli/journal_place.py)
    built: dict[tuple[str, bool], SummaryReport] = {}

    def summary_in(code: str | None, iso_days: bool = False) -> SummaryReport:
        """The summary made in a language (its texts, the warnings' among them, are written as it is built);
        ``iso_days`` for the terminal, whose dates stay YYYY-MM-DD."""
        with use_language(code, iso_days=iso_days) as chosen:
            if (chosen, iso_days) not in built:
                built[chosen, iso_days] = build_summary(journal, start=first, end=last, now=state.clock.now())
        return built[chosen, iso_days]

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
        click.echo("\n".join(summary_lines(summary_in(language(), iso_days=True).to_json())))
    _entries_after_today(next(iter(built.values())).entries_after_today, today, as_json or output or job)


def _entries_after_today(later: int, today: date, to_stderr: object) -> None:
    """Entries dated after today are left out of the summary, and the person is told (on stderr beside --json
    or a file)."""
    if later:
        click.echo(
            count_of(
                later,
                "Note: {n} entry dated after today ({today}) is not in this summary; check its date in History.",
                "Note: {n} entries dated after today ({today}) are not in this summary; check their dates in History.",
                today=today.isoformat(),
            ),
            err=bool(to_stderr),
        )


def _period(state: Context, start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to, checked: in order, and not after today."""
    first, last = day_option(start, state.clock, "start date"), day_option(end, state.clock, N_("end date"))
    if first is not None and last is not None and first > last:
        raise ValidationError(_("The period starts after it ends (--from is later than --to)."), "from")
    today = state.clock.now().date()
    if last is not None and last > today:
        raise ValidationError(
            _(
                "The end date {end} is after today ({today}): a summary covers days that have happened; use --to "
                "with today or an earlier day."
            ).format(end=last.isoformat(), today=today.isoformat()),
            "to",
        )
    return first, last


def _pdf_writer(state: Context, output: Path) -> Any:
    """``write_pdf``, once ``-o`` is known to name a new .pdf file (checked before the journal is read)."""
    if output.suffix.lower() != ".pdf":
        raise ValidationError(_("The output file {path} must end in .pdf.").format(path=output), "output")
    from medjournal.storage.output_file import check_new_target

    check_new_target(output, state.db_path)  # never over an existing file, the journal included
    try:
        from medjournal.report.pdf.pdf import write_pdf
    except ImportError:
        raise click.ClickException(_("PDF output is not available in this build; use --json.")) from None
    return write_pdf


class PrintJob:
    """``--print``: checked before the journal is read; Qt's print support is loaded only here."""

    def __init__(self, printer: str | None, pages: Any, copies: int) -> None:
        self.printer = printer
        self.pages = pages
        self.copies = copies

    def run(self, summary: Any, journal: Any) -> str:
        from medjournal.report.pdf import printing

        device = printing.printer_for(self.printer)
        device.setCopyCount(self.copies)
        return printing.print_summary(summary, journal, device, pages=self.pages).sentence()


def print_job(
    to_printer: bool, printer: str | None, pages: str | None, copies: str | None
) -> PrintJob | None:
    if not to_printer:
        for flag, value in (("--printer", printer), ("--pages", pages), ("--copies", copies)):
            if value is not None:
                raise ValidationError(_("{option} goes with --print.").format(option=flag), flag.strip("-"))
        return None
    if printer is not None and not printer.strip():
        raise ValidationError(_("The printer name is empty; leave out --printer for the default."), "printer")
    count = 1
    if copies is not None:
        try:
            count = int(copies.strip())
        except ValueError:
            count = 0
        if not 1 <= count <= MAX_COPIES:
            raise ValidationError(
                _("The copies {copies} must be a whole number from 1 to {most}.").format(
                    copies=repr(copies), most=MAX_COPIES
                ),
                "copies",
            )
    from medjournal.report.pdf.pages import parse_pages

    return PrintJob(printer.strip() if printer else None, parse_pages(pages), count)


def summary_lines(data: SummaryDocument) -> list[str]:
    """The summary's key numbers in a few lines of words, for the terminal: what page 1 of the PDF says,
    briefly (the 2-point check, the impression of change and the cautions included)."""
    period = data["period"]
    lines = [
        count_of(
            period["days"],
            "Summary {start} to {end} ({basis}): pain rated on {pain} of {n} day; self-reported data.",
            "Summary {start} to {end} ({basis}): pain rated on {pain} of {n} days; self-reported data.",
            start=period["start"],
            end=period["end"],
            basis=period["basis"],
            pain=period["days_with_pain"],
        )
    ]
    if data["empty"] and data["message"]:
        lines.append(data["message"])
    for flag in data["safety"]["flags"]:  # safety first, then the one line in short
        later = (
            " " + _("(recorded on {date})").format(date=flag["recorded_on"]) if flag["recorded_on"] else ""
        )
        lines.append(f"! {flag['date']}: {flag['detail']}{later}")
    screening = data["safety"]["screening"]
    lines += [f"  {line}" for line in (screening["lines"] if screening else [])]
    if not data["empty"] and data["in_short"]:
        lines.append(_("In short:") + " " + data["in_short"])
    compared = False
    for med in data["medications"]:
        lines.append(_medication_line(med))
        if med["under_evaluation"] or (not med["recent_start"] and not med["as_needed"]):
            lines += _response_lines(med)
            lines += _baseline_note(med)
            compared = True
    if compared:  # about every comparison above, so not indented under the last medication
        lines.append(_(CAVEAT_SHORT))
    lines += warning_lines(data["warnings"])
    for effect in data["side_effects"]:
        course = "".join(f", {words}" for words, _new in course_words(effect))
        lines.append(
            count_of(
                effect["days"],
                "{name}: {n} day, mean severity {mean}, max {most}{course}",
                "{name}: {n} days, mean severity {mean}, max {most}{course}",
                name=word(effect["label"]),
                mean=number(effect["mean_severity"]),
                most=effect["max_severity"],
                course=course,
            )
        )
    lines.append(_("Use --json for every number, or -o FILE.pdf for the page for your doctor."))
    return lines


def _medication_line(med: MedicationDoc) -> str:
    adherence = med["adherence"]
    schedule = _("as needed") if med["as_needed"] else ", ".join(med["times"])
    if adherence["percent"] is None and not med["as_needed"]:
        taken = _("no scheduled dose in the period yet")
    elif adherence["percent"] is None:
        taken = count_of(
            adherence["extra_doses"],
            "{n} dose taken {on_days}",
            "{n} doses taken {on_days}",
            on_days=count_of(adherence["days_taken"], "on {n} day", "on {n} days"),
        )
    elif adherence["nothing_logged"]:
        taken = _("no dose logged in the period ({scheduled} scheduled, none recorded)").format(
            scheduled=adherence["scheduled"]
        )
    else:
        taken = _(
            "{percent} taken ({taken} of {scheduled}, {skipped} skipped, {not_recorded} not recorded)"
        ).format(
            percent=percent(adherence["percent"]),
            taken=adherence["taken"],
            scheduled=adherence["scheduled"],
            skipped=adherence["skipped"],
            not_recorded=adherence["not_recorded"],
        )
    return f"{med['name']} {dose_text(med['dose'], med['unit'])} {schedule}: {taken}"


def _baseline_note(med: MedicationDoc) -> list[str]:
    """ "Baseline entered on … for the 14 days before": ratings typed in later are less reliable."""
    note = med["baseline_entered_later"]
    said = _("Note: {note}; ratings written afterwards are less reliable than ratings made on the day.")
    return ["  " + said.format(note=note)] if note else []


def _response_lines(med: MedicationDoc) -> list[str]:
    """The before/after line, then the 2-point check and the person's impression of change (PGIC)."""
    response = med["response"]
    lines = [f"  {response['text']}"]
    checks = []
    meets = response["meets_two_points"]
    if meets is not None:
        checks.append(_("change of 2 points or more: {answer}").format(answer=_("yes") if meets else _("no")))
    answers = med["pgic"]
    if answers:
        said = "; ".join(f"{a['date']} {a.get('label') or a['score']}" for a in answers[-3:])
        checks.append(_("impression of change (PGIC): {answers}").format(answers=said))
    else:
        checks.append(_("impression of change (PGIC): not answered in this period"))
    lines.append("  " + checks[0][0].upper() + "; ".join(checks)[1:] + ".")
    from medjournal.report.summary.activities import activities_line

    own = activities_line(med)
    if own:
        lines.append(f"  {own}.")
    for use in med["rescue"]:
        before, now = use["before"], use["now"]
        if before is not None and now is not None:
            lines.append(
                "  "
                + _(
                    "{name} as needed, per week before → now: {days_before} → {days_now} days, "
                    "{doses_before} → {doses_now} doses."
                ).format(
                    name=use["name"],
                    days_before=number(before["days_per_week"]),
                    days_now=number(now["days_per_week"]),
                    doses_before=number(before["doses_per_week"]),
                    doses_now=number(now["doses_per_week"]),
                )
            )
    from medjournal.report.summary.measure_change import measures_text

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
        label = _(WARNING_LABELS[kind]) if kind in WARNING_LABELS else kind.replace("_", " ").capitalize()
        if kind == "over_daily_maximum":
            text = count_of(
                len(group),
                "{label}: {name}: more doses than the daily maximum logged on {n} day: {dates}.",
                "{label}: {name}: more doses than the daily maximum logged on {n} days: {dates}.",
                label=label,
                name=name,
                dates=", ".join(w["date"] for w in group),
            )
        elif kind == "not_checked":
            text = f"{label}: {not_checked_text(group)}"
        elif kind == "caution":
            text = f"{label}: {first['message']} " + _("Both taken from {date}.").format(date=first["date"])
            if first["source"]:
                text += " " + _("Source: {source}.").format(source=first["source"])
        else:
            text = f"{label}: {first['message']}"
        if all(w["acknowledged"] for w in group):
            text += " " + _("(acknowledged)")
        lines.append(f"! {text}")
    return lines
