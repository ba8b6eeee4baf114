"""One plain line under the header: the pain change and its category, adherence, new side effects, safety flags."""

from __future__ import annotations

import json

from tests.conftest import Cli
from tests.test_honest_rounding import _journal_with_a_change_of_minus_29_6_percent


def test_in_short_in_the_json_and_the_words(run_cli: Cli) -> None:
    _journal_with_a_change_of_minus_29_6_percent(run_cli)
    assert run_cli("side-effect", "nausea", "--severity", "2", "--date", "2026-02-10").exit_code == 0
    result = run_cli("report", "--json", "--from", "2026-01-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)["in_short"]
    assert line == (
        "Pain 7.0 → 4.9 (−29.6%), minimal improvement · 0% of doses taken · 1 new side effect (0 still reported)"
        " · 1 safety flag."
    ), line
    words = run_cli("report", "--from", "2026-01-01", "--to", "2026-03-15").output
    assert f"In short: {line}" in words
