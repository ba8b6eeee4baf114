"""What the main window asks of each of its sections (docs/architecture.md, "The window's sections").

Every section view (Today, Medications, History, Trends, Summary) offers :class:`Section`: the window holds
them typed by it and calls these methods directly. A section announces its own writes with
``journal_changed(days)``, where ``days`` is the (first, last) pair of days the write touched, or None when it
touched more than some days (a medication, a setting); :func:`medjournal.ui.journal_write.journal_write` emits
it after the one refresh of the section that wrote.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

Days = tuple[date, date]  # the first and last day a write touched


class JournalView(Protocol):
    """Something that shows journal data and may write to it: what
    :func:`~medjournal.ui.journal_write.journal_write` needs (a section, or a part of one that writes on its
    own, such as Today's list of notes)."""

    @property
    def journal_changed(self) -> SignalInstance:
        """Emitted once after this section wrote, with the :data:`Days` touched or None."""
        ...

    def refresh(self) -> None:
        """Read everything shown again from the journal (keeping the selection, the range, the zoom)."""
        ...

    def refresh_days(self, first: date, last: date, /) -> None:
        """Read again after a write that touched only ``first``–``last``; a section that cannot do less
        than :meth:`refresh` does that."""
        ...

    def window(self, /) -> QWidget:
        """The window the view is in (the parent of its messages)."""
        ...


class Section(JournalView, Protocol):
    """A section of the main window: the main window holds its sections typed by this and calls these
    methods directly."""

    def focus_first(self) -> None:
        """Give the keyboard focus to where a person starts in this section."""
        ...
