"""``export``, ``import``, ``backup`` and ``restore``."""

from __future__ import annotations

from pathlib import Path

import click

from medjournal.cli import Context, handle_errors
from medjournal.domain.errors import MedjournalError
from medjournal.paths import backup_dir_for


def _counts_text(counts: dict[str, int]) -> str:
    shown = [f"{table.replace('_', ' ')} {count}" for table, count in counts.items() if count]
    return ", ".join(shown) or "no records"


@click.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write a JSON file.")
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one CSV file per table into this folder.",
)
@click.pass_obj
@handle_errors
def export(ctx: Context, output: Path | None, csv_dir: Path | None) -> None:
    """Export the whole journal as JSON (medjournal-export/1) or as CSV files."""
    from medjournal.storage.exchange import export_csv, export_json

    if (output is None) == (csv_dir is None):
        raise MedjournalError("Give either -o FILE.json or --csv FOLDER.")
    journal = ctx.journal()
    if output is not None:
        counts = export_json(journal, output)
        click.echo(f"Exported to {output}: {_counts_text(counts)}.")
    else:
        assert csv_dir is not None
        counts = export_csv(journal, csv_dir)
        click.echo(f"Exported {len(counts)} CSV files to {csv_dir}: {_counts_text(counts)}.")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check the file; write nothing.")
@click.pass_obj
@handle_errors
def import_(ctx: Context, file: Path, dry_run: bool) -> None:
    """Import a JSON export into an empty journal. All or nothing: a bad record stops it and nothing is written."""
    from medjournal.storage.exchange import import_json, load_export
    from medjournal.storage.journal import Journal

    load_export(file)  # refuse a bad file before creating or touching a journal
    if dry_run:
        # Checked against an empty journal in memory: no journal file is created or touched.
        counts = import_json(Journal.in_memory(ctx.clock), file, dry_run=True)
        click.echo(f"{file} is a valid export: {_counts_text(counts)}. Nothing was written (dry run).")
        return
    counts = import_json(ctx.journal(), file)
    click.echo(f"Imported {file}: {_counts_text(counts)}.")


@click.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the backup (default: the backups folder beside the journal).",
)
@click.pass_obj
@handle_errors
def backup(ctx: Context, output: Path | None) -> None:
    """Write a consistent, verified copy of the journal (SQLite's backup API)."""
    from medjournal.storage.backup import backup_to_file, backup_to_folder
    from medjournal.storage.exchange import check_new_file

    journal = ctx.journal()
    if output is not None:
        check_new_file(output, journal)
        written = backup_to_file(journal.db, output)
    else:
        folder = journal.backup_dir or backup_dir_for(ctx.db_path)  # the "backup_dir" setting, if chosen
        written = backup_to_folder(journal.db, folder, "manual", journal.now())
    click.echo(f"Backup written to {written}.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@handle_errors
def restore(ctx: Context, file: Path) -> None:
    """Replace the journal with a backup, after checking that the backup is sound.

    The journal being replaced is kept as a backup in the backups folder (a damaged one is kept byte for byte
    beside the journal).
    """
    from medjournal.storage.backup import restore_backup

    kept = restore_backup(ctx.db_path, file, backup_dir_for(ctx.db_path), ctx.clock.now())
    click.echo(f"Restored {ctx.db_path} from {file}.")
    if kept is not None:
        click.echo(f"The journal it replaced was kept as {kept}.")
