"""The PyInstaller bundle's start against the installed medjournal's (issue 18: within 1.3x).

Runs only when a bundle has been built (``bash packaging/build_bundle.sh`` writes ``dist/medjournal/``; or set
``MEDJOURNAL_BENCH_BUNDLE`` to the bundle's executable). Both programs run ``today --json`` on the same journal,
as new processes taking turns, so that each median is taken under the same load: that is the whole start of
the program (the interpreter, unpacking or finding the modules, the command line, opening the journal) and one
read, which a status bar pays every minute. ``--version`` is shown beside it: the start alone. Each run is
measured in wall-clock time and in CPU time (user + system), which a busy machine disturbs much less.

The installed medjournal is the one of the Python running the benchmark (``bench_cli.medjournal_command``):
the wheel where medjournal is installed from one, the editable install in a checkout.

    python benchmarks/bench_bundle.py /tmp/heavy.db
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COMMANDS: tuple[tuple[str, ...], ...] = (("--version",), ("today", "--json"))


def bundle_executable() -> Path | None:
    """The built bundle's program, or None when none has been built."""
    configured = os.environ.get("MEDJOURNAL_BENCH_BUNDLE")
    candidate = Path(configured) if configured else ROOT / "dist" / "medjournal" / "medjournal"
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def measure_bundle(
    bundle: Path, journal: Path, end: date, repeat: int = 7
) -> dict[str, dict[str, tuple[float, float]]]:
    """{command: {"wall": (bundle, installed), "cpu": (bundle, installed)}}: median ms, taking turns."""
    from benchmarks.bench_cli import _run, medjournal_command, warm_environment

    installed = medjournal_command()
    with tempfile.TemporaryDirectory(prefix="medjournal-bundle-") as tmp:
        env = {
            **warm_environment(),
            "MEDJOURNAL_HOME": tmp,
            "MEDJOURNAL_NOW": datetime.combine(end, clock_time(21, 30)).astimezone().isoformat(),
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


def bundle_figures(journal: Path, end: date, repeat: int, label: str) -> list[Any]:
    from benchmarks.run import Figure

    bundle = bundle_executable()
    if bundle is None:
        print("  bundle start: skipped: no bundle built (bash packaging/build_bundle.sh)")
        return []
    return [
        Figure(f"bundle vs installed: {name} ({label}), {kind} time", ours, wheel, "ms", 1.3, "ratio")
        for name, kinds in measure_bundle(bundle, journal, end, repeat).items()
        for kind, (ours, wheel) in kinds.items()
    ]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    bundle = bundle_executable()
    if bundle is None:
        print("skipped: no bundle built (bash packaging/build_bundle.sh)")
        return
    journal = Path(sys.argv[1])
    end = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date.today()
    for name, kinds in measure_bundle(bundle, journal, end).items():
        for kind, (ours, wheel) in kinds.items():
            print(
                f"{name:<14} {kind:<4} bundle {ours:7.1f} ms   installed {wheel:7.1f} ms   {ours / wheel:4.2f}x"
            )


if __name__ == "__main__":
    main()
