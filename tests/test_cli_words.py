"""Options that take words read them in English always and in the language in use too (cli/words.py;
docs/command-line.md, "Words in your language"): ``--severity mittel`` in German is "moderate", not "not a
number"; a word that is neither is refused with the accepted words in the person's language, and nothing is
written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli_german import run

GERMAN = "de_DE.UTF-8"
ENGLISH = "C.UTF-8"


def table(journal_path: Path, name: str) -> list[dict[str, object]]:
    target = journal_path.with_name("export.json")
    exported = run(journal_path, "export", "-o", str(target))
    assert exported.exit_code == 0, exported.output
    rows: list[dict[str, object]] = json.loads(target.read_text(encoding="utf-8"))["tables"][name]
    return rows


def side_effects(journal_path: Path) -> list[tuple[object, object]]:
    return [(row["symptom"], row["severity"]) for row in table(journal_path, "side_effects")]


@pytest.mark.parametrize(
    ("lang", "word", "severity"),
    [
        (GERMAN, "mittel", 2),
        (GERMAN, " Leicht ", 1),
        (GERMAN, "moderate", 2),  # English keeps working in German
        (GERMAN, "keine", 0),
        (ENGLISH, "Severe", 3),
        (ENGLISH, "2", 2),
    ],
)
def test_a_severity_in_words_is_saved_as_its_number(
    journal_path: Path, lang: str, word: str, severity: int
) -> None:
    result = run(journal_path, "side-effect", "nausea", "--severity", word, lang=lang)
    assert result.exit_code == 0, result.output
    assert side_effects(journal_path) == [("nausea", severity)]


@pytest.mark.parametrize(
    ("lang", "word", "message"),
    [
        (
            GERMAN,
            "mittelschwer",
            "Fehler: Der Schweregrad 'mittelschwer' ist nicht bekannt; schreiben Sie keine, leicht, mittel oder "
            "schwer (oder 0 bis 3).",
        ),
        (
            ENGLISH,
            "mittel",  # German words only where German is in use
            "Error: The severity 'mittel' is not known; write none, mild, moderate, or severe (or 0 to 3).",
        ),
    ],
)
def test_an_unknown_severity_lists_the_words_in_the_persons_language(
    journal_path: Path, lang: str, word: str, message: str
) -> None:
    result = run(journal_path, "side-effect", "nausea", "--severity", word, lang=lang)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == message
    assert not journal_path.exists()  # nothing written: not even a new, empty journal


def self_harm_answers(journal_path: Path) -> list[object]:
    return [row["self_harm_thoughts"] for row in table(journal_path, "checkins")]


@pytest.mark.parametrize(
    ("lang", "word", "answer"),
    [(GERMAN, "nein", 0), (GERMAN, "NO", 0), (ENGLISH, "no", 0), (ENGLISH, "yes", 1), (GERMAN, "ja", 1)],
)
def test_the_self_harm_answer_in_words(journal_path: Path, lang: str, word: str, answer: int) -> None:
    result = run(journal_path, "checkin", "--self-harm", word, lang=lang)
    assert result.exit_code == 0, result.output
    assert self_harm_answers(journal_path) == [answer]


def test_an_unknown_self_harm_answer_is_refused_in_german(journal_path: Path) -> None:
    result = run(journal_path, "checkin", "--pain", "4", "--self-harm", "vielleicht", lang=GERMAN)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Fehler: Die Antwort 'vielleicht' ist nicht verständlich; antworten Sie mit ja oder nein."
    )
    assert not journal_path.exists()  # nothing written: not even a new, empty journal


@pytest.mark.parametrize(
    ("lang", "words", "day"),
    [
        (GERMAN, "gestern", "2026-03-14"),
        (GERMAN, " Heute ", "2026-03-15"),
        (GERMAN, "vor 3 Tagen", "2026-03-12"),
        (GERMAN, "vor 1 Tag", "2026-03-14"),
        (GERMAN, "yesterday", "2026-03-14"),  # English keeps working in German
        (ENGLISH, "2 days ago", "2026-03-13"),
    ],
)
def test_day_words_in_the_persons_language(journal_path: Path, lang: str, words: str, day: str) -> None:
    result = run(journal_path, "checkin", "--pain", "4", "--date", words, lang=lang)
    assert result.exit_code == 0, result.output
    assert [row["day"] for row in table(journal_path, "checkins")] == [day]


def test_a_time_with_a_german_day_word(journal_path: Path) -> None:
    added = run(
        journal_path, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01"
    )
    assert added.exit_code == 0, added.output
    taken = run(journal_path, "take", "Duloxetine", "--at", "gestern 08:10", lang=GERMAN)
    assert taken.exit_code == 0, taken.output
    assert [str(row["taken_at"])[:16] for row in table(journal_path, "dose_logs")] == ["2026-03-14T08:10"]


def test_an_unknown_day_word_is_refused_with_the_words_in_german(journal_path: Path) -> None:
    result = run(journal_path, "checkin", "--pain", "4", "--date", "morgen", lang=GERMAN)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Fehler: „Datum“ 'morgen' ist kein Datum; schreiben Sie es als JJJJ-MM-TT oder als heute, gestern oder "
        "'vor N Tagen' (auch today, yesterday, 'N days ago')."
    )
    assert not journal_path.exists()  # nothing written: not even a new, empty journal
    english = run(journal_path, "checkin", "--pain", "4", "--date", "gestern", lang=ENGLISH)
    assert english.exit_code == 1 and "'gestern' is not a date" in english.stderr


@pytest.mark.parametrize(
    ("lang", "kind", "said", "stored"),
    [
        (GERMAN, "Physiotherapie", "Physiotherapie für 2026-03-15 gespeichert.", "physical_therapy"),
        (GERMAN, "bewegung", "Bewegung für 2026-03-15 gespeichert.", "exercise"),
        (GERMAN, "physical_therapy", "Physiotherapie für 2026-03-15 gespeichert.", "physical_therapy"),
        (GERMAN, "Yoga", "Yoga für 2026-03-15 gespeichert.", "Yoga"),  # the person's own kind, as typed
        (ENGLISH, "physio", "Saved physical therapy for 2026-03-15.", "physical_therapy"),
        (ENGLISH, "Physiotherapie", "Saved Physiotherapie for 2026-03-15.", "Physiotherapie"),
    ],
)
def test_a_treatment_named_in_the_persons_language_is_the_known_kind(
    journal_path: Path, lang: str, kind: str, said: str, stored: str
) -> None:
    result = run(journal_path, "treatment", kind, lang=lang)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == said
    assert [row["kind"] for row in table(journal_path, "treatments")] == [stored]
