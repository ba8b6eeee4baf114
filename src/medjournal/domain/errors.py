"""The two tiers of errors (docs/contributing.md §3): expected failures carry one sentence for the person;
anything else is a bug."""

from __future__ import annotations


class MedjournalError(Exception):
    """An expected failure with a message fit to show the person as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(MedjournalError):
    """Input that cannot be recorded as given (pain 11, a date that does not exist, ...)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FormatError(ValidationError):
    """Text that is not written in the form a value takes (a date not as YYYY-MM-DD).

    ``form`` names the form that was expected and ``text`` is what was given, so that a caller which reads other
    forms too (the command line's "yesterday") can refuse it with its own whole sentence instead of matching the
    words of this one, which are in the person's language.
    """

    def __init__(self, message: str, field: str | None = None, *, form: str, text: str) -> None:
        super().__init__(message, field)
        self.form = form
        self.text = text


class NotFoundError(MedjournalError):
    """A medication or entry that the journal does not hold."""


class JournalFileError(MedjournalError):
    """The journal file cannot be used: damaged, foreign, too new, locked, read-only or on a full disk."""

    def __init__(self, message: str, newest_backup: str | None = None) -> None:
        super().__init__(message)
        self.newest_backup = newest_backup


class DiskFullError(JournalFileError):
    """The disk holding the journal is full: the journal is intact, and no backup must be restored over it."""


class JournalClosedError(MedjournalError):
    """A call on a journal after it was closed (the window switched files, or is closing)."""
