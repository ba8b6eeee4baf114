"""``benchmarks/run.py --quick``: what it measures with fewer samples, and the time of each step and part that it
prints (no timings asserted: the lines are read, not their figures)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks import run
from benchmarks.generate import generate


def fake_figures(name: str) -> list[run.Figure]:
    return [run.Figure(name, 1.0, 1.0, "ms", 1.3, "ratio")]


def test_each_step_and_each_part_of_the_heavy_step_prints_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The heavy step (about two thirds of a quick run) prints the time of each of its parts after their figures,
    each step its own, and a journal not found in the cache the time it took to make."""
    monkeypatch.setenv("MEDJOURNAL_BENCH_CACHE", str(tmp_path / "cache"))
    real_cached = run.cached_journal

    def small(folder: Path, name: str, **how: Any) -> tuple[Path, dict[str, int]]:
        return real_cached(folder, name, days=12, end=run.END, heavy=bool(how.get("heavy")))

    asked: dict[str, Any] = {}

    def noted(name: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> list[run.Figure]:
            asked.setdefault(name, []).append((args, kwargs))
            return fake_figures(name)

        return make

    monkeypatch.setattr(run, "cached_journal", small)
    for name in ("bench_start_and_memory", "bench_trends_view", "bench_summary", "heavy_figures"):
        monkeypatch.setattr(run, name, noted(name))

    assert run.main(["--quick", "--only", "heavy"]) == 0
    printed = capsys.readouterr().out.splitlines()

    assert sum(line.startswith("  (generated ") and "not in the cache" in line for line in printed) == 2
    step = [line for line in printed if not line.startswith(("  (generated", "journal:", "heavy journal:"))]
    part = r"    \(heavy, {}: \d+ s; CPU \d+ s\)"
    expected = [
        "bench_start_and_memory",
        part.format("start and memory"),
        "bench_trends_view",
        part.format("trends"),
        "bench_summary",
        part.format("90-day summary"),
        "heavy_figures",
        part.format("whole history, export and import"),
        r"  \(heavy: \d+ s; CPU \d+ s, this process's and its children's\)",
    ]
    assert len(step) >= len(expected)
    for line, pattern in zip(step, expected, strict=False):
        assert re.match(pattern, line), (line, pattern)
    # --quick reaches the parts that take fewer samples with it: no refresh() until whole, the 90-day PDF alone
    assert asked["bench_trends_view"][0][0][3] == 0
    assert asked["bench_summary"][0][0][4] is True


def test_a_quick_summary_times_the_pdf_alone_with_the_same_warm_up_and_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import bench_summary
    from medjournal.report.pdf import pdf

    path = tmp_path / "journal.db"
    generate(path, days=40, end=run.END)
    made: list[str] = []
    writing: list[bool] = []
    real_write, real_layout = pdf.write_pdf, pdf.layout_summary

    def write(*args: Any, **kwargs: Any) -> Any:
        made.append("pdf")
        writing.append(True)
        try:
            return real_write(*args, **kwargs)
        finally:
            writing.pop()

    def layout(*args: Any, **kwargs: Any) -> Any:
        if not writing:  # a layout alone, not the one each PDF makes
            made.append("layout")
        return real_layout(*args, **kwargs)

    monkeypatch.setattr(pdf, "write_pdf", write)
    monkeypatch.setattr(pdf, "layout_summary", layout)
    from benchmarks.bench_heavy import clock_at
    from medjournal.storage.journal import open_journal

    journal = open_journal(path, clock_at(run.END))
    try:
        quick = bench_summary.time_summary(journal, run.END, repeat=2, pdf_only=True)
        assert made == ["pdf"] * 3  # the warm-up, then the two samples: each PDF written as `report -o` does
        made.clear()
        full = bench_summary.time_summary(journal, run.END, repeat=2)
    finally:
        journal.close()
    assert set(quick) == {"pdf"} and quick["pdf"] > 0
    assert set(full) == {"json", "layout", "pdf", "pages"}
    assert made.count("pdf") == 3 and made.count("layout") == 2 + 1  # the full run's measures, unchanged

    short = tmp_path / "short.db"
    generate(short, days=10, end=run.END)
    assert [f.name for f in run.bench_summary(path, short, 2, "test", quick=True)] == [
        "90-day summary JSON from test",
        "90-day summary PDF from test",
        "90-day summary PDF from test, absolute",
    ]


@pytest.mark.gui
def test_a_quick_trends_step_takes_one_sample_or_none_of_refresh_until_whole_and_says_so(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medjournal.ui.trends.trends_view import CHUNK_DAYS, TrendsView

    path = tmp_path / "journal.db"
    generate(path, days=2 * CHUNK_DAYS + 30, end=run.END)
    refreshed: list[int] = []
    real_refresh = TrendsView.refresh

    def refresh(view: TrendsView) -> None:
        refreshed.append(1)
        real_refresh(view)

    monkeypatch.setattr(TrendsView, "refresh", refresh)
    made = {}
    for samples in (None, 1, 0):
        refreshed.clear()
        made[samples] = (run.bench_trends_view(path, 3, "test", samples), len(refreshed))
    (full, full_refreshes), (one, one_refresh), (none, no_refresh) = made.values()
    # the same refreshes but for refresh() until whole: three samples in the full run, one, none
    assert full_refreshes - one_refresh == 3 - 1 and one_refresh - no_refresh == 1
    assert [f.name for f in one] == [f.name for f in none] == [f.name for f in full]
    assert all(f.value > 0 and f.budget_kind != "left out" for f in one)
    assert [f.budget_kind for f in none] == ["absolute"] * 4 + ["left out"] * 3
    assert all(f.value > 0 for f in none[:4])
    assert "left out: --quick" in none[-1].line()


def test_a_quick_run_says_it_left_out_the_whole_history_summary_under_the_full_runs_name(
    tmp_path: Path,
) -> None:
    from benchmarks.bench_heavy import full_history_summary, heavy_figures, whole_history_line

    path = tmp_path / "heavy.db"
    generate(path, days=20, end=run.END, heavy=True)
    figures = heavy_figures(path, tmp_path, run.END, quick=True)
    [left] = [f for f in figures if f.budget_kind == "left out"]
    full_name = whole_history_line(
        path, run.END, "20 years x 8", full_history_summary(path, run.END, 1)["days"]
    )
    assert left.name == full_name == "summary PDF of all 20 days, page 1 one page (20 years x 8)"
    assert "left out: --quick" in left.line()
    assert [f.name.split(",")[0] for f in figures if f is not left] == ["export to JSON"] * 2 + [
        "import from JSON"
    ] * 2


def test_the_installed_wheel_says_when_it_was_made_and_not_when_found_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run on a fresh clone (or after a change to the code) builds and installs the wheel first, about 20 to
    30 s of its cli step: the run prints that time apart from the step's."""
    import subprocess

    from benchmarks import bench_bundle

    monkeypatch.delenv("MEDJOURNAL_BENCH_INSTALLED", raising=False)
    made: list[str] = []

    def fake_run(argv: list[str], **_how: Any) -> None:  # pip wheel, venv, pip install: their outputs
        made.append(argv[2] if argv[1] == "-m" else argv[1])
        if argv[2:4] == ["pip", "wheel"]:
            (Path(argv[argv.index("-w") + 1]) / "medjournal-0-py3-none-any.whl").write_bytes(b"")
        if argv[2] == "venv":
            (Path(argv[-1]) / "bin").mkdir(parents=True)
            (Path(argv[-1]) / "bin" / "medjournal").write_bytes(b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    build = bench_bundle.installed_wheel.__wrapped__
    script = build(tmp_path)
    assert made == ["pip", "venv", "pip"] and script.exists()
    assert re.fullmatch(
        r"  \(built this checkout's wheel and installed it: \d+ s; not in the cache\)\n",
        capsys.readouterr().out,
    )
    assert build(tmp_path) == script and made == ["pip", "venv", "pip"]  # found: nothing made, nothing said
    assert capsys.readouterr().out == ""
