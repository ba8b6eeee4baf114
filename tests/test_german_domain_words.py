"""The domain's other words in German (docs/translating.md): a setting refused on import, the PGIC's due reason,
the before/after line in Trends, and the medication started more than a year ago."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from medjournal.domain.due import MedicationStart
from medjournal.domain.pgic_due import pgic_due_near_end
from medjournal.i18n import use_language
from medjournal.storage import Journal
from medjournal.storage.exchange import export_data
from tests.dates import at
from tests.dates import days as span
from tests.test_cli_german import run


def test_a_setting_refused_on_import_is_said_in_german(
    journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    journal.add_checkin(pain=5, mood=5)
    data = export_data(journal)
    data["tables"]["settings"] = [{"key": "page_size", "value": json.dumps("A5")}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.db"
    result = run(target, "import", str(export), lang="de_DE.UTF-8")
    assert result.exit_code != 0
    assert "das Papierformat muss A4, Letter oder leer sein." in result.output
    assert "page size must be" not in result.output
    english = run(target, "import", str(export))
    assert "the page size must be A4, Letter or empty." in english.output


def test_the_pgic_due_before_a_summary_gives_its_day_as_a_date_and_its_reason_in_german() -> None:
    """The day the milestone opens is a date, worded by the Summary view ("ist ab 16. März 2026 fällig":
    tests/ui/test_summary_pgic_opens.py); the reason is the card's own line, with no brackets inside."""
    start = MedicationStart(1, "Duloxetine", date(2026, 1, 19))
    with use_language("de"):
        [due] = pgic_due_near_end(date(2026, 3, 12), [], [start])
    assert (due.reason, due.opens) == ("8 Wochen nach Beginn von Duloxetine", date(2026, 3, 16))
    with use_language("en"):
        [due] = pgic_due_near_end(date(2026, 3, 12), [], [start])
    assert (due.reason, due.opens) == ("8 weeks after starting Duloxetine", date(2026, 3, 16))


def test_the_response_line_and_an_old_start_in_trends_read_german(journal: Journal) -> None:
    from medjournal.domain.analysis import ComparisonSpan, response_for
    from medjournal.report.trends.trend_text import describe_response

    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_medication("Pregabalin", 75, "mg", times="08:00", start="2024-06-01")
    for day in span("2026-01-18", "2026-01-31"):
        journal.add_checkin(pain=7, mood=7, day=day, at=at(day, "20:00"))
    for day in span("2026-03-02", "2026-03-15"):
        journal.add_checkin(pain=5, mood=3, day=day, at=at(day, "20:00"))
    checkins = journal.checkins()
    [duloxetine, pregabalin] = journal.medications()
    end = date(2026, 3, 15)
    with use_language("de"):
        pain = response_for(ComparisonSpan(duloxetine, journal.regimens(duloxetine.id), end), checkins)
        assert pain.describe() == "Schmerz 7,0 → 5,0 (−29 %): geringe Besserung, 14 und 14 bewertete Tage"
        old = response_for(
            ComparisonSpan(pregabalin, journal.regimens(pregabalin.id), end, recent_from=date(2025, 3, 15)),
            checkins,
        )
        assert old.notes == ("begonnen am 01.06.2024; kein aktueller Ausgangswert zum Vergleich",)
        panel = describe_response(old, [])
    # Trends writes its days as "15. März 2026", the old start's line too (it printed ISO days before).
    assert "begonnen am 1. Juni 2024, mehr als ein Jahr vor diesem Zeitraum" in panel
    assert "2. März 2026 – 15. März 2026" in panel and "2024-06-01" not in panel


def test_the_period_since_the_last_visit_is_dated_by_locale_on_paper_and_iso_in_the_terminal(
    journal: Journal, journal_path: Path, tmp_path: Path
) -> None:
    from tests.test_pdf import pdf_text

    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_checkin(pain=5, mood=5, day="2026-03-14")
    journal.add_visit(day="2026-02-15")
    journal.set_setting("language", "de")
    path = tmp_path / "de.pdf"
    assert run(journal_path, "report", "-o", str(path)).exit_code == 0
    assert "seit dem letzten Arztbesuch am 15. Februar 2026" in " ".join(pdf_text(path, 1, 1).split())
    terminal = run(journal_path, "report").output
    assert "(seit dem letzten Arztbesuch am 2026-02-15)" in terminal
