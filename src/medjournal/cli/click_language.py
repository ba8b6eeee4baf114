"""click's own messages in the person's language, and an ``Error:`` line wholly in the language of its message.

click writes its messages (a value of the wrong kind, an unknown option, a missing argument, the ``Error:``
prefix) with the standard library's ``gettext`` functions, which each of its modules imports as ``_`` and
``ngettext``; gettext's global domain knows nothing of medjournal's language setting. ``install()`` points those
names at medjournal's catalogue for the messages listed here (click's own wording), so they follow the language
the command speaks (docs/translating.md, "The command line"). Every other text of click's, its help pages above
all, stays as click writes it: a message is translated only when it is listed, so a help heading that happens to
share its words with a message of the window is not. A click release that words a listed message differently
shows that message in English until the list follows.

click prints the ``Error:`` line only after the command has finished and the language it chose (the system's, or
the journal's ``language`` setting) is no longer in use, so :class:`Refusal` makes its line when it is raised.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Callable
from typing import IO, Any

import click

from medjournal import i18n
from medjournal.i18n import N_, _, ngettext

# click's messages that a person can meet on medjournal's command line, in click's exact words. The names of a
# parameter's type ("integer", "file") are fixed when a command is defined, not when the message is shown, so
# the translations leave them out ("'abc' ist keine gültige Zahl.").
MESSAGES = frozenset(
    {
        N_("Error: {message}"),
        N_("Invalid value: {message}"),
        N_("Invalid value for {param_hint}: {message}"),
        N_("Missing argument"),
        N_("Missing option"),
        N_("Missing parameter"),
        N_("Missing parameter: {param_name}"),
        N_("Missing command."),
        N_("No such option {name!r}."),
        N_("No such command {name!r}."),
        N_("Option {name!r} does not take a value."),
        N_("Argument {name!r} takes {nargs} values."),
        N_("{value!r} is not a valid {number_type}."),
        N_("{value} is not in the range {range}."),
        N_("{value!r} is not a valid boolean. Recognized values: {states}"),
        N_("{name} {filename!r} does not exist."),
        N_("{name} {filename!r} is a file."),
        N_("{name} {filename!r} is a directory."),
        N_("{name} {filename!r} is not readable."),
        N_("{name} {filename!r} is not writable."),
        N_("Could not open file {filename!r}: {message}"),
        N_("Error: invalid input"),
    }
)

# click's messages with a number, each written out so that it is extracted as a plural.
PLURALS: tuple[Callable[[int], str], ...] = (
    lambda n: ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", n),
    lambda n: ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n),
    lambda n: ngettext(
        "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n
    ),
    lambda n: ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", n
    ),
)


def _plural_table() -> dict[tuple[str, str], Callable[[int], str]]:
    with i18n.use_language(i18n.SOURCE_LANGUAGE):
        return {(form(1), form(2)): form for form in PLURALS}


_PLURAL_FORMS = _plural_table()


def click_gettext(message: str) -> str:
    """click's ``_``: a listed message in the language in use, any other as click wrote it."""
    return _(message) if message in MESSAGES else message


def click_ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``: a listed message by the language's plural rules, any other by English ones."""
    form = _PLURAL_FORMS.get((singular, plural))
    if form is not None:
        return form(n)
    return singular if n == 1 else plural


def install() -> None:
    """Point click's ``_`` and ``ngettext`` at :func:`click_gettext` and :func:`click_ngettext` (once is enough;
    again changes nothing)."""
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            vars(module)["_"] = click_gettext
        if getattr(module, "ngettext", None) is gettext.ngettext:
            vars(module)["ngettext"] = click_ngettext


class Refusal(click.ClickException):
    """A refusal whose whole ``Error:`` line is made when it is raised, in the language its message is in."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.line = _("Error: {message}").format(message=message)

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.line, file=file, err=file is None)
