"""The demo made in German is a German person's journal (docs/translating.md): Germany's crisis lines, weights in
kilograms, the medication as the German drug data names it ("Duloxetin"), and the same numbers as the English
demo, which stays an American's (the United States, pounds, "Duloxetine")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medjournal.domain import knowledge
from medjournal.storage import open_journal
from tests.test_cli_german import run


def person(path: Path) -> dict[str, Any]:
    journal = open_journal(path)
    try:
        weights = [m.value for m in journal.measures() if m.kind == "weight"]
        return {
            "country": journal.setting("country"),
            "unit": journal.weight_unit(),
            "names": sorted(m.name for m in journal.medications()),
            "weights": weights,
            "doses": len([d for d in journal.dose_logs() if d.status == "taken"]),
        }
    finally:
        journal.close()


def test_the_german_demo_is_a_german_persons_journal(tmp_path: Path) -> None:
    german, english = tmp_path / "de.db", tmp_path / "en.db"
    made = run(german, "demo", lang="de_DE.UTF-8")
    assert made.exit_code == 0, made.output
    assert run(english, "demo").exit_code == 0
    de, en = person(german), person(english)
    assert (de["country"], de["unit"], de["names"]) == ("DE", "kg", ["Duloxetin", "Ibuprofen"])
    assert (en["country"], en["unit"], en["names"]) == ("US", "lb", ["Duloxetine", "Ibuprofen"])
    assert "Duloxetin ab" in made.output  # the demo's own message names the medication it wrote
    assert knowledge.is_antidepressant("Duloxetin")  # the German name gets the same checks
    assert de["doses"] == en["doses"]
    # The same person weighed the same, written in kilograms to a tenth (weights are stored in kg either way).
    assert len(de["weights"]) == len(en["weights"]) > 0
    for kg, from_pounds in zip(de["weights"], en["weights"], strict=True):
        assert abs(kg - from_pounds) <= 0.06


def test_the_german_demo_shows_germanys_crisis_lines(tmp_path: Path) -> None:
    german = tmp_path / "de.db"
    assert run(german, "demo", lang="de_DE.UTF-8").exit_code == 0
    result = run(german, "checkin", "--self-harm", "yes", lang="de_DE.UTF-8")
    assert "TelefonSeelsorge: 0800 111 0 111" in result.output and "(112)" in result.output
    assert "988" not in result.output
