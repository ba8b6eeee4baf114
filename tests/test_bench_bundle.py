"""The bundle's benchmark compares with a wheel installed in its own environment, kept under the hash of the
files the wheel is built from (benchmarks/bench_bundle.py)."""

from __future__ import annotations

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
