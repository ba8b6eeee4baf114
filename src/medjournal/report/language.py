"""Which language the summary for the doctor is made in (docs/translating.md, "Which language is used").

The doctor's language may differ from the person's: the ``summary_language`` setting chooses it; without one the
summary follows the window's language (the ``language`` setting, else the system's). No Qt here.
"""

from __future__ import annotations

from typing import Protocol

from medjournal.i18n import system_language


class HasSettings(Protocol):
    def setting(self, key: str) -> object: ...


def summary_language(journal: HasSettings) -> str:
    """The language the summary is made in, e.g. ``'de'`` or ``'de_CH'``: the ``summary_language`` setting, else
    the window's ``language`` setting, else the system's language. :func:`medjournal.i18n.use_language` picks its
    catalogue (English where medjournal has none) and a regional code keeps its own date and number formats."""
    for key in ("summary_language", "language"):
        value = journal.setting(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return system_language()
