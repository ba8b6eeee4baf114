"""The first start's measure (benchmarks/bench_heavy.py): the standard library with its own bytecode, medjournal
and the libraries it installs with none; and the run's figures without a budget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import run
from benchmarks.bench_heavy import stdlib_bytecode

WHERE = (
    "import importlib.util, json, sys, click, medjournal, sqlite3\n"
    "print(json.dumps({m.__name__: importlib.util.cache_from_source(m.__file__)"
    " for m in (json, sqlite3, click, medjournal)}))\n"
)


def test_the_prefix_holds_the_standard_librarys_bytecode_only(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    assert stdlib_bytecode(prefix) > 100
    env = {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", WHERE], capture_output=True, text=True, check=True, env=env, cwd=tmp_path
    )
    cached = {name: Path(path) for name, path in json.loads(result.stdout).items()}
    # Where Python looks for bytecode under this prefix: the standard library's is there, as it was installed
    assert all(prefix in path.parents for path in cached.values())
    assert cached["json"].is_file() and cached["sqlite3"].is_file()
    # ... and nothing that pip installs (click) or medjournal itself has any: those are compiled at the start.
    assert not cached["click"].exists() and not cached["medjournal"].exists()
    # nothing was written while that child ran
    assert not any(path.is_file() for path in prefix.rglob("*") if "site-packages" in path.parts)


def test_a_figure_shown_for_comparison_has_no_verdict() -> None:
    shown = run.Figure("first start, the stdlib compiled too", 1250.0, 530.0, "ms", 0, "shown")
    assert shown.passed
    assert "shown" in shown.line() and "PASS" not in shown.line() and "FAIL" not in shown.line()
    assert "2.36x" in shown.line()


def test_the_first_and_warm_starts_take_turns(monkeypatch, tmp_path: Path) -> None:
    from benchmarks import bench_heavy

    seen: list[str] = []

    def fake(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float]:
        prefix = (env or {}).get("PYTHONPYCACHEPREFIX", "")
        kind = "warm" if not env else "compiled" if "medjournal-pycache-" in prefix else "cold"
        seen.append(kind)
        return {"cold": 300.0, "warm": 100.0, "compiled": 500.0}[kind], 1, 1.0

    monkeypatch.setattr(run, "_probe", fake)
    monkeypatch.setattr(bench_heavy, "stdlib_bytecode", lambda folder: 0)
    figures = bench_heavy.first_start(tmp_path / "j.db", runs=2)
    order = ["cold", "warm", "compiled"]
    assert seen == ["warm", *order, *order[::-1]]  # a warm-up, then the first one first in even rounds only
    assert figures["wall"] == (300.0, 100.0, 500.0)
