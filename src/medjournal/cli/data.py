"""``export``, ``import``, ``backup`` and ``restore``."""

from __future__ import annotations

from pathlib import Path

import click

from medjournal.cli import Context, export_passphrase, handle_errors
from medjournal.cli.options import FILE, output_option
from medjournal.cli.passphrase import SecretSource
from medjournal.cli.record_counts import counts_text
from medjournal.cli.restore_keys import backup_passphrase_options
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _
from medjournal.paths import backup_dir_for


@click.command("export")
@output_option("Write a JSON file.")
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one CSV file per table into this folder.",
)
@click.option("--encrypted", is_flag=True, help="Protect the JSON export with a passphrase (AES-256-GCM).")
@click.option("--plain", is_flag=True, help="Export an encrypted journal unencrypted (anyone can read it).")
@export_passphrase.options
@click.pass_obj
@handle_errors
def export(
    ctx: Context,
    output: Path | None,
    csv_dir: Path | None,
    encrypted: bool,
    plain: bool,
    export_passphrase_fd: int | None,
    export_passphrase_file: Path | None,
) -> None:
    """Export the whole journal as JSON (medjournal-export/1) or as CSV files.

    An encrypted journal asks whether the export is encrypted (--encrypted) or plain (--plain).
    """
    from medjournal.storage.exchange import check_new_file, export_csv, export_json

    if (output is None) == (csv_dir is None):
        raise MedjournalError(_("Give either -o FILE.json or --csv FOLDER."))
    journal = ctx.journal(existing=True)
    protect = export_passphrase.choose(journal, encrypted, plain, csv_dir is not None)
    if output is not None:
        secret = None
        if protect:
            check_new_file(output, journal)  # before asking for a passphrase
            secret = export_passphrase.new_passphrase(export_passphrase_fd, export_passphrase_file)
        counts = export_json(journal, output, secret)
        said = (
            _("Exported to {path} (encrypted): {counts}.") if protect else _("Exported to {path}: {counts}.")
        )
        click.echo(said.format(path=output, counts=counts_text(counts)))
    else:
        assert csv_dir is not None
        counts = export_csv(journal, csv_dir)
        click.echo(
            _("Exported {count} CSV files to {folder}: {counts}.").format(
                count=len(counts), folder=csv_dir, counts=counts_text(counts)
            )
        )
    if plain:
        click.echo(_(export_passphrase.PLAIN_WARNING).format(path=output or csv_dir))


@click.command("import")
@click.argument("file", type=FILE)
@click.option("--dry-run", is_flag=True, help="Only check the file; write nothing.")
@export_passphrase.options
@click.pass_obj
@handle_errors
def import_(
    ctx: Context,
    file: Path,
    dry_run: bool,
    export_passphrase_fd: int | None,
    export_passphrase_file: Path | None,
) -> None:
    """Import a JSON export into an empty journal. All or nothing: a bad record stops it and nothing is written.

    An encrypted export asks for its passphrase (or reads --export-passphrase-fd / --export-passphrase-file).
    """
    from medjournal.storage.exchange import ExportIsEncrypted, import_data, load_export
    from medjournal.storage.journal import Journal

    try:
        data = load_export(file)  # read once, and a bad file refused before creating or touching a journal
    except ExportIsEncrypted:
        secret = export_passphrase.passphrase_of(file, export_passphrase_fd, export_passphrase_file)
        data = load_export(file, secret)
    if dry_run:
        # Checked against an empty journal in memory: no journal file is created or touched.
        counts = import_data(Journal.in_memory(ctx.clock), data, dry_run=True)
        click.echo(
            _("{file} is a valid export: {counts}. Nothing was written (dry run).").format(
                file=file, counts=counts_text(counts)
            )
        )
        return
    counts = import_data(ctx.journal(), data)
    click.echo(_("Imported {file}: {counts}.").format(file=file, counts=counts_text(counts)))


@click.command("backup")
@output_option("Where to write the backup (default: the backups folder beside the journal).")
@click.pass_obj
@handle_errors
def backup(ctx: Context, output: Path | None) -> None:
    """Write a consistent, verified copy of the journal (SQLite's backup API)."""
    from medjournal.storage.backup import backup_to_file, backup_to_folder
    from medjournal.storage.exchange import check_new_file

    journal = ctx.journal(existing=True)
    if output is not None:
        check_new_file(output, journal)
        written = backup_to_file(journal.db, output)
    else:
        folder = journal.backup_dir or backup_dir_for(ctx.db_path)  # the "backup_dir" setting, if chosen
        written = backup_to_folder(journal.db, folder, "manual", journal.now())
    click.echo(_("Backup written to {path}.").format(path=written))


@click.command("restore")
@click.argument("file", type=FILE)
@backup_passphrase_options
@click.pass_obj
@handle_errors
def restore(
    ctx: Context, file: Path, backup_passphrase_fd: int | None, backup_passphrase_file: Path | None
) -> None:
    """Replace the journal with a backup, after checking that the backup is sound.

    The journal being replaced is kept as a backup in the backups folder (a damaged one is kept byte for byte
    beside the journal). An encrypted journal stays encrypted with its passphrase, whatever the backup; an
    encrypted backup opens with the journal's passphrase or its own (--backup-passphrase-fd / -file).
    """
    from medjournal.cli.restore_keys import restore_outcome, salt_of_backup, unlock_for_restore
    from medjournal.storage.backup import restore_backup

    unlock_for_restore(ctx, file, SecretSource(backup_passphrase_fd, backup_passphrase_file))
    backup_salt = salt_of_backup(file)
    kept = restore_backup(ctx.db_path, file, backup_dir_for(ctx.db_path), ctx.clock.now())
    click.echo(_("Restored {journal} from {file}.").format(journal=ctx.db_path, file=file))
    if kept is not None:
        click.echo(_("The journal it replaced was kept as {path}.").format(path=kept))
    if said := restore_outcome(ctx.db_path, backup_salt):
        click.echo(said)
