"""The command line's messages in German (docs/translating.md): from the system's language (LANGUAGE, LC_ALL,
LANG), or the journal's ``language`` setting once it is open; ISO input and ``--json`` output stay as they are."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner, Result

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal
from tests.conftest import NOW
from tests.test_pdf import build_known_journal


def run(db: Path | None, *args: str, lang: str = "C.UTF-8") -> Result:
    """The command line in the system language ``lang``; ``db`` None: no --db (the usual place)."""
    from medjournal.cli import cli, register_commands

    register_commands()
    env = {
        "MEDJOURNAL_NOW": NOW.isoformat(),
        "LANG": lang,
        "LANGUAGE": None,
        "LC_ALL": None,
        "LC_MESSAGES": None,
    }
    given = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*given, *args], env=env, catch_exceptions=True)


def test_a_german_system_gets_german_confirmations_with_iso_input(journal_path: Path) -> None:
    result = run(
        journal_path, "med", "add", "Duloxetine", "--dose", "30", "--unit", "mg", "--times", "08:00", "--start",
        "2026-03-01", lang="de_DE.UTF-8",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == "Duloxetine hinzugefügt: 30 mg um 08:00 ab 2026-03-01.\n"
    result = run(journal_path, "take", "Duloxetine", "--at", "08:10", lang="de_DE.UTF-8")
    assert result.output.startswith(
        "Dosis um 08:00 von Duloxetine (30 mg) erfasst, eingenommen um 2026-03-15 08:10."
    )
    english = run(journal_path, "checkin", "--pain", "4")
    assert english.output.startswith("Saved the check-in for 2026-03-15: pain 4.")


def test_the_journal_language_setting_speaks_german_and_json_stays_english(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 3, 1, 7, 0).astimezone())  # added on its first day: its slots since are missed
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    journal.set_setting("language", "de")
    words = run(journal_path, "today", "--at", "2026-03-15 21:00")
    assert words.exit_code == 0, words.output
    assert words.output.splitlines()[:2] == [
        "Sonntag, 2026-03-15, um 21:00",
        "  08:00  Duloxetine 30 mg: versäumt, nicht eingetragen",
    ]
    data = json.loads(run(journal_path, "today", "--at", "2026-03-15 21:00", "--json").output)
    assert data["date"] == "2026-03-15" and data["slots"][0]["status"] == "missed"
    checkin = run(journal_path, "checkin", "--pain", "4", "--mood", "6")
    assert checkin.output.startswith("Tageseintrag für 2026-03-15 gespeichert: Schmerz 4, Stimmung 6.")


def test_a_refusal_in_german_is_one_line_and_writes_nothing(journal: Journal, journal_path: Path) -> None:
    build_known_journal(journal)
    journal.set_setting("language", "de")
    result = run(journal_path, "report", "--to", "2026-04-01", lang="de_DE.UTF-8")  # checked before it opens
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Fehler: Das Enddatum 2026-04-01 liegt nach heute (2026-03-15): Eine Zusammenfassung umfasst vergangene "
        "Tage; verwenden Sie --to mit heute oder einem früheren Tag."
    ]
    taken = run(journal_path, "take", "Duloxetine", "--at", "2026-03-15 08:05")
    assert taken.exit_code == 1
    assert "ist schon erfasst (eingenommen um 08:00). Für eine tatsächlich zusätzliche Dosis" in taken.output
    assert len(journal.dose_logs()) == 40 + 1  # 40 taken and 1 skipped, as before


def test_the_report_words_in_german(journal: Journal, journal_path: Path) -> None:
    build_known_journal(journal)
    result = run(journal_path, "report", lang="de_DE.UTF-8")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Zusammenfassung 2025-12-16 bis 2026-03-15 (die letzten 90 Tage): ")
    assert lines[0].endswith("): Schmerz an 22 von 90 Tagen bewertet; Eigenangaben.")
    assert (
        "In Kürze: Schmerz 7,0 → 4,0 (−43 %), bedeutsame Besserung · Einnahme 93 % · 1 neue Nebenwirkung "
        "(0 anhaltend) · 2 Sicherheitshinweise." in lines
    )
    assert "Duloxetine 60 mg 08:00: 93 % eingenommen (40 von 43, 1 ausgelassen, 2 nicht eingetragen)" in lines
    assert (
        "  Veränderung um 2 Punkte oder mehr: ja; Eindruck der Veränderung (PGIC): in diesem Zeitraum "
        in ("\n".join(lines) + " ")
    )
    assert (
        lines[-1]
        == "Verwenden Sie --json für alle Zahlen oder -o DATEI.pdf für die Seite für Ihre Ärztin oder Ihren Arzt."
    )
