"""Random command-line input: a clear Error line or success, never a traceback, never a partial write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, Cli
from tests.test_cli import snapshot

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=14)
value = st.one_of(
    text,
    st.integers(-3, 30).map(str),
    st.sampled_from(
        [
            "2026-03-15",
            "2026-02-30",
            "2026-03-15 08:00",
            "25:00",
            "08:00,20:00",
            "nan",
            "inf",
            "1e9",
            "-0",
            "",
        ]
    ),
)

commands = st.one_of(
    st.tuples(
        st.just("checkin"),
        st.sampled_from(["--pain", "--mood", "--sleep", "--hours", "--date", "--where"]),
        value,
    ),
    st.tuples(st.just("side-effect"), value, st.just("--severity"), value),
    st.tuples(st.just("take"), st.sampled_from(["Duloxetine", "nope", ""]), st.just("--at"), value),
    st.tuples(st.just("skip"), st.just("Duloxetine"), st.just("--at"), value),
    st.tuples(
        st.just("questionnaire"),
        st.sampled_from(["peg", "phq9", "gad2", "pgic", "xyz"]),
        st.just("--answers"),
        value,
    ),
    st.tuples(st.just("treatment"), value, st.just("--minutes"), value),
    st.tuples(
        st.just("med"),
        st.just("change"),
        st.just("Duloxetine"),
        st.just("--dose"),
        value,
        st.just("--from"),
        value,
    ),
    st.tuples(st.just("med"), st.just("add"), value, st.just("--dose"), value, st.just("--times"), value),
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "journal.db"
    cli = Cli(path, NOW)
    assert (
        cli("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01").exit_code
        == 0
    )
    return path


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=commands)
def test_random_commands_succeed_or_fail_cleanly(seeded: Path, args: tuple[str, ...]) -> None:
    cli = Cli(seeded, NOW)
    before = snapshot(seeded)
    result = cli(*args)
    combined = result.output + (result.stderr or "")
    assert "Traceback" not in combined
    assert "unexpected internal error" not in combined
    if result.exit_code == 0:
        return
    assert result.exit_code in (1, 2)
    assert result.stderr.strip().splitlines()[-1].startswith("Error:")
    assert snapshot(seeded) == before
