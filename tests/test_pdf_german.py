"""The summary for the doctor in German (docs/translating.md): the ``summary_language`` setting, else the window's
``language`` setting, chooses it; ``report --json`` stays English and ISO in every language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from medjournal.storage import Journal
from tests.conftest import Cli
from tests.test_pdf import build_known_journal, pdf_info, pdf_text

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def flat(path: Path, first: int | None = None, last: int | None = None) -> str:
    return " ".join(pdf_text(path, first, last).split())


def german_pdf(journal: Journal, run_cli: Cli, path: Path, *extra: str) -> Path:
    result = run_cli("report", "-o", str(path), *extra)
    assert result.exit_code == 0, result.output
    return path


def test_the_known_summary_in_german_has_german_words_dates_and_numbers(
    journal: Journal, run_cli: Cli, tmp_path: Path
) -> None:
    build_known_journal(journal)
    journal.set_setting("summary_language", "de")
    path = german_pdf(journal, run_cli, tmp_path / "de.pdf")
    page = flat(path, 1, 1)
    assert "Tagebuch-Zusammenfassung: Robin Testcase" in page
    assert "Zeitraum 16.12.2025 – 15.03.2026 (90 Tage) · Eigenangaben" in page
    assert "Sicherheit: bitte zuerst lesen (2)" in page and "01.03.2026 · PHQ-9 Frage 9 über 0" in page
    assert "(eingetragen am 15.03.2026)" in page
    assert "Aktuelle Medikamente" in page
    assert "30 mg ab 01.02.2026 → 60" in page and "mg ab 15.02.2026" in page  # (table cells interleave)
    assert "93 % von 43 geplanten: 40" in page and "eingenommen, 1 ausgelassen, 2 nicht eingetragen" in page
    assert "Wirkt es? Duloxetine: Schmerz vorher und jetzt" in page
    assert "7,0 (10 bewertete Tage)" in page and "4,0 (12 bewertete Tage)" in page
    assert "Veränderung −3,0 Punkte (−43 %): bedeutsame Besserung" in page
    assert "Veränderung um 2 Punkte oder mehr: ja" in page
    assert "Übelkeit 2 1,5 / 2 0 → 0,7 0 neu seit Beginn, abgeklungen (04.02.2026)" in page
    assert "In Kürze: Schmerz 7,0 → 4,0 (−43 %), bedeutsame Besserung · Einnahme 93 %" in page
    assert "Physiotherapie: 1 Termin (0,1 pro Woche) ab 03.03.2026, 45 Min." in page
    assert "Meine Fragen an die Ärztin oder den Arzt" in page and "Should I stay on 60 mg?" in page
    assert "Seite 1 von" in page
    # Long dates where there is room: the footer, the daily log's heading and the file's title.
    assert "medjournal-Zusammenfassung · 16. Dezember 2025 – 15. März 2026 · Eigenangaben" in page
    later = flat(path, 2)
    assert later.startswith("Tagesprotokoll 16. Dezember 2025 – 15. März 2026")
    assert "Wie diese Zahlen berechnet werden" in later and "Das Ergebnis mit Vorsicht lesen:" in later
    assert (
        "Title: Zusammenfassung des Medikamententagebuchs für Robin Testcase"
        in "Title: " + pdf_info(path)["Title"]
    )
    for english in ("Current medications", "Is it working?", "rated days", "page 1 of", "Daily log"):
        assert english not in flat(path), english


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_demo_in_german_keeps_page_one_to_one_page(
    journal: Journal, run_cli: Cli, tmp_path: Path, paper: str
) -> None:
    """German is longer than English: page 1 still holds every section, and page 2 starts the daily log."""
    from medjournal.demo import write_demo

    write_demo(journal)
    journal.set_setting("language", "de")  # no summary_language: the summary follows the window's
    journal.set_setting("page_size", paper)
    path = german_pdf(journal, run_cli, tmp_path / f"demo-{paper}.pdf")
    first = flat(path, 1, 1)
    for section in (
        "Aktuelle Medikamente",
        "Wirkt es?",
        "Nebenwirkungen",
        "Funktion und Fragebögen",
        "Weitere Behandlungen",
        "Meine Fragen an die Ärztin oder den Arzt",
    ):
        assert section in first, section
    assert "Schmerz, 0–10 (höher = stärkerer Schmerz)" in first  # the chart speaks German too
    assert flat(path, 2, 2).startswith("Tagesprotokoll")
    assert pdf_info(path)["Page size"].startswith("612 x 792" if paper == "Letter" else "595")


def test_the_doctor_may_read_another_language_than_the_person(
    journal: Journal, run_cli: Cli, tmp_path: Path
) -> None:
    build_known_journal(journal)
    journal.set_setting("language", "de")
    journal.set_setting("summary_language", "en")
    path = german_pdf(journal, run_cli, tmp_path / "en.pdf")
    page = flat(path, 1, 1)
    assert (
        "Current medications" in page and "−3.0 points (−43%)" in page and "2025-12-16 – 2026-03-15" in page
    )
    assert "Aktuelle Medikamente" not in page


def test_the_json_stays_english_and_iso_in_german(run_cli: Cli, journal: Journal) -> None:
    build_known_journal(journal)
    english = json.loads(run_cli("report", "--json").output)
    journal.set_setting("language", "de")
    journal.set_setting("summary_language", "de")
    result = run_cli("report", "--json")
    assert result.exit_code == 0, result.output
    german_setting = json.loads(result.output)
    for document in (english, german_setting):
        document.pop("generated_at")
    assert german_setting == english
    assert german_setting["period"]["start"] == "2025-12-16"
    assert german_setting["in_short"].startswith("Pain 7.0 → 4.0 (−43%), meaningful improvement")


def test_the_summary_view_previews_and_saves_the_summary_in_its_language(
    qtbot: object, journal: Journal, tmp_path: Path
) -> None:
    from medjournal.report.pdf.pdf import save_pdf
    from medjournal.ui.summary.summary_view import SummaryView

    build_known_journal(journal)
    journal.set_setting("summary_language", "de")
    view = SummaryView(journal)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    with qtbot.waitSignal(view.preview_ready, timeout=30000):  # type: ignore[attr-defined]
        view.show()
    assert view.layout_pages.language == "de"
    saved = flat(save_pdf(view.layout_pages, tmp_path / "preview.pdf"))
    assert "Wirkt es? Duloxetine" in saved and "Veränderung −3,0 Punkte (−43 %)" in saved
