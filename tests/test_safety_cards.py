"""Today's safety cards after a self-harm answer (docs/clinical.md §6.1, §6.4): a PHQ-9 with question 9 above 0,
or "yes" to the journal's own question, makes a card however it was entered (the command line here, an import, a
day typed in late) and it comes first; no card offers a question already answered; each card cites its own
rule's source; the titles read "PHQ-9: 11 points" ("PHQ-9: 11 Punkte"). Through ``today --json`` and the German
``today``. The clock is 2026-03-15 09:30 (conftest)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from medjournal.domain import knowledge
from tests.conftest import NOW, Cli
from tests.test_caution_names import ok
from tests.test_caution_names import today as cards

POSITIVE_Q9 = "1,2,1,2,1,1,1,1,1"  # total 11, question 9 "several days"


def numbers_shown(text: str) -> list[str]:
    """Every crisis or emergency number of the reviewed data that appears in ``text``."""
    data = knowledge.load("crisis_lines")["countries"]
    every = {line["number"] for c in data.values() for line in c["lines"]}
    every |= {c["emergency"] for c in data.values() if c["emergency"]}
    return [number for number in every if number in text]


def test_a_phq9_with_question_9_on_the_command_line_makes_the_first_card(run_cli: Cli) -> None:
    ok(run_cli, "questionnaire", "phq9", "--answers", POSITIVE_Q9)
    found = cards(run_cli)
    assert [c["kind"] for c in found] == ["self_harm_answer", "mood_severity"]
    answer, severity = found
    assert answer["title"] == "Your answer about thoughts of self-harm on 2026-03-15"
    assert answer["message"].startswith("PHQ-9 item 9 answered 'Several days' (questionnaire of 2026-03-15).")
    assert "call your emergency number" in answer["message"]
    assert numbers_shown(answer["message"]) == [] and "dose" not in answer["message"].lower()
    assert answer["offers"] == ["help"]
    assert answer["source"].startswith("PHQ-9 instructions") and "question 9" in answer["source"]
    assert severity["title"] == "PHQ-9: 11 points"
    assert severity["source"].startswith("Kroenke K, Spitzer RL, Williams JBW. The PHQ-9")
    assert severity["offers"] == []  # the PHQ-9 asked the self-harm question: nothing to answer again


def test_answers_typed_in_late_and_a_check_in_yes_each_make_a_card(run_cli: Cli) -> None:
    ok(run_cli, "questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--date", "2026-03-05")
    ok(run_cli, "checkin", "--pain", "5", "--self-harm", "yes", "--date", "2026-03-12")
    ok(run_cli, "checkin", "--pain", "4", "--self-harm", "no", "--date", "2026-03-13")
    found = [c for c in cards(run_cli) if c["kind"] == "self_harm_answer"]
    assert [(c["date"], c["key"].split(":")[1]) for c in found] == [
        ("2026-03-12", "checkin"),
        ("2026-03-05", "questionnaire"),
    ]
    assert found[0]["message"].startswith(
        "Answered yes to the journal's question about thoughts of being better off dead or of self-harm."
    )
    assert found[1]["message"].startswith("PHQ-9 item 9 answered 'More than half the days'")
    # each cites why it is asked: the check-in's question the antidepressants' boxed warning, the PHQ-9 its own
    assert found[0]["source"].startswith("FDA boxed warning for all antidepressants"), found[0]["source"]
    assert found[1]["source"].startswith("PHQ-9 instructions")


def test_an_old_answer_makes_no_card_but_one_typed_in_now_for_an_old_day_does(
    run_cli: Cli, journal_path: Path
) -> None:
    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    then = open_journal(journal_path, FixedClock(NOW.replace(month=1, day=20)))
    then.add_questionnaire("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])  # answered on its day, 54 days ago
    then.close()
    assert cards(run_cli) == []
    ok(run_cli, "questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,3", "--date", "2026-01-25")
    [late] = cards(run_cli)
    assert (late["kind"], late["date"]) == ("self_harm_answer", "2026-01-25")


def test_an_imported_answer_makes_the_card(run_cli: Cli, tmp_path: Path) -> None:
    ok(run_cli, "questionnaire", "phq9", "--answers", POSITIVE_Q9, "--date", "2026-03-10")
    exported = tmp_path / "export.json"
    ok(run_cli, "export", "-o", str(exported))
    other = Cli(tmp_path / "other.db", NOW)
    ok(other, "import", str(exported))
    assert [c["kind"] for c in cards(other)] == ["self_harm_answer", "mood_severity"]


def test_no_card_offers_a_question_answered_since(run_cli: Cli) -> None:
    ok(run_cli, "questionnaire", "phq2", "--answers", "2,2", "--date", "2026-03-10")
    [screen] = cards(run_cli)
    assert (screen["title"], screen["offers"]) == ("PHQ-2: 4 points", ["phq9", "self_harm"])
    assert screen["source"] == knowledge.source_text("phq_release")
    ok(run_cli, "checkin", "--pain", "4", "--self-harm", "no", "--date", "2026-03-12")
    [screen] = cards(run_cli)
    assert screen["offers"] == ["phq9"]
    ok(run_cli, "side-effect", "worsening_depression", "--severity", "2", "--date", "2026-03-14")
    found = {c["kind"]: c for c in cards(run_cli)}
    assert found["mood_severity"]["offers"] == ["phq9"]
    assert found["mood_severity"]["source"].startswith("medjournal docs/clinical.md §6.4")


def test_the_german_command_line_lists_the_answer_first_in_german(run_cli: Cli) -> None:
    from medjournal.cli import cli, register_commands

    ok(run_cli, "questionnaire", "phq9", "--answers", POSITIVE_Q9)
    register_commands()
    env = {"MEDJOURNAL_NOW": NOW.isoformat(), "LANGUAGE": "de", "LANG": "de_DE.UTF-8", "LC_ALL": None}
    result = CliRunner().invoke(cli, ["--db", str(run_cli.db), "today"], env=env)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "! PHQ-9 Frage 9 mit „An einzelnen Tagen“ beantwortet (Fragebogen vom 2026-03-15)." in text
    assert text.index("PHQ-9 Frage 9") < text.index("Ihr PHQ-9 vom 2026-03-15 ergab 11 Punkte")
    assert "Sie müssen damit nicht allein bleiben." in text
    assert "Quelle: Kroenke K" in text
    assert numbers_shown(result.output) == []
