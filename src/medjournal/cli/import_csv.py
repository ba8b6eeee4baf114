"""``import-csv``: doses, ratings and side effects from a spreadsheet or MedTimer, merged into the journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _, ngettext


def _medication_choices(values: tuple[str, ...]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for value in values:
        if "=" not in value:
            raise MedjournalError(
                _("--med needs NAME IN FILE=NAME IN JOURNAL (or =new); {value} has no '='.").format(
                    value=repr(value)
                )
            )
        name, target = (part.strip() for part in value.rsplit("=", 1))
        if not name or not target:
            raise MedjournalError(_("--med {value}: both names are needed.").format(value=repr(value)))
        chosen[name] = target
    return chosen


def saved_mapping(journal: Any, name: str) -> dict[str, Any]:
    from medjournal.storage.csv_source import saved_mappings

    saved = saved_mappings(journal)
    if name not in saved:
        known = ", ".join(sorted(saved)) or _("none yet")
        raise MedjournalError(
            _("There is no saved mapping called {name} (saved: {known}).").format(
                name=repr(name), known=known
            )
        )
    return saved[name]


@click.command("import-csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["generic", "medtimer"]),
    default=None,
    help="generic (a spreadsheet; the default) or medtimer (MedTimer's CSV export or JSON backup).",
)
@click.option(
    "--map", "map_text", help="Which column holds which field: FIELD=COLUMN,... (a header or a number)."
)
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy", "ymd"]),
    help="How short dates are written; needed when every day is 12 or less.",
)
@click.option("--tz", "zone_name", help="The time zone the file's times are in (default: this computer's).")
@click.option(
    "--med",
    "meds",
    multiple=True,
    help='A medication\'s name in the file and in the journal: "A=B" or "A=new".',
)
@click.option("--prefer-file", is_flag=True, help="In a conflict, take the file's version.")
@click.option("--mapping", "mapping_name", help="Use a mapping saved before with --save-mapping.")
@click.option(
    "--save-mapping", "save_name", help="Save this file's format, columns and date order under a name."
)
@click.option(
    "--dry-run", is_flag=True, help="Only say what would be added, skipped and refused; write nothing."
)
@click.pass_obj
@handle_errors
def import_csv(
    ctx: Context,
    file: Path,
    file_format: str | None,
    map_text: str | None,
    date_order: str | None,
    zone_name: str | None,
    meds: tuple[str, ...],
    prefer_file: bool,
    mapping_name: str | None,
    save_name: str | None,
    dry_run: bool,
) -> None:
    """Import doses, pain, mood, sleep and side effects from a CSV file (docs/csv-import.md).

    Merged into the journal, never replacing: what is already there is skipped, so importing the same file twice
    changes nothing; conflicts are listed and left as they are. All or nothing: one refused row stops the import.
    """
    from medjournal.storage.csv_plan import describe, prepare_import
    from medjournal.storage.csv_source import ImportOptions, zone_named

    journal = ctx.journal()
    if mapping_name is not None:
        saved = saved_mapping(journal, mapping_name)
        file_format = file_format or saved.get("format")
        map_text = map_text or saved.get("map")
        date_order = date_order or saved.get("date_order")
    options = ImportOptions(
        format=file_format or "generic",
        map_text=map_text,
        date_order=date_order,
        zone=zone_named(zone_name),
        medications=_medication_choices(meds),
        prefer_file=prefer_file,
    )
    loaded, plan = prepare_import(journal, file, options)
    click.echo(_read_line(loaded, zone_name))
    if loaded.table is not None and loaded.mapping:
        names = loaded.table.column_names()
        columns = ", ".join(f"{key}={names[i]}" for key, i in loaded.mapping.items())
        click.echo(_("Columns: {columns}.").format(columns=columns))
    written = not dry_run and plan.can_write
    counts = journal.apply_import(plan) if written else None
    for line in describe(plan, written):
        click.echo(line)
    if save_name is not None and plan.can_write:
        from medjournal.storage.csv_source import save_mapping

        save_mapping(journal, save_name, loaded, options.format)
        click.echo(_("Mapping saved as {name} (use: --mapping {name}).").format(name=repr(save_name)))
    if dry_run:
        click.echo(_("Nothing was written (dry run)."))
    elif counts is None:
        raise MedjournalError(
            _("Nothing was written: fix the refused rows.")
            if plan.refused
            else _("Nothing was written: say which medications are the same (--med).")
        )


def _read_line(loaded: Any, zone_name: str | None) -> str:
    from medjournal.domain.csv_dates import ORDER_NAMES
    from medjournal.domain.csv_read import DELIMITER_NAMES

    zone = zone_name or _("this computer's time zone")
    if loaded.table is None:
        return _("Read {path}: a MedTimer backup; times in {zone}.").format(path=loaded.path, zone=zone)
    table = loaded.table
    order = _(ORDER_NAMES.get(loaded.parsed.date_order or "ymd", ""))
    rows = len(table.rows)
    if table.has_header:
        # Translators: {separator} is a word such as "semicolon"; {order} such as "day/month/year".
        line = ngettext(
            "Read {path}: {encoding}, {separator}-separated, a header row, {n} row; dates {order}; times in {zone}.",
            "Read {path}: {encoding}, {separator}-separated, a header row, {n} rows; dates {order}; times in "
            "{zone}.",
            rows,
        )
    else:
        line = ngettext(
            "Read {path}: {encoding}, {separator}-separated, no header row, {n} row; dates {order}; times in {zone}.",
            "Read {path}: {encoding}, {separator}-separated, no header row, {n} rows; dates {order}; times in "
            "{zone}.",
            rows,
        )
    return line.format(
        path=loaded.path,
        encoding=table.encoding,
        separator=_(DELIMITER_NAMES[table.delimiter]),
        n=rows,
        order=order,
        zone=zone,
    )
