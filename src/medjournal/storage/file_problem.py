"""Why a journal file cannot be used: a typed reason and the sentence a person reads.

Code decides by :class:`Reason` (a full disk is a :class:`~medjournal.domain.errors.DiskFullError` because its
reason is ``DISK_FULL``), never by the words of a sentence, which are in the person's language. SQLite's own
errors are told apart by their result code (``sqlite_errorcode``), and by SQLite's English words only for an
error made without one. docs/translating.md, "Refusals of the journal file", says how these sentences are made.
"""

from __future__ import annotations

import enum

from medjournal.domain.errors import DiskFullError, JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.domain.value import Value, record
from medjournal.i18n import N_, _


class Reason(enum.Enum):
    """What kind of problem a journal file has; what callers decide by."""

    DAMAGED = "damaged"  # restoring a backup is the way out
    NOT_A_JOURNAL = "not a journal"  # another program's file, a folder, not SQLite at all
    NEWER_VERSION = "newer version"  # update medjournal
    BUSY = "busy"  # try again in a moment
    READ_ONLY = "read-only"  # the file or its folder cannot be written
    DISK_FULL = "disk full"  # the journal is intact: never advise a restore
    CANNOT_OPEN = "cannot open"  # the file or its folder cannot be reached
    PASSPHRASE = "passphrase"  # encrypted, and its key is not held yet


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class FileProblem(Value):
    """A reason and its sentence, made in the language in use when the problem was found."""

    reason: Reason
    message: str

    def __str__(self) -> str:
        return self.message

    def error(self, newest_backup: str | None = None) -> JournalFileError:
        """The exception to raise for it: a full disk is a :class:`DiskFullError`, which offers no backup."""
        if self.reason is Reason.DISK_FULL:
            return DiskFullError(self.message)
        return JournalFileError(self.message, newest_backup=newest_backup)


# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps its primary code in
# its low byte.
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
# SQLite's words for an error that carries no code (raised by a library above SQLite, or by a test).
_WORDS = (
    (("locked", "busy"), SQLITE_BUSY),
    (("readonly", "read-only"), SQLITE_READONLY),
    (("full",), SQLITE_FULL),
    (("unable to open",), SQLITE_CANTOPEN),
    (("disk I/O error",), SQLITE_IOERR),
    (("malformed",), SQLITE_CORRUPT),
    (("not a database",), SQLITE_NOTADB),
)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code for ``exc``, or None when it has none that can be told."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF:
        return code & 0xFF
    text = str(exc)
    for words, found in _WORDS:
        if any(word in text for word in words):
            return found
    return None


_SQLITE_REASONS = {
    SQLITE_CORRUPT: N_("SQLite found a damaged page in it"),
    SQLITE_NOTADB: N_("SQLite does not read it as a database"),
    SQLITE_FULL: N_("the disk is full"),
    SQLITE_READONLY: N_("the disk is read-only"),
}


def sqlite_reason(exc: BaseException) -> str:
    """Why SQLite (or the operating system) refused, as a phrase inside a sentence, in the language in use: the
    common result codes worded here, any other in SQLite's own words, which at least name it (as
    domain/os_reason.py keeps the OS's words for a rare reason)."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    code = sqlite_code(exc)
    return _(_SQLITE_REASONS[code]) if code in _SQLITE_REASONS else str(exc)


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Sentence(Value):
    """One refusal's wording with named placeholders, and its reason; called with the values to fill in."""

    reason: Reason
    text: str

    def __call__(self, **values: object) -> FileProblem:
        return FileProblem(self.reason, _(self.text).format(**values))


# The sentences, in the order a journal is checked when it is opened. {path} is the journal's path.
CANNOT_READ = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be read ({reason})."),
)
IS_FOLDER = Sentence(
    Reason.NOT_A_JOURNAL,
    N_("{path} is a folder, not a journal file."),
)
EMPTY_BUT_WAL = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (the file is empty but its -wal file is not)."),
)
TRUNCATED = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (the file is truncated)."),
)
NOT_SQLITE = Sentence(
    Reason.NOT_A_JOURNAL,
    N_("{path} is not a medjournal journal (it is not an SQLite database)."),
)
BAD_HEADER = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (its header is not valid)."),
)
FOREIGN = Sentence(
    Reason.NOT_A_JOURNAL,
    N_("{path} is an SQLite database of another program, not a medjournal journal."),
)
NEWER_VERSION = Sentence(
    Reason.NEWER_VERSION,
    N_(
        "The journal {path} was written by a newer version of medjournal (schema {found}, this version knows {known}); please update medjournal. It was not changed."
    ),
)
TABLES_MISSING = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (some of its tables are missing)."),
)
NOT_SOUND = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is not a sound medjournal journal ({difference}); it was not changed."),
)
INTEGRITY_FAILED = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (its integrity check failed)."),
)
IMPOSSIBLE_VALUE = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (a row of {table} holds an impossible value)."),
)
UNREADABLE_TABLES = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged (its list of tables is unreadable)."),
)
DAMAGED = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is damaged ({reason})."),
)
CANNOT_OPEN = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be opened ({reason})."),
)
FOLDER_MISSING = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be opened; check that its folder exists and can be written."),
)
BUSY = Sentence(
    Reason.BUSY,
    N_("The journal {path} is busy in another program; try again in a moment."),
)
DISK_FULL = Sentence(
    Reason.DISK_FULL,
    N_("The disk holding {path} is full; free some space and try again. Nothing was lost."),
)
DISK_FULL_KIB = Sentence(
    Reason.DISK_FULL,
    N_(
        "The disk holding {path} is full ({free} KiB free); free some space and try again. Nothing in the journal was changed or lost: do not restore a backup."
    ),
)
PASSPHRASE_NEEDED = Sentence(
    Reason.PASSPHRASE,
    N_("The journal {path} is protected with a passphrase."),
)
TRUNCATED_WITH_BACKUPS = Sentence(
    Reason.DAMAGED,
    N_("The journal {path} is empty (0 bytes) although backups of it exist: it was truncated."),
)
READ_ONLY_FILE = Sentence(
    Reason.READ_ONLY,
    N_("The journal {path} is read-only (its permissions do not allow changes); nothing was changed."),
)
READ_ONLY_FOLDER = Sentence(
    Reason.READ_ONLY,
    N_(
        "The folder of the journal {path} cannot be written (SQLite keeps its -wal file beside the journal); choose a folder you can write to."
    ),
)
PERMISSION_DENIED = Sentence(
    Reason.READ_ONLY,
    N_("The journal {path} cannot be written: permission denied."),
)
CANNOT_CREATE = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be created ({reason})."),
)
UPGRADE_BACKUP_FAILED = Sentence(
    Reason.CANNOT_OPEN,
    N_(
        "The journal {path} needs an upgrade, but the backup made before upgrading could not be written to {folder} ({reason}); the journal was not changed."
    ),
)
UPGRADE_BACKUP_REFUSED = Sentence(
    Reason.CANNOT_OPEN,
    N_(
        "The journal {path} was not upgraded to this version of medjournal, because the backup made before an upgrade could not be made; the journal was not changed. {why}"
    ),
)
READ_ONLY = Sentence(
    Reason.READ_ONLY,
    N_("The journal {path} is read-only; choose a folder you can write to."),
)
CANNOT_WRITE = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be opened for writing; check that its folder exists and can be written."),
)
CANNOT_USE = Sentence(
    Reason.CANNOT_OPEN,
    N_("The journal {path} cannot be used ({reason})."),
)
