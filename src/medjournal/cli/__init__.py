"""The command line. With no command it opens the window.

Thin by design (like sqlite-utils' CLI): every command calls the Journal API and turns expected failures into
one ``Error: ...`` line on stderr with a non-zero exit code and nothing written.

Commands are loaded lazily: ``COMMANDS`` below names each one and where it is defined, and its module is imported
only when that command runs or its help is shown. ``medjournal --version`` and ``--help`` therefore load no
storage code, and ``today --json`` loads only what ``today`` uses (docs/architecture.md, "The command line").
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import click

from medjournal import __version__, i18n
from medjournal.cli.click_language import Refusal, install
from medjournal.domain.clock import Clock, SystemClock
from medjournal.domain.errors import JournalFileError, MedjournalError
from medjournal.i18n import _
from medjournal.paths import resolve_journal_path

if TYPE_CHECKING:  # storage loads only when a command opens the journal
    from medjournal.cli.journal_place import NewJournal
    from medjournal.storage.journal import Journal
    from medjournal.storage.journal_reads import ReadsMixin

F = TypeVar("F", bound=Callable[..., Any])
install()  # click's own messages (a bad value, an unknown option) in the person's language too
UNEXPECTED = i18n.N_("medjournal hit an unexpected internal error")


class Context:
    """What every command needs: where the journal is and what time it is (a clock tests can fix)."""

    def __init__(self, db_path: Path, clock: Clock, explicit: bool = False) -> None:
        self.db_path = db_path
        self.clock = clock
        self.explicit = explicit  # named by --db or MEDJOURNAL_DB, not the usual place
        self._journal: ReadsMixin | None = None
        self.passphrase_source: Any = None  # cli/passphrase.py: --passphrase-fd / --passphrase-file
        self.opened_for_reading_only = False  # the read-only open only, never the full one (cli/entry.py)
        self.new_journal: NewJournal | None = None  # started by this command (cli/journal_place.py)

    @overload
    def journal(self, read_only: Literal[False] = False, *, existing: bool = False) -> Journal: ...
    @overload
    def journal(self, read_only: Literal[True], *, existing: bool = True) -> ReadsMixin: ...

    def journal(self, read_only: bool = False, *, existing: bool | None = None) -> ReadsMixin:
        """The journal, opened on first use. ``read_only`` (commands that only read) takes the cheaper read-only
        open when the file allows it (storage/read_only.py): a journal with the Journal's reads and no writes.
        Otherwise, and whenever a command asks for the journal to write to, the full open.

        A command that only reads (``existing``, the default with ``read_only``) refuses a journal that is not
        there, and creates nothing; a writing one starts a new journal only where cli/journal_place.py allows."""
        if self._journal is None and not self.db_path.exists():
            from medjournal.cli.journal_place import refuse_missing

            refuse_missing(self.db_path, read_only if existing is None else existing, self.explicit)
        if self._journal is None and read_only:
            from medjournal.storage.read_only import open_journal_read_only

            self._journal = open_journal_read_only(self.db_path, self.clock)
            self.opened_for_reading_only = self._journal is not None
            if self._journal is not None:
                speak_journal_language(self._journal)
        if self._journal is not None and not read_only and not _can_write(self._journal):
            self.close()  # read first, then asked to write: the full open from here on
        if self._journal is None:
            from medjournal.cli.passphrase import unlock_if_needed
            from medjournal.storage import open_journal
            from medjournal.storage.cipher import PassphraseNeeded

            self.opened_for_reading_only = False  # for good: this command may write
            unlock_if_needed(self)
            if self.new_journal is None and not self.db_path.exists():
                from medjournal.cli.journal_place import NewJournal

                self.new_journal = NewJournal(self.db_path)
            try:
                self._journal = open_journal(self.db_path, self.clock)
            except PassphraseNeeded:  # encrypted, or given another passphrase, while this command waited
                unlock_if_needed(self)
                self._journal = open_journal(self.db_path, self.clock)
            speak_journal_language(self._journal)
        return self._journal

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def discard_new_journal(self) -> None:
        """After a refused command: the journal it started, if it did and nothing was written into it, is taken
        away with the files made beside it, so that the folder is as it was (docs/command-line.md)."""
        if self.new_journal is None:
            return
        holds_entries = self._journal is not None and _holds_entries(self._journal)
        self.close()
        self.new_journal.discard(holds_entries)
        self.new_journal = None


def _holds_entries(journal: ReadsMixin) -> bool:
    """Whether anything at all is in ``journal`` (any record, any setting); when it cannot be read, as if so."""
    from medjournal.storage.journal import Journal

    try:
        return not isinstance(journal, Journal) or any(journal.counts().values())
    except Exception:  # a journal that cannot be read is kept, as it is
        return True


def _can_write(journal: ReadsMixin) -> bool:
    from medjournal.storage.read_only import ReadOnlyJournal  # loaded already when it was opened read-only

    return not isinstance(journal, ReadOnlyJournal)


def speak_journal_language(journal: ReadsMixin) -> None:
    """Messages from here on in the journal's ``language`` setting, as the window speaks (docs/translating.md);
    without one they stay in the system's language, chosen when the command started."""
    code = journal.setting("language")
    context = click.get_current_context(silent=True)
    if isinstance(code, str) and code.strip() and context is not None:
        context.with_resource(i18n.use_language(code.strip(), iso_days=True))


def handle_errors(func: F) -> F:
    """Expected failures become ``Error: <sentence>``; the journal is left as it was (each write is atomic)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except JournalFileError as exc:
            message = exc.message
            if exc.newest_backup:
                message += " " + _("The newest good backup is {path} (use: medjournal restore FILE).").format(
                    path=exc.newest_backup
                )
            raise Refusal(message) from None
        except MedjournalError as exc:
            raise Refusal(exc.message) from None
        except (
            BrokenPipeError
        ):  # the reader (head, a pager) stopped reading: click ends quietly, nothing to say
            raise
        except OSError as exc:
            from medjournal.domain.os_reason import os_reason_first

            raise Refusal(f"{os_reason_first(exc)}: {exc.filename or ''}".rstrip(": ")) from None
        except click.UsageError as exc:
            raise one_line_usage_error(exc) from None
        except (
            click.ClickException
        ) as exc:  # its Error: line made now, while the command's language is in use
            raise localized(exc) from None
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            from medjournal.storage.database import sqlite_failure  # loaded only when something failed

            known = sqlite_failure(exc, state_path())
            if known is not None:  # SQLite refused (locked, full, damaged): expected, one sentence
                raise Refusal(known + " " + _("Nothing further was written.")) from None
            # a bug: say so in one line, keep the details for the log
            import logging  # only on this path: a command that works never loads logging

            logging.getLogger("medjournal").debug("unexpected error", exc_info=True)
            raise Refusal(
                _("{unexpected} ({error}); nothing further was written. Please report this.").format(
                    unexpected=_(UNEXPECTED), error=type(exc).__name__
                )
            ) from None

    return wrapper  # type: ignore[return-value]


def state_path() -> Path:
    """The journal path of the command being run, for messages; outside a command (no --db was read), the
    journal a command would open: MEDJOURNAL_DB or the default location. Always a path, never words."""
    context = click.get_current_context(silent=True)
    state = context.find_object(Context) if context is not None else None
    return state.db_path if state is not None else resolve_journal_path(None)


def clock_from_environment() -> Clock:
    """``MEDJOURNAL_NOW`` (ISO time) fixes the clock; used by tests and scripted demos, never needed by people."""
    fixed = os.environ.get("MEDJOURNAL_NOW")
    if fixed:
        from datetime import datetime

        from medjournal.domain.clock import FixedClock

        return FixedClock(datetime.fromisoformat(fixed))
    return SystemClock()


class UsageProblem(Refusal):
    """Bad usage (an unknown option, a missing argument, a value of the wrong kind) as one ``Error:`` line.

    click's own UsageError prints the usage line, a "Try ..." hint and a blank line before the error; the
    contract (docs/design.md §3) is one line on stderr, so the hint goes at the end of that line instead.
    """

    exit_code = 2


def one_line_usage_error(exc: click.UsageError, fallback: click.Context | None = None) -> UsageProblem:
    context = exc.ctx or fallback
    message = exc.format_message().strip() or _("The command line could not be read.")
    if context is not None:
        # Translators: after a usage error, where to read how the command is used.
        message = _("{message} (see: {command} --help)").format(
            message=message, command=command_path(context)
        )
    return UsageProblem(" ".join(message.split()))


def localized(exc: click.ClickException) -> click.ClickException:
    """``exc`` with its ``Error:`` line made now, in the language in use (click would make it after the
    command's language is gone); a usage error is one line with where to look (:func:`one_line_usage_error`)."""
    if isinstance(exc, Refusal):
        return exc
    if isinstance(exc, click.UsageError):
        return one_line_usage_error(exc)
    return Refusal(exc.format_message())


def command_path(context: click.Context) -> str:
    """``medjournal med add``: the program is called medjournal however it was started (``python -m``, tests)."""
    names: list[str] = []
    while context.parent is not None:
        names.insert(0, context.info_name or "")
        context = context.parent
    return " ".join(["medjournal", *filter(None, names)])


# Every command: the name a person types -> "module:attribute" of its click command, under medjournal.cli.
# To add a command, define it with @click.command("name") in a module here and add one line to this table; that
# is all (no registration function). The module is imported only when its command is used, so it must not
# import medjournal.storage, sqlite_utils, Qt or the report at module level: import those inside the command
# (tests/test_cli_lazy.py runs --help in a fresh process and fails if they load).
COMMANDS: dict[str, str] = {
    "activity": "activities:activity",
    "backup": "data:backup",
    "checkin": "entries:checkin",
    "decrypt": "encryption:decrypt",
    "demo": "demo:demo",
    "encrypt": "encryption:encrypt",
    "export": "data:export",
    "import": "data:import_",
    "import-csv": "import_csv:import_csv",
    "measure": "measures:measure",
    "med": "meds:med",
    "passphrase": "encryption:passphrase",
    "question": "entries:question",
    "questionnaire": "entries:questionnaire",
    "refill": "stock:refill",
    "report": "report:report_command",
    "restore": "data:restore",
    "setting": "settings:setting",
    "side-effect": "entries:side_effect",
    "skip": "meds:skip",
    "stock": "stock:stock",
    "take": "meds:take",
    "today": "today:today",
    "treatment": "entries:treatment",
    "visit": "entries:visit",
}


class MainGroup(click.Group):
    """The top-level group. Every usage error, whichever command it comes from, becomes one ``Error:`` line.

    The conversion lives in ``make_context`` (errors in the global options, such as ``--db`` naming a folder)
    and ``invoke`` (an unknown command and everything the subcommands parse), so ``medjournal`` run from a
    shell and the in-process CliRunner of the tests print the same thing. A group called without a command
    (``medjournal med``) still prints its help.

    ``lazy`` maps command names to ``"module:attribute"`` under medjournal.cli (see ``COMMANDS``); such a
    command is imported the first time it is looked up.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, _ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy))

    def get_command(self, _ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            module_name, attribute = self.lazy[cmd_name].split(":")
            module = importlib.import_module(f"medjournal.cli.{module_name}")
            command = getattr(module, attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"medjournal.cli.{self.lazy[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # The global options are read before the command chooses its language: their errors speak the system's.
        with (
            i18n.use_language(i18n.system_language(), iso_days=True)
            if parent is None
            else contextlib.nullcontext()
        ):
            try:
                return super().make_context(info_name, args, parent=parent, **extra)
            except click.exceptions.NoArgsIsHelpError:
                raise
            except click.UsageError as exc:
                raise one_line_usage_error(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke_in_language(ctx)
        except BaseException as exc:
            refused = not isinstance(exc, click.exceptions.Exit) or exc.exit_code != 0
            if refused and isinstance(ctx.obj, Context):
                ctx.obj.discard_new_journal()  # a refused command leaves no new journal behind
            raise

    def _invoke_in_language(self, ctx: click.Context) -> Any:
        # The command line's messages speak the system's language (the journal's setting, once it is open:
        # speak_journal_language); the ISO dates it reads and prints (in the domain's sentences too) and its
        # --json output stay the same in every language.
        with i18n.use_language(i18n.system_language(), iso_days=True):
            try:
                return super().invoke(ctx)
            except click.exceptions.NoArgsIsHelpError:
                raise
            except click.UsageError as exc:
                raise one_line_usage_error(exc, ctx) from None
            except click.ClickException as exc:
                raise localized(exc) from None
            except click.Abort:
                raise Refusal(_("Stopped before finishing; nothing further was written.")) from None


@click.group(
    cls=MainGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="MEDJOURNAL_DB",
    help="The journal file (default: your local journal). Also MEDJOURNAL_DB.",
)
@click.option(
    "--passphrase-fd",
    type=click.IntRange(min=0),
    help="Read the passphrase of an encrypted journal from this file descriptor (one line).",
)
@click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the passphrase of an encrypted journal from the first line of this file.",
)
@click.option("--install-desktop", is_flag=True, help="Add medjournal to your desktop's application menu.")
@click.option(
    "--uninstall-desktop", is_flag=True, help="Remove medjournal from your desktop's application menu."
)
@click.version_option(__version__, "-V", "--version", prog_name="medjournal")
@click.pass_context
def cli(
    ctx: click.Context,
    db: Path | None,
    passphrase_fd: int | None,
    passphrase_file: Path | None,
    install_desktop: bool,
    uninstall_desktop: bool,
) -> None:
    """medjournal: a private, offline medication journal.

    With no command, opens the window. Every command works on one local journal file;
    nothing ever leaves this computer.
    """
    state = Context(resolve_journal_path(db), clock_from_environment(), explicit=db is not None)
    if passphrase_fd is not None or passphrase_file is not None:
        from medjournal.cli.passphrase import SecretSource

        state.passphrase_source = SecretSource(passphrase_fd, passphrase_file)
    ctx.obj = state
    global last_context
    last_context = state
    ctx.call_on_close(state.close)
    if install_desktop or uninstall_desktop:
        from medjournal import desktop

        try:
            if install_desktop:
                for line in desktop.install_desktop():
                    click.echo(line)
            else:
                for line in desktop.uninstall_desktop():
                    click.echo(line)
        except OSError as exc:
            raise Refusal(_("Could not change the desktop menu: {error}").format(error=exc)) from None
        ctx.exit(0)
    if ctx.invoked_subcommand is None:
        from medjournal.ui.app import run_window

        if _window_collector is not None:  # the collector as Python sets it (see main)
            gc.set_threshold(*_window_collector)
        ctx.exit(run_window(state.db_path, state.clock))


def register_commands() -> None:
    """Load every command now (tests walk ``cli.commands``); ``main`` loads only the one that runs."""
    for name in COMMANDS:
        cli.get_command(click.Context(cli), name)


# A command runs for a fraction of a second; the objects it keeps (its modules' classes and functions, the rows
# it reads) are almost never in a reference cycle, and reference counting frees the rest. Python's collector
# looks for cycles every 700 objects kept: about 45 times in `today --json`, each pass walking the objects kept
# since, finding a few hundred. A command looks every 20,000 (3 to 6 ms less CPU of `today --json`'s 100, side
# by side under load). The window, which runs for hours, gets Python's own setting back before it starts (`cli`
# above); imports pause the collector altogether (storage/collector.py).
COMMAND_COLLECTOR_THRESHOLD = 20_000
_window_collector: tuple[int, int, int] | None = None
last_context: Context | None = None  # the Context of the command that ran last (cli/entry.py reads it)


def main() -> None:
    global _window_collector
    os.umask(0o077)  # everything medjournal creates (logs, settings, outputs) is the owner's only
    _window_collector = gc.get_threshold()
    gc.set_threshold(COMMAND_COLLECTOR_THRESHOLD, *_window_collector[1:])
    try:
        cli(prog_name="medjournal")
    finally:
        gc.set_threshold(*_window_collector)


if __name__ == "__main__":  # pragma: no cover
    main()
