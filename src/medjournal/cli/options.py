"""The options several commands share, each written once: ``--date``, ``--note``, ``--json`` and ``-o/--output``
(docs/command-line.md). A command that words one of them differently passes its own help text; the option's
name, the parameter it fills and its kind stay the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from medjournal.cli.dates import DAY_HELP

F = TypeVar("F", bound=Callable[..., Any])

# A file's path (never a folder), as a pathlib.Path.
FILE = click.Path(dir_okay=False, path_type=Path)


def date_option(help: str = f"The day ({DAY_HELP}; default today).") -> Callable[[F], F]:
    """``--date`` into the parameter ``day``: a day in any of the forms cli/dates.py reads, or None."""
    return click.option("--date", "day", help=help)


def note_option(help: str = "A note.") -> Callable[[F], F]:
    """``--note`` into ``note``, empty when not given."""
    return click.option("--note", default="", help=help)


def json_option(help: str = "Machine-readable output.") -> Callable[[F], F]:
    """``--json`` into ``as_json``: print JSON instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def output_option(help: str, metavar: str | None = None) -> Callable[[F], F]:
    """``-o/--output`` into ``output``: the file to write, or None."""
    return click.option("-o", "--output", type=FILE, metavar=metavar, help=help)
