"""German refusals that named English words or the wrong fault: a questionnaire's answer count names what it asks
in German; `take --dose -1` names the bad amount before looking for a dose to fill; a time inside a sentence
reads "Am <Tag> um <Zeit>". Each refusal changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from medjournal.domain import instruments
from medjournal.i18n import use_language
from tests.test_cli_german import run

GERMAN = "de_DE.UTF-8"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_answer_count_names_what_the_questionnaire_asks_in_german(journal_path: Path) -> None:
    assert run(journal_path, "setting", "country", "auto").exit_code == 0  # the journal exists
    before = digest(journal_path)
    result = run(journal_path, "questionnaire", "peg", "--answers", "8,7", lang=GERMAN)
    assert result.exit_code == 1
    assert result.output == (
        "Fehler: PEG braucht 3 Antworten (Schmerz, Lebensfreude, allgemeine Aktivität); erhalten: 2.\n"
    )
    assert digest(journal_path) == before
    english = run(journal_path, "questionnaire", "peg", "--answers", "8,7")
    assert (
        english.output == "Error: PEG needs 3 answers (pain, enjoyment of life, general activity); got 2.\n"
    )


def test_every_instrument_title_shown_in_german_has_no_english_description() -> None:
    with use_language("de"):
        shown = {key: instruments.display_title(inst) for key, inst in instruments.INSTRUMENTS.items()}
    assert shown["peg"] == "PEG: Schmerz, Lebensfreude, allgemeine Aktivität"
    assert shown["pgic"] == "PGIC: Veränderung insgesamt seit Beginn"
    assert shown["phq9"] == "PHQ-9"
    for inst in instruments.INSTRUMENTS.values():
        described = inst.title.partition(":")[2].strip()
        assert not described or described not in shown[inst.key]


def add_duloxetine(journal_path: Path, times: str) -> None:
    added = run(
        journal_path, "med", "add", "Duloxetine", "--dose", "30", "--times", times, "--start", "2026-03-01"
    )
    assert added.exit_code == 0, added.output


def test_a_negative_dose_is_refused_as_such_even_with_no_dose_open(journal_path: Path) -> None:
    add_duloxetine(journal_path, "08:00")
    assert run(journal_path, "take", "Duloxetine", "--at", "08:05", lang=GERMAN).exit_code == 0
    before = digest(journal_path)
    for dose in ("-1", "0"):
        result = run(journal_path, "take", "Duloxetine", "--dose", dose, lang=GERMAN)
        assert result.exit_code == 1
        assert result.output == "Fehler: „Menge“ muss größer als 0 sein.\n"
    english = run(journal_path, "take", "Duloxetine", "--dose", "-1", "--at", "08:00")
    assert english.output == "Error: The amount must be more than 0.\n"
    nothing_open = run(journal_path, "take", "Duloxetine", "--dose", "30", lang=GERMAN)
    assert nothing_open.output == (
        "Fehler: Die Dosis um 08:00 von Duloxetine am 2026-03-15 ist schon erfasst (eingenommen um 08:05). "
        "Für eine tatsächlich zusätzliche Dosis fügen Sie --extra hinzu.\n"
    )  # a good amount: then which dose is the refusal
    assert digest(journal_path) == before


def test_no_open_dose_reads_am_day_um_time(journal_path: Path) -> None:
    add_duloxetine(journal_path, "20:00")
    result = run(journal_path, "take", "Duloxetine", "--at", "2026-03-10 14:00", lang=GERMAN)
    assert result.exit_code == 1
    assert result.output.startswith(
        "Fehler: Am 2026-03-10 um 14:00 ist keine geplante Dosis von Duloxetine offen."
    )
    english = run(journal_path, "take", "Duloxetine", "--at", "2026-03-10 14:00")
    assert english.output.startswith("Error: No scheduled dose of Duloxetine is open near 2026-03-10 14:00.")
