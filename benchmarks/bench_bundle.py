"""The PyInstaller bundle's start against the installed wheel's (issue 18: within 1.3x).

Runs only when a bundle has been built (``bash packaging/build_bundle.sh`` writes ``dist/medjournal/``; or set
``MEDJOURNAL_BENCH_BUNDLE`` to the bundle's executable). Both programs run ``today --json`` on the same journal,
as new processes taking turns, so that each median is taken under the same load: that is the whole start of
the program (the interpreter, unpacking or finding the modules, the command line, opening the journal) and one
read, which a status bar pays every minute. ``--version`` is shown beside it: the start alone. And the window:
``medjournal --db JOURNAL`` from each, up to its window shown on a private X server (benchmarks/x11_window.py;
the bundle reads no ``sitecustomize``, so startup_probe.py's hook cannot time it). Each run is measured in
wall-clock time and in CPU time (user + system), which a busy machine disturbs much less.

The installed medjournal is a wheel of this checkout (``pip wheel``) installed in a virtual environment of its
own, as a person installs it: its modules compiled by pip, no editable-install finder on the path
(``installed_wheel``). The environment is kept in the benchmark cache folder under the hash of the files the
wheel is built from, so it is made again only when the code changes (about half a minute with pip's cache
warm). Set ``MEDJOURNAL_BENCH_INSTALLED`` to another installed ``medjournal`` script to compare with that instead.
The bundle must be built from the same code to compare like with like.

    python benchmarks/bench_bundle.py /tmp/heavy.db
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.bench_start import probe_now

ROOT = Path(__file__).resolve().parents[1]
COMMANDS: tuple[tuple[str, ...], ...] = (("--version",), ("today", "--json"))


def bundle_executable() -> Path | None:
    """The built bundle's program, or None when none has been built."""
    configured = os.environ.get("MEDJOURNAL_BENCH_BUNDLE")
    candidate = Path(configured) if configured else ROOT / "dist" / "medjournal" / "medjournal"
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


STAMP = (
    "SOURCE-KEY"  # written into dist/medjournal/ by packaging/build_bundle.sh: the source it was built from
)


def source_key() -> str:
    """A hash of medjournal's source files (paths and contents, bytecode left out): the bundle is compared
    with the wheel only when it was built from the same source."""
    digest = hashlib.sha256()
    package = ROOT / "src" / "medjournal"
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def stale_bundle(bundle: Path) -> str | None:
    """Why ``bundle`` cannot be compared with this checkout's wheel, or None when it was built from this source.
    A bundle named by ``MEDJOURNAL_BENCH_BUNDLE`` is taken as it is."""
    if os.environ.get("MEDJOURNAL_BENCH_BUNDLE"):
        return None
    stamp = bundle.parent / STAMP
    if not stamp.is_file():
        return "the bundle has no source stamp: build it again (bash packaging/build_bundle.sh)"
    if stamp.read_text(encoding="ascii").strip() != source_key():
        return "the bundle was built from other source than this checkout: build it again"
    return None


# What a wheel of this checkout is made from (pyproject.toml's packages, package-dir and metadata).
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src", "resources")


def wheel_source_key(root: Path = ROOT) -> str:
    """A hash of the names and contents of every file the wheel is built from (bytecode caches and build
    leftovers aside): the same key for the same code, whatever the benchmarks or the tests changed."""
    digest = hashlib.sha256()
    for top in WHEEL_SOURCES:
        base = root / top
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if any(part.endswith(".egg-info") for part in path.parts):
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


WHEEL_VENV_PREFIX = "wheel-venv-src-"
WHEEL_VENVS_KEPT = 3  # the environments of the last few versions of the code (about 430 MB each)
IN_USE = 3600.0  # seconds: an environment used this recently may serve a run going on; it is never removed
LAST_USED = "last-used"  # a file in each environment, touched each time a run takes it


def mark_used(venv: Path) -> None:
    """Remember that ``venv`` was just taken by a run (its ``last-used`` file's time)."""
    (venv / LAST_USED).touch()


def last_used(venv: Path) -> float:
    """When ``venv`` was last taken by a run (or made, when no run has marked it yet)."""
    for path in (venv / LAST_USED, venv):
        try:
            return path.stat().st_mtime
        except OSError:
            continue
    return 0.0


def prune_wheel_venvs(
    cache: Path, keep: int = WHEEL_VENVS_KEPT, now: float | None = None, in_use: float = IN_USE
) -> list[Path]:
    """Remove the wheel environments in ``cache`` but the ``keep`` used last; one used (or begun) within
    ``in_use`` seconds stays whatever its rank, since another run on this machine may be using it. Returns what
    was removed."""
    moment = time.time() if now is None else now
    venvs = sorted(
        (p for p in cache.glob(WHEEL_VENV_PREFIX + "*") if p.is_dir() and not p.is_symlink()),
        key=last_used,
        reverse=True,
    )
    removed = []
    for venv in venvs[keep:]:
        if moment - last_used(venv) < in_use:
            continue
        shutil.rmtree(venv, ignore_errors=True)
        if not venv.exists():
            removed.append(venv)
    return removed


@functools.cache  # the cli and bundle steps of one run share it
def installed_wheel(cache: Path) -> Path:
    """The ``medjournal`` script of this checkout's wheel installed in a virtual environment of its own: the
    installed program a person runs, without the editable install. The environment is kept in ``cache`` under
    the hash of the wheel's sources (:func:`wheel_source_key`): the first run after a change to the code builds the
    wheel and installs it (about half a minute with pip's cache warm, under load about 40 s); every later run
    finds it at once. Once a new one is made, only the :data:`WHEEL_VENVS_KEPT` used last are kept
    (:func:`prune_wheel_venvs`)."""
    configured = os.environ.get("MEDJOURNAL_BENCH_INSTALLED")
    if configured:
        return Path(configured)
    venv = cache / f"{WHEEL_VENV_PREFIX}{wheel_source_key()}"
    script = venv / "bin" / "medjournal"
    if script.exists():
        mark_used(venv)
        return script
    cache.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="medjournal-wheel-") as tmp:
        quiet = {"check": True, "capture_output": True}
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp, str(ROOT)], **quiet
        )
        wheel = next(Path(tmp).glob("medjournal-*.whl"))
        base = getattr(sys, "_base_executable", sys.executable)  # not this venv's python: a clean one
        subprocess.run([base, "-m", "venv", "--clear", str(venv)], **quiet)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], **quiet)
    mark_used(venv)
    took = time.perf_counter() - began
    removed = prune_wheel_venvs(cache)
    pruned = f"; removed {len(removed)} older one(s) from the cache" if removed else ""
    print(
        f"  (built this checkout's wheel and installed it: {took:.0f} s; not in the cache{pruned})",
        flush=True,
    )
    return script


def measure_bundle(
    bundle: Path, journal: Path, end: date, repeat: int = 7, installed_script: Path | None = None
) -> dict[str, dict[str, tuple[float, float]]]:
    """{command: {"wall": (bundle, installed), "cpu": (bundle, installed)}}: median ms, taking turns. The
    installed program is ``installed_script``, else the medjournal of the Python running this."""
    from benchmarks.bench_cli import _run, medjournal_command, warm_environment

    installed = [str(installed_script)] if installed_script is not None else medjournal_command()
    with tempfile.TemporaryDirectory(prefix="medjournal-bundle-") as tmp:
        env = {
            **warm_environment(),
            "MEDJOURNAL_HOME": tmp,
            "MEDJOURNAL_NOW": probe_now(end),
        }
        env.pop("PYTHONPATH", None)  # the bundle runs without the build Python's paths, as on any machine
        runs: dict[str, tuple[list[tuple[float, float]], list[tuple[float, float]]]] = {
            " ".join(c): ([], []) for c in COMMANDS
        }
        for command in COMMANDS:  # warm the file cache and the bytecode once
            _run([str(bundle), "--db", str(journal), *command], env)
            _run([*installed, "--db", str(journal), *command], env)
        for _ in range(repeat):
            for command in COMMANDS:
                ours, wheel = runs[" ".join(command)]
                ours.append(_run([str(bundle), "--db", str(journal), *command], env))
                wheel.append(_run([*installed, "--db", str(journal), *command], env))
    return {
        name: {
            kind: (statistics.median(r[index] for r in a), statistics.median(r[index] for r in b))
            for index, kind in enumerate(("wall", "cpu"))
        }
        for name, (a, b) in runs.items()
    }


def measure_windows(
    bundle: Path, installed_script: Path, journal: Path, end: date, repeat: int
) -> dict[str, tuple[float, float]]:
    """The window's start, ``medjournal --db JOURNAL`` as a person starts it, from the bundle and from the
    installed wheel, taking turns on one private X server (benchmarks/x11_window.py: the time to the first
    window mapped, and the CPU time used by then): {"wall": (bundle, installed), "cpu": (...)}, median ms.
    Both open on Today at its first size (benchmarks/startup_probe.py ``window_home``) with the clock at the
    journal's last evening; one start of each goes first, unmeasured (the day's backup, the file cache)."""
    from benchmarks.startup_probe import window_home
    from benchmarks.x11_window import x_server

    env = {
        **os.environ,
        "MEDJOURNAL_NOW": probe_now(end),
    }
    env.pop("PYTHONPATH", None)
    programs = {"bundle": [str(bundle)], "installed": [str(installed_script)]}
    starts: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    with x_server() as x:
        for number in range(repeat + 1):
            order = list(programs) if number % 2 == 0 else list(programs)[::-1]
            for name in order:
                start = x.start(
                    [*programs[name], "--db", str(journal)],
                    {**env, "MEDJOURNAL_HOME": str(window_home("today"))},
                )
                if number:
                    starts[name].append((start.wall, start.cpu))
    return {
        kind: (
            statistics.median(s[index] for s in starts["bundle"]),
            statistics.median(s[index] for s in starts["installed"]),
        )
        for index, kind in enumerate(("wall", "cpu"))
    }


def bundle_figures(journal: Path, end: date, repeat: int, label: str) -> list[Any]:
    from benchmarks.run import Figure, cache_folder, left_out

    bundle = bundle_executable()
    why = "no bundle built (bash packaging/build_bundle.sh)" if bundle is None else stale_bundle(bundle)
    if bundle is None or why is not None:
        return [left_out(f"bundle vs installed wheel ({label})", why or "")]
    wheel = installed_wheel(cache_folder())
    figures = [
        Figure(
            f"bundle vs installed wheel: {name} ({label}), {kind} time", ours, installed, "ms", 1.3, "ratio"
        )
        for name, kinds in measure_bundle(bundle, journal, end, repeat, wheel).items()
        for kind, (ours, installed) in kinds.items()
    ]
    window = f"bundle vs installed wheel: start to the window shown ({label})"
    try:
        windows = measure_windows(bundle, wheel, journal, end, repeat)
    except RuntimeError as why_not:  # no Xvfb or libX11 here, or a window that did not show
        return [*figures, left_out(window, str(why_not))]
    return [
        *figures,
        *(
            Figure(f"{window}, {kind} time", ours, installed, "ms", 1.3, "ratio", note="on Today, X server")
            for kind, (ours, installed) in windows.items()
        ),
    ]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    bundle = bundle_executable()
    if bundle is None:
        print("skipped: no bundle built (bash packaging/build_bundle.sh)")
        return
    from benchmarks.run import cache_folder

    journal = Path(sys.argv[1])
    end = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date.today()
    wheel = installed_wheel(cache_folder())
    print(f"installed wheel: {wheel}")
    for name, kinds in measure_bundle(bundle, journal, end, installed_script=wheel).items():
        for kind, (ours, installed) in kinds.items():
            print(
                f"{name:<14} {kind:<4} bundle {ours:7.1f} ms   wheel {installed:7.1f} ms   {ours / installed:4.2f}x"
            )
    for kind, (ours, installed) in measure_windows(bundle, wheel, journal, end, 5).items():
        print(
            f"{'window':<14} {kind:<4} bundle {ours:7.1f} ms   wheel {installed:7.1f} ms   {ours / installed:4.2f}x"
        )


if __name__ == "__main__":
    main()
