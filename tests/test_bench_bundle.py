"""The bundle's benchmark compares with a wheel installed in its own environment, kept under the hash of the
wheel's contents (benchmarks/bench_bundle.py)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from benchmarks import bench_bundle


def _wheel(path: Path, files: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), content)
    return path


def test_the_key_follows_the_contents_not_the_build_time(tmp_path: Path) -> None:
    files = {"medjournal/__init__.py": b"x = 1\n", "medjournal-0.1.0.dist-info/RECORD": b"..."}
    first = _wheel(tmp_path / "a.whl", files, (2026, 12, 6, 10, 0, 0))
    again = _wheel(tmp_path / "b.whl", files, (2026, 12, 6, 14, 30, 0))
    changed = _wheel(
        tmp_path / "c.whl", {**files, "medjournal/__init__.py": b"x = 2\n"}, (2026, 12, 6, 10, 0, 0)
    )
    assert bench_bundle._wheel_key(first) == bench_bundle._wheel_key(again)
    assert bench_bundle._wheel_key(first) != bench_bundle._wheel_key(changed)


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
