"""``demo``: fill a journal with a realistic, deterministic medication trial to look at."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click

from medjournal.cli import Context, handle_errors
from medjournal.cli.record_counts import counts_text
from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _


@click.command("demo")
@click.option("--days", default=84, show_default=True, type=int, help="How many days of journal to write.")
@click.option(
    "--force", is_flag=True, help="Replace a journal that already has entries (it is backed up first)."
)
@click.option("--seed", default=7, show_default=True, type=int, hidden=True)
@click.pass_obj
@handle_errors
def demo(ctx: Context, days: int, force: bool, seed: int) -> None:
    """Write a demo trial (baseline, duloxetine 30 → 60 mg, side effects, questionnaires) to a demo journal.

    Without --db it goes to demo-journal.db beside your journal, never into your own journal; with --db it
    fills the journal named. Example: medjournal demo, then the command it prints to open it.
    """
    from medjournal.demo import DEMO_FILENAME, write_demo
    from medjournal.paths import backup_dir_for
    from medjournal.storage.backup import backup_to_folder
    from medjournal.storage.lock import JournalLock, JournalLockedError

    if click.get_current_context().find_root().params.get("db") is None:  # neither --db nor MEDJOURNAL_DB
        ctx.close()
        ctx.db_path = ctx.db_path.with_name(DEMO_FILENAME)
    journal = ctx.journal()
    # Replacing a journal takes the one-window lock, as restoring a backup does: entries must not vanish
    # under a window that shows them (and may be saving into them).
    lock = JournalLock(ctx.db_path)
    replacing = not journal.is_empty()
    if replacing:
        if not force:
            raise MedjournalError(
                _(
                    "{path} already has entries; use --force to replace them with the demo (a backup is made "
                    "first), or choose another file with --db."
                ).format(path=ctx.db_path)
            )
        try:
            lock.acquire()
        except JournalLockedError as exc:
            raise MedjournalError(
                _(
                    "{path} is open in a medjournal window{who}; close that window before replacing the journal "
                    "with the demo."
                ).format(
                    path=ctx.db_path, who=" " + _("(process {pid})").format(pid=exc.pid) if exc.pid else ""
                )
            ) from None
        kept = backup_to_folder(journal.db, backup_dir_for(ctx.db_path), "before-demo", journal.now())
        click.echo(_("Backed up the previous journal to {path}.").format(path=kept))
    try:
        with journal.batch():  # the old entries go only if the demo is written in full
            if replacing:
                journal.clear()
            plan = write_demo(journal, days=days, seed=seed)
    finally:
        lock.release()
    _say_written(journal, ctx.db_path, days, plan)


def _say_written(journal: Any, path: Path, days: int, plan: Any) -> None:
    """What was written, how many records of each kind, and how to open it."""
    shown = counts_text(journal.counts())
    click.echo(
        _("Wrote a {days}-day demo journal to {path} ({first} to {last}; duloxetine from {start}).").format(
            days=days,
            path=path,
            first=plan.first_day.isoformat(),
            last=plan.last_day.isoformat(),
            start=plan.start_day.isoformat(),
        )
    )
    click.echo(_("Records: {counts}.").format(counts=shown))
    from medjournal.paths import resolve_journal_path

    default = resolve_journal_path(None)
    opener = "medjournal" if path == default else f"medjournal --db {shlex.quote(str(path))}"
    click.echo(_("Open it with: {command}").format(command=opener))
