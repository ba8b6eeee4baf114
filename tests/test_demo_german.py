"""The demo made on a German system is written as a German-speaking person would write it (docs/translating.md):
its activities, questions for the doctor, purposes and notes were English in a German window and PDF ("gegen
chronic low back pain", "walk 20 minutes"). The medication names stay as the demo's packs name them, and the
numbers are the same in every language."""

from __future__ import annotations

from pathlib import Path

from medjournal.storage import open_journal
from tests.test_cli_german import run


def contents(path: Path) -> dict[str, object]:
    journal = open_journal(path)
    try:
        return {
            "activities": [activity.name for activity in journal.activities()],
            "questions": [question.text for question in journal.questions()],
            "purposes": sorted(medication.purpose for medication in journal.medications()),
            "notes": {checkin.note for checkin in journal.checkins() if checkin.note},
            "pain": [checkin.pain for checkin in journal.checkins()],
        }
    finally:
        journal.close()


def test_a_german_demo_is_written_in_german_with_the_same_numbers(tmp_path: Path) -> None:
    german, english = tmp_path / "de.db", tmp_path / "en.db"
    assert run(german, "demo", lang="de_DE.UTF-8").exit_code == 0
    assert run(english, "demo").exit_code == 0
    de, en = contents(german), contents(english)
    assert de["activities"] == ["20 Minuten gehen", "eine Mahlzeit lang sitzen"]
    assert en["activities"] == ["walk 20 minutes", "sit through a meal"]
    assert de["purposes"] == ["Schübe von Rückenschmerzen", "chronische Kreuzschmerzen"]
    assert de["questions"] == [
        "Sind 60 mg die richtige Dosis für mich, oder würde eine niedrigere Dosis genauso wirken?",
        "Die Übelkeit ist weg. Kommt sie wahrscheinlich wieder, wenn sich die Dosis ändert?",
        "Wie lange sollte ich es noch nehmen, bevor wir entscheiden, ob es wirkt?",
    ]
    assert de["notes"] == {"Starker Schub nach der Gartenarbeit."}
    assert de["pain"] == en["pain"]
