"""A journal with no country shows the crisis lines of the system locale's territory (docs/clinical.md §6.2),
says where the country came from, and never a number that is not in the reviewed data; a locale with no
territory, or one the data does not have, keeps the emergency advice without numbers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from medjournal.domain import knowledge
from tests.conftest import NOW
from tests.test_cli_german import run

PHQ9 = ("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,2")
LAST_WEEK = (NOW.date() - timedelta(days=7)).isoformat()


def every_number() -> set[str]:
    countries = knowledge.load("crisis_lines")["countries"].values()
    return {line["number"] for c in countries for line in c["lines"]} | {
        c["emergency"] for c in countries if c["emergency"]
    }


@pytest.mark.parametrize(
    ("lang", "country"),
    [("de_DE.UTF-8", "DE"), ("de_AT.UTF-8", "AT"), ("de_CH.UTF-8", "CH"), ("en_GB.UTF-8", "GB"),
     ("en_US.UTF-8", "US")],
)  # fmt: skip
def test_a_phq9_for_last_week_answered_today_shows_the_locales_lines(
    journal_path: Path, lang: str, country: str
) -> None:
    result = run(journal_path, *PHQ9, "--date", LAST_WEEK, lang=lang)
    assert result.exit_code == 0, result.output
    info = knowledge.crisis_info(country)
    for line in info.lines:
        assert f"{line.name}: {line.number}" in result.output
    assert f"({info.emergency})" in result.output
    shown = {number for number in every_number() if number in result.output}
    assert shown <= {line.number for line in info.lines} | {info.emergency}
    if lang.startswith("de"):
        assert "Systemeinstellungen" in result.output and "medjournal setting country" in result.output
    else:
        assert "from your system's settings" in result.output


def test_german_words_name_the_country_and_where_it_came_from(journal_path: Path) -> None:
    result = run(journal_path, *PHQ9, lang="de_AT.UTF-8")
    assert result.exit_code == 0, result.output
    assert (
        "Krisentelefone (das Land aus Ihren Systemeinstellungen: Österreich; ändern mit: "
        "medjournal setting country CODE):\n  TelefonSeelsorge: 142 (anrufen, kostenlos, rund um die Uhr)\n"
    ) in result.output


@pytest.mark.parametrize("lang", ["de.UTF-8", "C.UTF-8", "fr_FR.UTF-8", "de_LU.UTF-8"])
def test_no_territory_or_one_without_reviewed_lines_keeps_the_advice_without_numbers(
    journal_path: Path, lang: str
) -> None:
    result = run(journal_path, *PHQ9, lang=lang)
    assert result.exit_code == 0, result.output
    assert not {number for number in every_number() if number in result.output}
    assert "medjournal setting country CODE" in result.output


def test_a_country_the_person_chose_wins_over_the_locale_and_auto_gives_it_back(journal_path: Path) -> None:
    assert run(journal_path, "setting", "country", "OTHER").exit_code == 0
    chosen = run(journal_path, "checkin", "--self-harm", "yes", lang="de_DE.UTF-8")
    assert "0800 111 0 111" not in chosen.output and "Systemeinstellungen" not in chosen.output
    assert run(journal_path, "setting", "country", "GB").exit_code == 0
    chosen = run(journal_path, "checkin", "--self-harm", "yes", lang="de_DE.UTF-8")
    assert "Samaritans: 116 123" in chosen.output and "0800 111 0 111" not in chosen.output
    auto = run(journal_path, "setting", "country", "auto")
    assert auto.exit_code == 0 and auto.output == "country = auto\n"
    back = run(journal_path, "checkin", "--self-harm", "yes", lang="de_DE.UTF-8")
    assert "TelefonSeelsorge: 0800 111 0 111" in back.output and "Systemeinstellungen" in back.output


def test_the_territory_comes_from_the_locale_not_the_language_list() -> None:
    assert knowledge.crisis_info(None, "AT").country == "AT"
    assert knowledge.crisis_info("", "at").from_system
    assert knowledge.crisis_info("GB", "AT").country == "GB"  # the journal's own country wins
    assert knowledge.crisis_info(None, "EU").country == "OTHER"  # not a territory
    assert knowledge.crisis_info(None, "FR").country == "OTHER"
    assert not knowledge.crisis_info(None, None).from_system
