"""click's own messages and the ``Error:`` line in German (cli/click_language.py; docs/translating.md, "The
command line"): a bad value, an unknown option or command, a missing argument is one line wholly in the person's
language, nothing is written, and the help pages stay English.

Each test runs the command as a person does (in-process through ``tests/test_cli_german.py``'s ``run``, or as a
process through ``medjournal``'s entry point) and reads the journal back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal import i18n
from medjournal.storage import Journal
from tests.test_cli import snapshot
from tests.test_cli_german import run

GERMAN = "de_DE.UTF-8"

USAGE = [
    (
        ("demo", "--days", "abc"),
        "Fehler: Ungültiger Wert für '--days': 'abc' ist keine gültige Zahl. (siehe: medjournal demo --help)",
    ),
    (
        ("checkin", "--pain", "5", "--zzz"),
        "Fehler: Eine Option '--zzz' gibt es nicht. (siehe: medjournal checkin --help)",
    ),
    (
        ("checkin", "--pain", "5", "--hour", "7"),
        "Fehler: Eine Option '--hour' gibt es nicht. (Meinten Sie eines von: '--hours', '--where'?) (siehe: "
        "medjournal checkin --help)",
    ),
    (
        ("checkin", "--pain", "5", "--moood", "7"),
        "Fehler: Eine Option '--moood' gibt es nicht. Meinten Sie '--mood'? (siehe: medjournal checkin --help)",
    ),
    (("take",), "Fehler: Fehlendes Argument 'NAME'. (siehe: medjournal take --help)"),
    (
        ("todya",),
        "Fehler: Einen Befehl 'todya' gibt es nicht. Meinten Sie 'today'? (siehe: medjournal --help)",
    ),
    (("med", "frob"), "Fehler: Einen Befehl 'frob' gibt es nicht. (siehe: medjournal med --help)"),
    (
        ("questionnaire", "bpi", "--answers", "1"),
        "Fehler: Ungültiger Wert für '{peg|pgic|phq2|phq9|gad2}': 'bpi' ist keiner der Werte 'peg', 'pgic', 'phq2', "
        "'phq9', 'gad2'. (siehe: medjournal questionnaire --help)",
    ),
    (
        ("import-csv", "{folder}"),
        "Fehler: Ungültiger Wert für 'FILE': '{folder}' ist ein Ordner. (siehe: medjournal import-csv --help)",
    ),
    (
        ("export", "--csv", "{journal}"),
        "Fehler: Ungültiger Wert für '--csv': '{journal}' ist eine Datei. (siehe: medjournal export --help)",
    ),
    (
        ("checkin", "--pain", "4", "extra", "words"),
        "Fehler: Unerwartete zusätzliche Argumente (extra words) (siehe: medjournal checkin --help)",
    ),
    (
        ("--passphrase-fd", "-1", "today"),
        "Fehler: Ungültiger Wert für '--passphrase-fd': -1 liegt nicht im Bereich x>=0. (siehe: medjournal --help)",
    ),
    (
        ("--db", "{folder}", "today"),
        "Fehler: Ungültiger Wert für '--db': '{folder}' ist ein Ordner. (siehe: medjournal --help)",
    ),
]
ENGLISH_WORDS = (
    " is ",
    " not ",
    "Invalid",
    "No such",
    "Missing",
    "Did you",
    "see:",
    "Error",
    "extra argument",
)


@pytest.mark.parametrize(("args", "german"), USAGE, ids=[" ".join(a[:2]) for a, _ in USAGE])
def test_a_usage_error_is_one_german_line_and_writes_nothing(
    journal: Journal, journal_path: Path, tmp_path: Path, args: tuple[str, ...], german: str
) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    places = {
        "{folder}": str(tmp_path),
        "{journal}": str(journal_path),
        "{INSTRUMENT}": "{peg|pgic|phq2|phq9|gad2}",
    }
    args = tuple(places.get(a, a) for a in args)
    for place, value in places.items():
        german = german.replace(place, value)
    before = snapshot(journal_path)
    result = run(journal_path, *args, lang=GERMAN)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines == [german]
    for word in ENGLISH_WORDS:
        assert word not in lines[0], lines[0]
    english = run(journal_path, *args)
    assert english.stderr.startswith("Error: ")
    assert snapshot(journal_path) == before
    assert i18n.language() == "en"  # the command's language ended with it


def test_the_error_line_follows_the_journal_language_setting(journal: Journal, journal_path: Path) -> None:
    journal.set_setting("language", "de")
    before = snapshot(journal_path)
    refused = run(journal_path, "checkin", "--pain", "11")  # the system speaks English; the journal German
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        "Fehler: „Schmerz“ muss zwischen 0 und 10 liegen; 11 liegt außerhalb."
    ]
    assert snapshot(journal_path) == before
    # read before the journal is opened: the system's language (docs/translating.md)
    early = run(journal_path, "checkin", "--zzz")
    assert early.stderr.splitlines() == ["Error: No such option '--zzz'. (see: medjournal checkin --help)"]


def test_help_pages_stay_english(journal_path: Path) -> None:
    shown = run(journal_path, "checkin", "--help", lang=GERMAN)
    assert shown.exit_code == 0
    assert shown.stdout.startswith("Usage: cli checkin [OPTIONS]")  # "cli": the test runner's name for it
    assert "Show this message and exit." in shown.stdout
    assert "Pain 0–10 (0 no pain, 10 worst imaginable)." in shown.stdout


def test_the_installed_command_prints_german_errors(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LANG": GERMAN,
        "MEDJOURNAL_HOME": str(tmp_path / "home"),
        "MEDJOURNAL_DB": str(tmp_path / "journal.db"),
    }
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(key, None)
    code = "import sys; from medjournal.cli import main; sys.argv = ['medjournal', *sys.argv[1:]]; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "checkin", "--pain", "4", "--date", "vorgestern"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Fehler: „Datum“ 'vorgestern' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern "
        "oder 'vor N Tagen' (auch today, yesterday, 'N days ago')."
    ]
    unknown = subprocess.run([sys.executable, "-c", code, "todya"], capture_output=True, text=True, env=env)
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "Fehler: Einen Befehl 'todya' gibt es nicht. (siehe: medjournal --help)"
    ]
