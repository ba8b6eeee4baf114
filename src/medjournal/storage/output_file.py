"""Every file medjournal writes for the person (PDF, JSON export, CSV folder, backup) goes through here.

The rule, the same for every output (docs/data-safety.md, *Files written*):

- the target must not exist yet, must not be the journal or one of its side files, and its folder must exist;
- the content is written to a **fresh** temporary file in the target's own folder, created with ``O_EXCL`` and
  mode ``0600`` (never an existing file or a symlink someone left there), flushed to disk with ``fsync``;
- only then is it given its final name, without ever replacing a file that appeared meanwhile (a hard link,
  which fails on an existing name, where the filesystem has them), and the folder is synced;
- on any failure the temporary file is removed and the target does not exist; a run that was killed leaves a
  temporary file whose name says which process wrote it, and the next output written into that folder (or the
  next opening of the journal) removes it once that process is gone.

Usage::

    with new_output(path, journal_path=journal.path) as output:
        write_something(output.temporary)      # a path; or os.write(output.fd, ...) for raw bytes
    # here ``path`` exists, complete and synced; ``output.path`` is it
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from medjournal.domain.errors import MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.domain.value import Value, record
from medjournal.i18n import _

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# ".summary.pdf.mj-1234-3fa2c1.partial": hidden, tied to the file it becomes and to the process writing it.
_MARK = ".mj-"
_SUFFIX = ".partial"


class OutputError(MedjournalError):
    """An output file that cannot be written; the target was not created (nothing else was changed)."""


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class Output(Value):
    """The file being written: ``temporary`` until the ``with`` block ends, ``path`` after."""

    path: Path
    temporary: Path
    fd: int


def _protected(journal_path: Path | None) -> set[Path]:
    if journal_path is None:
        return set()
    own = journal_path.expanduser().resolve()
    return {own, Path(f"{own}-wal"), Path(f"{own}-shm"), Path(f"{own}-journal")}


def check_new_target(path: Path, journal_path: Path | None = None) -> Path:
    """Refuse, in one sentence, a target that exists, that is the journal, or whose folder is missing."""
    path = path.expanduser()
    if path.resolve() in _protected(journal_path):
        raise OutputError(_("{path} is the journal itself; choose another file name.").format(path=path))
    if path.exists() or path.is_symlink():
        raise OutputError(_("{path} already exists; choose a new file name.").format(path=path))
    if not path.absolute().parent.is_dir():
        raise OutputError(
            _("The folder {folder} does not exist; choose a folder that does.").format(
                folder=path.absolute().parent
            )
        )
    return path


def temporary_name(path: Path) -> Path:
    """A fresh hidden name beside ``path`` that says which process writes it."""
    import secrets  # only a write needs it: read commands never load hashlib and hmac

    return path.with_name(f".{path.name}{_MARK}{os.getpid()}-{secrets.token_hex(4)}{_SUFFIX}")


def sync_path(path: Path) -> None:
    """Flush a file, or a folder (which makes a rename in it durable on POSIX), to the disk; a no-op where it
    cannot be opened (a folder on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    sync_path(folder)


def output_error(path: Path, exc: OSError) -> OutputError:
    """The sentence for an output that could not be written; a full disk is called a full disk."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(
            _("The disk holding {path} is full; {name} was not written. Nothing else changed.").format(
                path=path, name=path.name
            )
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            _("{path} cannot be written (the folder is read-only); nothing was written.").format(path=path)
        )
    return OutputError(
        _("{path} could not be written ({error}); nothing was written.").format(
            path=path, error=os_reason(exc)
        )
    )


def move_into_place(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path``, never replacing a file of that name."""
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise OutputError(_("{path} already exists; choose a new file name.").format(path=path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A filesystem without hard links (FAT, some network shares): check, then rename.
        if path.exists() or path.is_symlink():
            raise OutputError(_("{path} already exists; choose a new file name.").format(path=path)) from None
        os.rename(temporary, path)
        return
    os.unlink(temporary)


@contextlib.contextmanager
def new_output(path: Path, journal_path: Path | None = None) -> Iterator[Output]:
    """Write a new file ``path`` whole or not at all (see the module's docstring). Raises :class:`OutputError`."""
    path = check_new_target(Path(path), journal_path)
    remove_leftovers(path.absolute().parent)
    temporary = temporary_name(path)
    try:
        fd = os.open(
            temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), FILE_MODE
        )
    except OSError as exc:
        raise output_error(path, exc) from None
    output = Output(path, temporary, fd)
    done = False
    try:
        try:
            yield output
            os.fsync(fd)  # the writer may have written by name: sync the same file
            os.close(fd)
            fd = -1
            _fsync_path(temporary)
            move_into_place(temporary, path)
            done = True
        except OSError as exc:
            raise output_error(path, exc) from None
    finally:
        if fd != -1:
            with contextlib.suppress(OSError):
                os.close(fd)
        if not done:
            with contextlib.suppress(OSError):
                temporary.unlink()
    sync_folder(path.absolute().parent)
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def new_output_folder(path: Path, journal_path: Path | None = None) -> Iterator[Output]:
    """A new folder ``path`` (0700) filled whole or not at all: its files are written into a fresh temporary
    folder beside it, each synced, and the folder is renamed into place at the end. ``output.fd`` is -1."""
    path = path.expanduser()
    if path.exists() and path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
        with contextlib.suppress(OSError):
            path.rmdir()  # an empty folder made for the export; the rename below must not replace anything
    path = check_new_target(path, journal_path)
    remove_leftovers(path.absolute().parent)
    temporary = temporary_name(path)
    try:
        os.mkdir(temporary, FOLDER_MODE)
    except OSError as exc:
        raise output_error(path, exc) from None
    done = False
    try:
        try:
            yield Output(path, temporary, -1)
            for child in temporary.iterdir():
                _fsync_path(child)
            sync_folder(temporary)
            if path.exists() or path.is_symlink():
                raise OutputError(_("{path} already exists; choose a new folder name.").format(path=path))
            os.rename(temporary, path)
            done = True
        except OSError as exc:
            raise output_error(path, exc) from None
    finally:
        if not done:
            import shutil  # loaded only when a folder is cleaned up: a read (today --json) never needs it

            shutil.rmtree(temporary, ignore_errors=True)
    sync_folder(path.absolute().parent)


def private_file(path: Path) -> int:
    """Create a new file inside an output folder, exclusively and owner-only; returns its descriptor."""
    return os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)


def _process_is_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary files and folders that killed runs of medjournal left in ``folder``: only ours (the
    current user's, by name), only when the process that wrote them no longer runs. Returns what was removed."""
    removed: list[Path] = []
    sides = ("", "-journal", "-wal", "-shm")  # a temporary database's own side files too (a killed restore's)
    try:
        names = os.listdir(
            folder
        )  # one look at the folder; Path.glob would read it and compile a pattern per side
    except OSError:
        return removed
    candidates = [folder / name for side in sides for name in names if _leftover_name(name, _SUFFIX + side)]
    uid = os.getuid() if hasattr(os, "getuid") else None
    for candidate in candidates:
        name = candidate.name
        for side in sides[1:]:
            name = name.removesuffix(side)
        name = name[: -len(_SUFFIX)]
        try:
            pid = int(name.rsplit(_MARK, 1)[1].split("-", 1)[0])
            info = candidate.lstat()
        except (ValueError, IndexError, OSError):
            continue
        if (
            (uid is not None and info.st_uid != uid)
            or stat.S_ISLNK(info.st_mode)
            or not _process_is_gone(pid)
        ):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISDIR(info.st_mode):
                import shutil

                shutil.rmtree(candidate)
            else:
                candidate.unlink()
            removed.append(candidate)
    return removed


def _leftover_name(name: str, tail: str) -> bool:
    """``name`` matches the pattern ``.*{_MARK}*{tail}``: a dot, then our mark, then ``tail`` at the end."""
    return name.startswith(".") and name.endswith(tail) and _MARK in name[1 : len(name) - len(tail)]


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only, and narrow it to 0700 if it exists, whatever the
    umask (logs, settings). Narrowing only takes permissions away: a folder its owner made read-only stays so."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & ~FOLDER_MODE:
            os.chmod(path, mode & FOLDER_MODE)
    return path
