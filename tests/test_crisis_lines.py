"""The reviewed crisis lines: Germany, Austria and Switzerland, each number with its source and review date."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from medjournal.domain import knowledge
from tests.conftest import Cli

GERMAN_SPEAKING = {
    "DE": ["0800 111 0 111", "0800 111 0 222", "116 123"],
    "AT": ["142"],
    "CH": ["143"],
}


@pytest.mark.parametrize(("country", "numbers"), GERMAN_SPEAKING.items())
def test_a_german_speaking_country_has_its_lines_and_the_emergency_number(
    run_cli: Cli, country: str, numbers: list[str]
) -> None:
    assert run_cli("setting", "country", country.lower()).exit_code == 0
    result = run_cli("checkin", "--self-harm", "yes")
    assert result.exit_code == 0, result.output
    for number in numbers:
        assert number in result.output
    assert "112" in result.output
    assert "988" not in result.output  # no other country's line


def test_every_country_with_lines_names_its_source_and_the_review_is_recent() -> None:
    data = json.loads(
        resources.files("medjournal.domain").joinpath("data/crisis_lines.json").read_text("utf-8")
    )
    with_lines = {code for code, entry in data["countries"].items() if entry["lines"]}
    assert set(GERMAN_SPEAKING) <= with_lines
    assert set(GERMAN_SPEAKING) <= set(data["sources"])
    assert data["reviewed_on"] >= "2026-12-06"
    assert knowledge.crisis_info("DE").reviewed_on == data["reviewed_on"]
