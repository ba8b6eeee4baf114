"""Depression and anxiety severity: PHQ-9 totals of 10 or more and mood side effects rated 2–3 are flags, in
the summary (dated by their own day) and as a calm warning in Today that offers the PHQ-9 and the self-harm
question. Built through the command line, typed in days after the day they are about."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.conftest import NOW, Cli

DAY = (NOW.date() - timedelta(days=3)).isoformat()
TYPED = NOW.date().isoformat()


def flags(cli: Cli, *period: str) -> list[dict[str, object]]:
    result = cli("report", "--json", *period)
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)["safety"]["flags"]
    return found


def warnings(cli: Cli) -> list[dict[str, object]]:
    result = cli("today", "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)["warnings"]
    return found


def test_phq9_of_16_with_item9_zero_is_a_flag_listed_first_after_item9(run_cli: Cli) -> None:
    # Another PHQ-9 with item 9 above 0 on an earlier day, and a positive GAD-2 on the same day.
    assert (
        run_cli("questionnaire", "phq9", "--answers", "1,1,0,0,0,0,0,0,1", "--date", "2026-03-02").exit_code
        == 0
    )
    assert run_cli("questionnaire", "gad2", "--answers", "2,2", "--date", "2026-03-01").exit_code == 0
    answers = "2,2,2,2,2,2,2,2,0"  # 16: moderately severe; item 9 = 0
    assert run_cli("questionnaire", "phq9", "--answers", answers, "--date", DAY).exit_code == 0
    found = flags(run_cli, "--from", "2026-03-01", "--to", DAY)
    assert [(f["kind"], f["date"]) for f in found] == [
        ("phq9_item9", "2026-03-02"),
        ("phq9_severe", DAY),
        ("gad2_positive", "2026-03-01"),
    ]
    severe = found[1]
    assert severe["detail"] == "PHQ-9 total 16 (moderately severe; a flag at 10 or more)."
    assert severe["recorded_on"] == TYPED  # typed in three days after its day
    today = [w for w in warnings(run_cli) if w["kind"] == "mood_severity"]
    assert [w["title"] for w in today] == ["PHQ-9: 16 points"]
    assert today[0]["offers"] == []  # the PHQ-9 asked the self-harm question: it is not offered again


def test_phq9_of_10_is_a_flag_and_9_is_not(run_cli: Cli) -> None:
    assert (
        run_cli("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,2,2,0", "--date", "2026-03-10").exit_code
        == 0
    )
    assert (
        run_cli("questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,2,0", "--date", "2026-03-11").exit_code
        == 0
    )
    found = [(f["kind"], f["date"], f["detail"]) for f in flags(run_cli)]
    assert ("phq9_moderate", "2026-03-10", "PHQ-9 total 10 (moderate; a flag at 10 or more).") in found
    assert not [f for f in found if f[1] == "2026-03-11" and str(f[0]).startswith("phq9_")]


def test_worsening_depression_rated_severe_is_a_flag_above_the_side_effect_table(run_cli: Cli) -> None:
    for symptom, severity, day in (
        ("dry mouth", "3", "2026-03-05"),
        ("worsening depression", "3", DAY),
        ("worsening depression", "2", "2026-03-13"),
        ("worsening anxiety", "1", DAY),  # mild: not a flag
        ("agitation", "2", "2026-03-09"),
    ):
        result = run_cli("side-effect", symptom, "--severity", severity, "--date", day)
        assert result.exit_code == 0, result.output
    found = [f for f in flags(run_cli) if f["kind"] == "mood_side_effect"]
    assert [(f["date"], f["detail"]) for f in found] == [
        ("2026-03-09", "Agitation or restlessness rated moderate on 2026-03-09."),
        (
            DAY,
            f"Worsening depression rated moderate or severe on 2 days (first {DAY}, last 2026-03-13); at most severe.",
        ),
    ]
    today = {w["title"] for w in warnings(run_cli) if w["kind"] == "mood_severity"}
    assert today == {"Worsening depression: rated severe", "Agitation or restlessness: rated moderate"}


def test_bad_side_effect_severity_writes_nothing(run_cli: Cli, journal_path: Path) -> None:
    result = run_cli("side-effect", "worsening depression", "--severity", "4", "--date", DAY)
    assert result.exit_code != 0 and result.output.startswith("Error:")
    assert not journal_path.exists()  # nothing written: not even a new, empty journal
