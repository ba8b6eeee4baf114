"""A medication that starts after today is planned, not stopped, and a dose step that begins later is shown as
starting then, not as running "→ now" (domain/medication_state.py): ``med list`` in English and German, and its
JSON. The clock is 2026-03-15 09:30 (conftest)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.conftest import NOW, Cli
from tests.test_caution_names import ok


def planned_journal(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start",
       "2026-03-01")  # fmt: skip
    ok(run_cli, "med", "add", "Pregabalin", "--dose", "75", "--unit", "mg", "--times", "08:00,20:00", "--start",
       "2026-03-20")  # fmt: skip
    ok(run_cli, "med", "change", "Duloxetine", "--dose", "60", "--from", "2026-03-16")
    ok(
        run_cli,
        "med",
        "add",
        "Ibuprofen",
        "--dose",
        "400",
        "--unit",
        "mg",
        "--as-needed",
        "--start",
        "2026-02-01",
    )
    ok(run_cli, "med", "stop", "Ibuprofen", "--on", "2026-03-10")


def test_med_list_says_planned_from_and_a_later_step_starts_then(run_cli: Cli) -> None:
    planned_journal(run_cli)
    assert ok(run_cli, "med", "list").splitlines() == [
        "Duloxetine (current, since 2026-03-01)",
        "  2026-03-01 → 2026-03-15: 30 mg 08:00",
        "  from 2026-03-16 (planned): 60 mg 08:00",
        "Ibuprofen (stopped, since 2026-03-10)",
        "  2026-02-01 → 2026-03-09: 400 mg as needed",
        "Pregabalin (planned from 2026-03-20)",
        "  from 2026-03-20 (planned): 75 mg 08:00, 20:00",
    ]
    listed = json.loads(ok(run_cli, "med", "list", "--json"))["medications"]
    assert [(m["name"], m["state"], m["state_date"], m["active"]) for m in listed] == [
        ("Duloxetine", "current", "2026-03-01", True),
        ("Ibuprofen", "stopped", "2026-03-10", False),
        ("Pregabalin", "planned", "2026-03-20", False),
    ]


def test_a_restart_from_a_later_day_is_planned(run_cli: Cli) -> None:
    planned_journal(run_cli)
    ok(run_cli, "med", "restart", "Ibuprofen", "--dose", "200", "--as-needed", "--start", "2026-03-18")
    lines = ok(run_cli, "med", "list").splitlines()
    assert "Ibuprofen (planned from 2026-03-18)" in lines
    assert "  from 2026-03-18 (planned): 200 mg as needed" in lines


def test_med_list_in_german(run_cli: Cli) -> None:
    from medjournal.cli import cli, register_commands

    planned_journal(run_cli)
    register_commands()
    env = {"MEDJOURNAL_NOW": NOW.isoformat(), "LANGUAGE": "de", "LANG": "de_DE.UTF-8", "LC_ALL": None}
    result = CliRunner().invoke(cli, ["--db", str(run_cli.db), "med", "list"], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Pregabalin (geplant ab 2026-03-20)" in lines
    assert "  ab 2026-03-16 (geplant): 60 mg 08:00" in lines
    assert not [line for line in lines if "abgesetzt" in line and "Pregabalin" in line]
