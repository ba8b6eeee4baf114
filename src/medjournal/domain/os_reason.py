"""The operating system's reason for a failed file operation, in the language in use.

The OS words its reasons in English whatever the language ("No space left on device", "Permission denied"), so
a German sentence around them would end in English. The common reasons are worded here, once, and translated;
any other keeps the OS's own text, which at least names the problem (docs/translating.md, "The operating
system's reasons").
"""

from __future__ import annotations

import errno

from medjournal.i18n import N_, _

_PERMISSION = N_("permission denied")
REASONS: dict[int, str] = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EEXIST: N_("the file already exists"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    REASONS[errno.EDQUOT] = N_("the disk quota is used up")


def os_reason(exc: BaseException) -> str:
    """Why ``exc`` happened, as a phrase to put inside a sentence (lower case, no full stop).

    >>> os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'the disk is full'
    >>> os_reason(OSError(errno.EIO, "Input/output error"))
    'Input/output error'
    """
    if isinstance(exc, OSError):
        if exc.errno in REASONS:
            return _(REASONS[exc.errno])
        if exc.strerror:
            return exc.strerror
    return str(exc)


def os_reason_first(exc: BaseException) -> str:
    """:func:`os_reason` to begin a line (``Permission denied: /path``).

    >>> os_reason_first(OSError(errno.EACCES, "Permission denied"))
    'Permission denied'
    """
    reason = os_reason(exc)
    return reason[:1].upper() + reason[1:]
