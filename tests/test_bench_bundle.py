"""The bundle's benchmark compares with a wheel installed in its own environment, kept under the hash of the
files the wheel is built from (benchmarks/bench_bundle.py)."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from benchmarks import bench_bundle


def _checkout(root: Path, package: bytes) -> Path:
    for name, content in {
        "pyproject.toml": b"[project]\n",
        "README.md": b"# medjournal\n",
        "LICENSE": b"GPL\n",
        "src/medjournal/__init__.py": package,
        "resources/medjournal.desktop": b"[Desktop Entry]\n",
        "benchmarks/run.py": b"print()\n",
        "tests/test_x.py": b"def test(): pass\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


def test_the_environment_is_kept_under_the_hash_of_what_the_wheel_is_built_from(tmp_path: Path) -> None:
    first = bench_bundle.wheel_source_key(_checkout(tmp_path / "a", b"x = 1\n"))
    same = _checkout(tmp_path / "b", b"x = 1\n")
    (same / "benchmarks" / "run.py").write_bytes(b"print('changed')\n")  # not in the wheel
    (same / "tests" / "test_y.py").write_bytes(b"")
    (same / "src" / "medjournal" / "__pycache__").mkdir()
    (same / "src" / "medjournal" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0")
    assert bench_bundle.wheel_source_key(same) == first
    assert bench_bundle.wheel_source_key(_checkout(tmp_path / "c", b"x = 2\n")) != first
    resources = _checkout(tmp_path / "d", b"x = 1\n")
    (resources / "resources" / "medjournal.desktop").write_bytes(b"[Desktop Entry]\nName=m\n")
    assert bench_bundle.wheel_source_key(resources) != first
    metadata = _checkout(tmp_path / "e", b"x = 1\n")
    (metadata / "pyproject.toml").write_bytes(b"[project]\nname = 'm'\n")
    assert bench_bundle.wheel_source_key(metadata) != first


def test_a_configured_installation_is_used_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "venv" / "bin" / "medjournal"
    monkeypatch.setenv("MEDJOURNAL_BENCH_INSTALLED", str(script))
    assert bench_bundle.installed_wheel(tmp_path / "cache") == script
    assert not (tmp_path / "cache").exists()  # nothing built


def test_without_a_bundle_the_line_is_left_out_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDJOURNAL_BENCH_BUNDLE", str(tmp_path / "no-such-bundle"))
    [figure] = bench_bundle.bundle_figures(tmp_path / "heavy.db", date(2026, 3, 15), 1, "x")
    assert figure.budget_kind == "left out" and "no bundle built" in figure.note
    assert figure.line().endswith("left out: no bundle built (bash packaging/build_bundle.sh)")


def test_a_bundle_built_from_other_source_is_not_compared(tmp_path: Path) -> None:
    bundle = tmp_path / "medjournal"
    bundle.write_bytes(b"")
    assert "no source stamp" in (bench_bundle.stale_bundle(bundle) or "")
    (tmp_path / bench_bundle.STAMP).write_text("0123456789abcdef\n", encoding="ascii")
    assert "other source" in (bench_bundle.stale_bundle(bundle) or "")
    (tmp_path / bench_bundle.STAMP).write_text(bench_bundle.source_key() + "\n", encoding="ascii")
    assert bench_bundle.stale_bundle(bundle) is None


DAY = 24 * 3600.0


def _old_venv(cache: Path, key: str, used: float) -> Path:
    """A wheel environment of another version of the code, last taken by a run at ``used``."""
    venv = cache / f"wheel-venv-src-{key}"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "medjournal").write_bytes(b"")
    (venv / "last-used").write_bytes(b"")
    os.utime(venv / "last-used", (used, used))
    return venv


def _fake_build(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """pip and venv as the build calls them, doing only what the build then looks for."""
    calls: list[list[str]] = []

    def run(command: list[str], **_options: object) -> None:
        calls.append(command)
        if "wheel" in command:
            (Path(command[command.index("-w") + 1]) / "medjournal-0-py3-none-any.whl").write_bytes(b"")
        elif "venv" in command:
            (Path(command[-1]) / "bin").mkdir(parents=True)
        elif "install" in command:
            (Path(command[0]).parent / "medjournal").write_bytes(b"")

    monkeypatch.setattr(subprocess, "run", run)
    monkeypatch.delenv("MEDJOURNAL_BENCH_INSTALLED", raising=False)
    return calls


def _build(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _fake_build(monkeypatch)
    bench_bundle.installed_wheel.cache_clear()
    try:
        return bench_bundle.installed_wheel(cache).parent.parent
    finally:
        bench_bundle.installed_wheel.cache_clear()


def test_a_new_environment_keeps_the_few_used_last_and_removes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    now = time.time()
    old = {
        key: _old_venv(cache, key, now - days * DAY) for key, days in [("a", 5), ("b", 1), ("c", 9), ("d", 2)]
    }
    (cache / "heavy-0123.db").write_bytes(b"journal")  # the cached journals are not environments
    new = _build(cache, monkeypatch)
    assert (new / "bin" / "medjournal").exists() and new.name.startswith("wheel-venv-src-")
    # Three kept: the new one and the two used last; the two used longest ago are gone.
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [new.name, old["b"].name, old["d"].name, "heavy-0123.db"]
    )
    assert "removed 2 older one(s) from the cache" in capsys.readouterr().out


def test_an_environment_another_run_may_be_using_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    now = time.time()
    recent = [_old_venv(cache, key, now - minutes * 60) for key, minutes in [("e", 10), ("g", 30), ("h", 50)]]
    building = cache / "wheel-venv-src-f"  # another run is making it now: no script, no mark yet
    building.mkdir()
    gone = _old_venv(cache, "c", now - 9 * DAY)
    new = _build(cache, monkeypatch)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [new.name, building.name, *(p.name for p in recent)]
    )
    assert not gone.exists()


def test_an_environment_found_is_marked_as_used_and_nothing_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    long_ago = time.time() - 30 * DAY
    for key in "abcd":
        _old_venv(cache, key, long_ago)
    mine = _old_venv(cache, bench_bundle.wheel_source_key(), long_ago)
    calls = _fake_build(monkeypatch)
    bench_bundle.installed_wheel.cache_clear()
    try:
        assert bench_bundle.installed_wheel(cache) == mine / "bin" / "medjournal"
    finally:
        bench_bundle.installed_wheel.cache_clear()
    assert calls == []  # nothing built, so nothing pruned
    assert len(list(cache.iterdir())) == 5
    assert bench_bundle.last_used(mine) > long_ago + DAY  # first in line to be kept next time
