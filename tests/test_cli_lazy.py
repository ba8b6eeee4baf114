"""The command line loads only what a command uses: ``--version`` and ``--help`` load no storage code.

Each check runs ``medjournal`` the way the installed script does (``medjournal.cli.main``) in a fresh process and
reads ``sys.modules`` afterwards, so an import added at the top of a command module shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import click
import pytest

# Loaded only by commands that need them.
HEAVY = ("medjournal.storage", "sqlite_utils", "PySide6", "pyqtgraph", "numpy", "medjournal.ui")


def run_main(args: list[str], tmp_path: Path) -> tuple[str, list[str]]:
    """Run ``medjournal ARGS`` in a new interpreter; its output and the heavy modules it loaded."""
    code = (
        "import json, sys\n"
        "from medjournal.cli import main\n"
        f"sys.argv = ['medjournal', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print('MODULES ' + json.dumps(heavy))\n"
    )
    env = {"MEDJOURNAL_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    )
    output, _, modules = result.stdout.rpartition("MODULES ")
    return output, json.loads(modules)


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--help"], ["-h"]], ids=" ".join)
def test_version_and_help_load_no_storage(tmp_path: Path, args: list[str]) -> None:
    output, heavy = run_main(args, tmp_path)
    assert heavy == []
    assert "medjournal" in output
    assert not (tmp_path / "home").exists()  # no journal was created either


def test_help_lists_every_command_with_its_own_words(tmp_path: Path) -> None:
    from medjournal.cli import COMMANDS, cli, register_commands

    register_commands()
    output, _ = run_main(["--help"], tmp_path)
    listed = output.split("Commands:")[1]
    for name in COMMANDS:
        line = next(line for line in listed.splitlines() if line.split()[:1] == [name])
        first_words = cli.commands[name].get_short_help_str(1000).split()[:3]
        assert " ".join(first_words) in " ".join(line.split())


def test_a_command_help_loads_only_its_command(tmp_path: Path) -> None:
    output, heavy = run_main(["today", "--help"], tmp_path)
    assert "That day's doses" in output
    assert heavy == []


def test_every_table_entry_is_the_command_of_that_name() -> None:
    from medjournal.cli import COMMANDS, cli

    context = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert isinstance(command, click.Command), name
        assert command.name == name


def test_an_unknown_command_is_one_error_line(tmp_path: Path) -> None:
    code = "from medjournal.cli import main\nimport sys\nsys.argv = ['medjournal', 'todya']\nmain()\n"
    env = {"MEDJOURNAL_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["Error: No such command 'todya'. (see: medjournal --help)"]


# What the read commands (``today --json`` is called every minute by status bars and scripts) must not load:
# writing, importing, reporting and window code, and the libraries only they use (docs/data-safety.md, "Opening
# for reading").
NOT_FOR_READS = (
    "sqlite_utils",
    "PySide6",
    "pyqtgraph",
    "numpy",
    "medjournal.ui",
    "medjournal.report",
    "medjournal.storage.journal",  # the full Journal: its writing half is not loaded, only journal_reads
    "medjournal.storage.journal_doses",
    "medjournal.storage.journal_entries",
    "medjournal.storage.journal_editing",
    "medjournal.storage.journal_import",
    "medjournal.storage.journal_medications",
    "medjournal.storage.journal_measures",
    "medjournal.storage.journal_activities",
    "medjournal.storage.autobackup",
    "medjournal.storage.exchange",
    "medjournal.storage.csv_plan",
    "medjournal.storage.import_fast",
    "medjournal.storage.backup",
    "medjournal.storage.restore",
    "medjournal.domain.entries",  # the validators of what is written
    "importlib.resources",  # the reviewed data is read as plain files (domain/knowledge.py)
    "zoneinfo",  # loaded only where a zone's rules are asked for
    "babel",  # dates and numbers in the person's language: --json writes ISO
    "logging",  # loaded only when something is logged
    "hashlib",  # key derivation and temporary names: a plain journal's read needs neither
    "secrets",
    "shutil",  # only removing a leftover temporary folder needs it (storage/output_file.py)
    "medjournal.domain.validation",  # the validators of names and numbers that are written
    "medjournal.domain.records_more",  # treatments, safety answers, visits and measures: never read here
)


# A dataclass without a docstring of its own gets one made from ``inspect.signature`` when it is created, which
# costs about as much again as a small class: every dataclass a read command loads has its own.
UNDOCUMENTED_DATACLASSES = (
    "import dataclasses\n"
    "undocumented = sorted(\n"
    "    f'{c.__module__}.{c.__qualname__}' for m in list(sys.modules.values())\n"
    "    if getattr(m, '__name__', '').startswith('medjournal') for c in vars(m).values()\n"
    "    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == m.__name__\n"
    "    and (c.__doc__ or '').startswith(c.__name__ + '(')\n"
    ")\n"
    "print('UNDOCUMENTED ' + json.dumps(undocumented))\n"
)
# A frozen dataclass has __init__, __setattr__, __delattr__ (and __eq__, __repr__, __hash__ unless told otherwise)
# compiled for it when its module loads, about 0.7 ms a class; a record (domain/value.py) has none compiled until
# one is made. Every dataclass a read command loads is a record: the classes with a method of their own compiled.
COMPILED_DATACLASSES = (
    "compiled = sorted(\n"
    "    f'{c.__module__}.{c.__qualname__}' for m in list(sys.modules.values())\n"
    "    if getattr(m, '__name__', '').startswith('medjournal') for c in vars(m).values()\n"
    "    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == m.__name__\n"
    "    and {'__setattr__', '__delattr__', '__eq__', '__repr__'} & set(vars(c))\n"
    ")\n"
    "print('COMPILED ' + json.dumps(compiled))\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["today", "--json"],
        ["med", "list", "--json"],
        ["stock", "--json"],
    ],
    ids=" ".join,
)
def test_read_commands_load_only_what_a_read_needs(tmp_path: Path, args: list[str]) -> None:
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    journal_file = tmp_path / "journal.db"
    journal = open_journal(journal_file, FixedClock(datetime(2026, 3, 15, 21, 0).astimezone()))
    journal.add_medication(
        "Duloxetine", 30, "mg", times="08:00", start="2026-03-01", stock_units=28, unit_size=30
    )
    journal.close()
    code = (
        "import json, sys\n"
        "from medjournal.cli import main\n"
        f"sys.argv = ['medjournal', '--db', {str(journal_file)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('MODULES ' + json.dumps(sorted(sys.modules)))\n"
        f"{UNDOCUMENTED_DATACLASSES}"
        f"{COMPILED_DATACLASSES}"
    )
    env = {
        "MEDJOURNAL_HOME": str(tmp_path / "home"),
        "MEDJOURNAL_NOW": datetime(2026, 3, 15, 21, 0).astimezone().isoformat(),
        "PATH": "/usr/bin:/bin",
        "LANG": "de_DE.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    )
    output, _, modules = result.stdout.rpartition("MODULES ")
    modules, _, undocumented = modules.partition("UNDOCUMENTED ")
    undocumented, _, compiled = undocumented.partition("COMPILED ")
    assert json.loads(undocumented) == []
    assert json.loads(compiled) == []
    read = json.loads(output)
    if args[0] == "today":
        assert read["date"] == "2026-03-15"
        assert [slot["medication"] for slot in read["slots"]] == ["Duloxetine"]  # it did read the journal
    elif args[0] == "med":
        assert [m["name"] for m in read["medications"]] == ["Duloxetine"]
    else:
        stock = read["stock"]
        assert [s["name"] for s in stock] == ["Duloxetine"]
        assert 0 < stock[0]["units_on_hand"] <= 28  # the doses since 1 March taken from the 28
    # stock's JSON carries a sentence in the person's language ("text"), its numbers formatted by babel (which
    # loads zoneinfo)
    unwanted = [n for n in NOT_FOR_READS if not (args[0] == "stock" and n in ("babel", "zoneinfo"))]
    if args[0] != "today":  # med and stock parse dates in their other subcommands' options (cli/dates.py)
        unwanted.remove("medjournal.domain.validation")
    loaded = [m for m in json.loads(modules) if any(m == n or m.startswith(n + ".") for n in unwanted)]
    assert loaded == []
    assert "medjournal.storage.read_only" in json.loads(modules)  # the read-only open, not the full one
