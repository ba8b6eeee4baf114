"""A journal file that is not there: when a command refuses it, and when it starts a new journal
(docs/command-line.md, "A journal that is not there").

A mistyped ``--db`` must not look like lost data. A command that only reads (``today``, ``med list``, ``stock``,
``report``, ``export``, ``backup``, ``setting`` without a value, ...) on a path where there is no journal says so
in one line and creates nothing: no folder, no file, no side file. A command that writes starts a new journal, as
on the first day, in the usual place (its folder made if needed) or at a ``--db`` / ``MEDJOURNAL_DB`` path whose
folder exists; a folder that does not exist is refused rather than made, since it is far more often a typing
mistake than a wish.
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _


def refuse_missing(path: Path, reads: bool, explicit: bool) -> None:
    """Raise the ``Error:`` sentence for a command on ``path``, where there is no journal; return when the
    command may start a new journal there. ``reads``: the command only reads; ``explicit``: the path was given
    (``--db`` or ``MEDJOURNAL_DB``) rather than the usual place."""
    if reads:
        message = _("There is no journal at {path}; nothing was created.").format(path=path)
        usual = _usual_journal()
        if explicit and usual is not None and usual != path.resolve() and usual.is_file():
            message += " " + _("Your journal in the usual place is {path}.").format(path=usual)
        raise MedjournalError(message)
    if explicit and not path.parent.is_dir():
        raise MedjournalError(
            _(
                "There is no folder {folder}, so there is no journal at {path}; nothing was created. "
                "A new journal is started only in a folder that exists."
            ).format(folder=path.parent, path=path)
        )


def _usual_journal() -> Path | None:
    """The journal's usual place (``MEDJOURNAL_HOME`` or the platform's data folder), if it can be known."""
    from medjournal.paths import AppPaths

    try:
        return AppPaths.from_environment().default_journal.resolve()
    except (OSError, RuntimeError):
        return None


# The files an opening can make beside the journal: SQLite's side files, the window's lock and the in-use locks.
_MADE_BESIDE = ("-wal", "-shm", "-journal", ".lock", ".inuse", ".inuse-gate")


class NewJournal:
    """A journal a writing command is starting where there was none, so that a refused command leaves no
    journal behind (docs/command-line.md, "A journal that is not there"). Made before the journal is opened: it
    notes which of the journal's files were there, and :meth:`discard` takes away only the others."""

    def __init__(self, path: Path) -> None:
        path = path.expanduser()
        self.files = [path, *(path.with_name(path.name + suffix) for suffix in _MADE_BESIDE)]
        self.there_before = {file for file in self.files if file.exists()}
        # The usual place's folders, made on the first day (a given path's folder must exist already).
        self.folders = list(itertools.takewhile(lambda folder: not folder.exists(), path.parents))

    def discard(self, holds_entries: bool) -> None:
        """Remove the files this command made, the journal is closed; ``holds_entries``: something was written
        into it after all (a command that failed after a write it reported), and then it is kept, as it is.

        Another medjournal may have found the new journal meanwhile and written into it: the removal happens only
        while this command holds the journal against every other opening (the in-use lock a conversion takes,
        storage/in_use.py, not waited for: anyone else holding it keeps the journal), and only if the journal is
        still empty when looked at under that lock."""
        if holds_entries:
            return
        from medjournal.storage.new_journal import remove_if_empty

        made = [file for file in self.files if file not in self.there_before]
        if not remove_if_empty(self.files[0], made):
            return
        for folder in self.folders:  # the innermost first; one that holds anything else stays
            with contextlib.suppress(OSError):
                folder.rmdir()
