"""Every kind of safety flag, the screening lines, the warnings and the "Is it working?" words in a German summary
(docs/translating.md, "Dates inside sentences"): German sentences with German dates in the PDF, while
``report --json`` keeps the same sentences in English with ISO dates and the terminal keeps ISO dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medjournal.storage import Journal
from tests.conftest import Cli
from tests.dates import at
from tests.dates import days as span
from tests.test_pdf import pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

PERIOD = ("--from", "2025-12-20", "--to", "2026-03-15")


def build_every_flag(journal: Journal) -> None:
    """Each flag kind of domain/flags.py once, with entries typed in after their day (the clock is 03-15).

    Duloxetine from 02-01: baseline (01-18 .. 01-31) pain 7, mood 7; last 14 days pain 5, mood 3 (a mood fall of
    4 points); doses 02-10 .. 02-12 not logged, 02-13 and 02-14 skipped, 03-01 taken at 15 of 30 mg.
    Amitriptyline from 01-05, stopped on 02-20. Pregabalin since 2024: a start more than a year ago.
    Ibuprofen as needed, at most 2 a day: 3 on 03-05. A PHQ-2 positive on 02-20 with no PHQ-9 after it; a GAD-2
    positive; a PHQ-9 of 10 with item 9 at 1 on 03-10, typed in on 03-15; "yes" to the self-harm question on
    03-12; worsening depression rated moderate and then severe.
    """
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_medication("Amitriptyline", 10, "mg", times="21:00", start="2026-01-05")
    journal.stop_medication("Amitriptyline", on="2026-02-20", reason="dizziness")
    journal.add_medication("Pregabalin", 75, "mg", times="08:00", start="2024-06-01")
    journal.add_medication("Ibuprofen", 400, "mg", as_needed=True, max_daily=2, start="2025-12-01")
    for day in span("2026-01-18", "2026-01-31"):
        journal.add_checkin(pain=7, mood=7, sleep=6, day=day, at=at(day, "20:00"))
    for day in span("2026-03-02", "2026-03-15", skip=("2026-03-12",)):
        journal.add_checkin(pain=5, mood=3, sleep=6, day=day, at=at(day, "20:00"))
    journal.add_checkin(
        pain=5, mood=3, sleep=6, day="2026-03-12", at=at("2026-03-12", "20:00"), self_harm_thoughts=True
    )
    for day in span(
        "2026-02-01",
        "2026-03-15",
        skip=("2026-02-10", "2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14", "2026-03-01"),
    ):
        journal.record_dose("Duloxetine", at=at(day))
    for skipped in ("2026-02-13", "2026-02-14"):
        journal.record_dose("Duloxetine", "skipped", at=at(skipped))
    journal.record_dose("Duloxetine", at=at("2026-03-01"), amount=15)
    for day in span("2026-01-05", "2026-02-19"):
        journal.record_dose("Amitriptyline", at=at(day, "21:00"))
    for day in span("2025-12-20", "2026-03-15"):
        journal.record_dose("Pregabalin", at=at(day))
    for clock in ("08:00", "13:00", "19:00"):
        journal.record_dose("Ibuprofen", at=at("2026-03-05", clock))
    journal.add_questionnaire("phq2", [2, 2], day="2026-02-20")
    journal.add_questionnaire("gad2", [2, 1], day="2026-03-03")
    journal.add_questionnaire("phq9", [2, 2, 1, 1, 1, 1, 1, 0, 1], day="2026-03-10")
    journal.add_side_effect("worsening_depression", 2, day="2026-03-08")
    journal.add_side_effect("worsening_depression", 3, day="2026-03-09")


def flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def english_sentences(run_cli: Cli) -> list[str]:
    """The flags' details, the screening lines, the warnings and the response words as ``report --json`` gives
    them: English, whatever the summary's language."""
    result = run_cli("report", *PERIOD, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    safety = data["safety"]
    texts = [flag["detail"] for flag in safety["flags"]] + safety["screening"]["lines"]
    texts += [warning["message"] for warning in data["warnings"]]
    for med in data["medications"]:
        texts += [med["response"]["text"], *med["response"]["notes"]]
    return texts


def test_every_flag_kind_reads_german_with_german_dates_in_the_pdf(
    journal: Journal, run_cli: Cli, tmp_path: Path
) -> None:
    build_every_flag(journal)
    english = english_sentences(run_cli)
    # The English the German PDF must not hold, as the JSON has it (every kind once, ISO dates).
    assert {
        "PHQ-9 item 9 answered 'Several days' (questionnaire of 2026-03-10).",
        "Answered yes to the journal's question about thoughts of being better off dead or of self-harm.",
        "Worsening depression rated moderate or severe on 2 days (first 2026-03-08, last 2026-03-09); "
        "at most severe.",
        "Mood fell from 7.0 (14 days before starting Duloxetine) to 3.0 (last 14 days), 4.0 points.",
        "No dose of Duloxetine recorded as taken on 5 days in a row (2026-02-10 to 2026-02-14): 2 logged as "
        "skipped, 3 not recorded.",
        "Amitriptyline stopped on 2026-02-20 (reason: dizziness); the label advises tapering rather than "
        "stopping abruptly.",
        "Duloxetine taken at a lower dose than prescribed on 1 day (first 2026-03-01: 15 instead of 30).",
        "PHQ-9 total 10 (moderate; a flag at 10 or more).",
        "PHQ-2 score 4 (positive screen at 3 or more).",
        "Self-harm question: asked 2 times: yes on 2026-03-10, 2026-03-12.",
        "PHQ-9 suggested after the positive PHQ-2 of 2026-02-20; not completed.",
        "Pain 7.0 → 5.0 (−29%): minimal improvement, 14 and 14 rated days",
        "started 2024-06-01; no recent baseline to compare",
    } <= set(english)

    journal.set_setting("summary_language", "de")
    path = tmp_path / "de.pdf"
    result = run_cli("report", *PERIOD, "-o", str(path))
    assert result.exit_code == 0, result.output
    text = flat(path)
    for sentence in english:
        assert sentence not in text, sentence
    for words in (
        "rated days",
        "positive screen",
        "Self-harm question",
        "instead of",
        "in a row",
        "tapering",
    ):
        assert words not in text, words
    for german in (
        "PHQ-9 Frage 9 mit „An einzelnen Tagen“ beantwortet (Fragebogen vom 10.03.2026).",
        "Die Frage des Tagebuchs nach Gedanken, lieber tot zu sein oder sich Leid zuzufügen, mit Ja beantwortet.",
        "Zunehmende Depression an 2 Tagen als mäßig oder schwer bewertet (zuerst 08.03.2026, zuletzt "
        "09.03.2026); höchstens schwer.",
        "Stimmung gesunken von 7,0 (14 Tage vor Beginn von Duloxetine) auf 3,0 (letzte 14 Tage), um 4,0 Punkte.",
        "Keine Dosis von Duloxetine an 5 Tagen in Folge als genommen eingetragen (10.02.2026 bis 14.02.2026): "
        "2 als ausgelassen eingetragen, 3 nicht eingetragen.",
        "Amitriptyline am 20.02.2026 abgesetzt (Grund: dizziness)",  # the reason as typed
        "Duloxetine an 1 Tag in niedrigerer Dosis als verordnet genommen (zuerst am 01.03.2026: 15 statt 30).",
        "PHQ-9 gesamt 10 (mittelgradig; ein Hinweis ab 10).",
        "PHQ-2 Wert 4 (positiver Befund ab 3).",
        "Selbstverletzungsfrage: 2-mal gestellt: ja am 10.03.2026, 12.03.2026.",
        "PHQ-9 nach positivem PHQ-2 vom 20.02.2026 empfohlen; fehlt.",
        "Ibuprofen: mehr Dosen als die Tageshöchstmenge an 1 Tag erfasst: 05.03.2026.",
        "Pregabalin: begonnen am 01.06.2024, mehr als ein Jahr vor diesem Zeitraum",
    ):
        assert german in text, german
    # The PGIC has no official German wording bundled: its answers stay English, and the summary says so.
    assert (
        "Englisches Original: Für PGIC ist keine offizielle Übersetzung in dieser Sprache enthalten." in text
    )


def test_the_terminal_speaks_german_with_iso_dates_and_the_json_stays_english(
    journal: Journal, run_cli: Cli
) -> None:
    """The command line's dates are typed as YYYY-MM-DD, and it prints them so, in the domain's sentences too."""
    build_every_flag(journal)
    journal.set_setting("language", "de")
    result = run_cli("report", *PERIOD)
    assert result.exit_code == 0, result.output
    assert (
        "! 2026-02-10: Keine Dosis von Duloxetine an 5 Tagen in Folge als genommen eingetragen "
        "(2026-02-10 bis 2026-02-14)" in result.output
    )
    assert "Selbstverletzungsfrage: 2-mal gestellt: ja am 2026-03-10, 2026-03-12." in result.output
    assert "10.03.2026" not in result.output and "in a row" not in result.output
    data = json.loads(run_cli("report", *PERIOD, "--json").stdout)
    assert data["safety"]["flags"][-1]["detail"] == (
        "Duloxetine taken at a lower dose than prescribed on 1 day (first 2026-03-01: 15 instead of 30)."
    )
