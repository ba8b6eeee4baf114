"""The weekly self-harm question in the boxed-warning period (docs/clinical.md §6.6): offered in Today in the
first 12 weeks after an antidepressant's start and for 4 weeks after a dose change or stop, when it was not
answered in the last 7 days; optional, and acknowledging it hides it until the next week."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from medjournal.storage.journal import open_journal
from tests.conftest import NOW, Cli


def ok(cli: Cli, *args: str) -> None:
    result = cli(*args)
    assert result.exit_code == 0, result.output


def prompts(cli: Cli) -> list[dict[str, object]]:
    result = cli("today", "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)["prompts"]
    return found


def test_offered_after_a_start_until_answered(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    [offer] = prompts(run_cli)
    assert offer["kind"] == "self_harm_offer" and offer["offers"] == ["self_harm"]
    assert "Duloxetine started on 2026-03-01" in str(offer["message"])
    assert "dose" not in str(offer["message"]).replace("a dose change", "")
    ok(run_cli, "checkin", "--mood", "6", "--self-harm", "no")
    assert prompts(run_cli) == []
    text = run_cli("today").output
    assert "Optional:" not in text


def test_an_answer_typed_in_for_an_earlier_day_counts_for_that_day(run_cli: Cli) -> None:
    ok(run_cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01")
    ok(run_cli, "checkin", "--mood", "6", "--self-harm", "no", "--date", "2026-03-07")  # 8 days ago
    assert len(prompts(run_cli)) == 1
    ok(
        run_cli, "questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--date", "2026-03-09"
    )  # 6 days ago
    assert prompts(run_cli) == []


def test_not_offered_outside_the_period_nor_for_other_medications(run_cli: Cli) -> None:
    ok(
        run_cli, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2025-12-10"
    )  # 13+ weeks
    ok(run_cli, "med", "add", "Ibuprofen", "--dose", "400", "--as-needed", "--start", "2026-03-10")
    assert prompts(run_cli) == []


def test_offered_for_4_weeks_after_a_dose_change(journal_path: Path) -> None:
    early = Cli(journal_path, NOW)
    ok(early, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2025-10-01")
    ok(early, "med", "change", "Duloxetine", "--dose", "60", "--from", "2026-02-20")
    assert [p["title"] for p in prompts(early)] == [
        "This week's question about how you are feeling (optional)"
    ]
    assert "Duloxetine dose changed on 2026-02-20" in str(prompts(early)[0]["message"])
    assert prompts(Cli(journal_path, NOW + timedelta(days=6))) == []  # 2026-03-21: more than 4 weeks after


def test_acknowledged_hides_it_for_the_week_only(journal_path: Path) -> None:
    cli = Cli(journal_path, NOW)
    ok(cli, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    [offer] = prompts(cli)
    journal = open_journal(journal_path)
    journal.acknowledge_warning(str(offer["key"]))
    journal.close()
    assert prompts(cli) == []
    assert prompts(Cli(journal_path, NOW + timedelta(days=1))) == []  # the same week
    assert len(prompts(Cli(journal_path, NOW + timedelta(days=7)))) == 1  # the next week
