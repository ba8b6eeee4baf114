"""One way for the window to write to the journal, in the manner of Anki's ``CollectionOp``.

:func:`journal_write` runs one Journal call (or one ``with journal.batch():`` block) for a section and then
does what every view used to write out by hand, the same way each time:

- on success, ``done(result)`` updates the view's own state, the section reads the journal again once
  (``refresh_days`` when the write says which days it touched, else ``refresh``), and ``journal_changed(days)``
  tells the main window, which refreshes each other section once;
- an expected failure (:class:`MedjournalError`) is one sentence, with the newest good backup when the journal
  file is the trouble: next to the field (``show``, ``field``) or in a message; nothing is refreshed;
- anything else is a bug: it goes to ``sys.excepthook``, which in the window is the dialog with "Copy details"
  (:mod:`medjournal.ui.errors`), and the view goes on as if nothing was written (the Journal wrote nothing).

:func:`attempt` (in :mod:`medjournal.ui.errors`) is the error half alone, for dialogs that write before their
section hears of it; :func:`written` is the refresh half alone, for the section once such a dialog was
accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from medjournal.domain.errors import ValidationError
from medjournal.ui.errors import Done, attempt
from medjournal.ui.section import Days, JournalView

__all__ = ["Done", "Refresh", "attempt", "journal_write", "written"]

T = TypeVar("T")
Refresh = Literal["all", "section", "none"]


def journal_write(
    section: JournalView,
    action: Callable[[], T],
    *,
    days: Days | Callable[[T], Days | None] | None = None,
    show: Callable[[str], object] | None = None,
    field: Callable[[ValidationError], object] | None = None,
    done: Callable[[T], object] | None = None,
    refresh: Refresh = "all",
) -> Done[T] | None:
    """Write for ``section``; see the module's description. ``refresh`` is "section" for a write only this
    section shows (a preference of its own) and "none" for one nothing shows."""
    outcome = attempt(action, section.window(), show, field)
    if outcome is None:
        return None
    if done is not None:
        done(outcome.value)
    touched = days(outcome.value) if callable(days) else days
    if refresh == "all":
        written(section, touched)
    elif refresh == "section":
        _refresh(section, touched)
    return outcome


def written(section: JournalView, days: Days | None = None) -> None:
    """After a write for ``section``: it reads the journal again once, then tells the others."""
    _refresh(section, days)
    section.journal_changed.emit(days)


def _refresh(section: JournalView, days: Days | None) -> None:
    if days is None:
        section.refresh()
    else:
        section.refresh_days(*days)
