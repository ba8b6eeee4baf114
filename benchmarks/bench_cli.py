"""How long a command-line call takes, against a bare click program that opens the same journal and prints a row.

Both run as new processes taking turns (ours first in even rounds, the bare program first in odd ones, so that
an order effect cancels out), so that each median is taken under the same load. Each run is measured twice:
wall-clock time (what a person waits) and the CPU time the process used (user + system, from ``getrusage``),
which a busy shared machine disturbs much less. The bare program is the least any command line can do: start
Python, load click, open the SQLite file read-only and print one row. medjournal runs the way its installed
``medjournal`` script does (``medjournal.cli.entry.run``).

benchmarks/run.py measures the installed program, as people run it: this checkout's wheel installed in a virtual
environment of its own (``bench_bundle.installed_wheel``, kept in the benchmark cache under the hash of the
files the wheel is built from), and the bare program on that environment's Python. A checkout's editable
install is not the same measure: every start of its Python, the bare program's too, loads the editable install's finder
(``__editable___medjournal_*_finder``, with pathlib, urllib.parse and ipaddress; about 7-9 ms of CPU), which
narrows the ratio (review 4 found 1.77x there against 1.93x on the wheel for ``today --json``). Run on its own,
this file measures the Python running it, unless ``MEDJOURNAL_BENCH_INSTALLED`` names the ``medjournal`` script
of an installed wheel (or ``--wheel`` asks for this checkout's):

    python benchmarks/bench_cli.py /tmp/heavy.db [END] [--wheel]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.bench_start import probe_now

BARE = '''"""A bare click program: open the journal read-only and print one row."""
import json
import sqlite3

import click


@click.command()
@click.option("--db", type=click.Path(dir_okay=False))
@click.argument("words", nargs=-1)
def main(db, words):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = conn.execute("SELECT name, unit FROM medications ORDER BY name LIMIT 1").fetchone()
    click.echo(json.dumps({"medications": [row]}))


main()
'''

# What the issue asks to stay within 2x of the bare program; --version is shown beside them.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--version",),
    ("today", "--json"),
    ("med", "list", "--json"),
    ("stock", "--json"),
)


def warm_environment() -> dict[str, str]:
    """This process's environment for a warm run: Python may write its bytecode cache. With
    PYTHONDONTWRITEBYTECODE set (as some shells and CI set it) every run would compile medjournal's modules
    afresh, which is the first start (bench_heavy.first_start), not the start a person waits for every day."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def medjournal_command() -> list[str]:
    script = Path(sys.executable).parent / "medjournal"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from medjournal.cli.entry import run; run()"]


def _children_cpu_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one run of ``argv``."""
    cpu = _children_cpu_ms()
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, env=env, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise RuntimeError(f"{argv[-3:]} failed: {result.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    return elapsed, _children_cpu_ms() - cpu


def measure_cli(
    journal: Path, end: date, repeat: int = 9, installed_script: Path | None = None
) -> dict[str, dict[str, tuple[float, float]]]:
    """{command: {"wall": (medjournal, bare), "cpu": (medjournal, bare)}}: median ms, the bare runs taking turns
    with each command's. Both on the environment of ``installed_script`` (an installed ``medjournal``), else of
    ``MEDJOURNAL_BENCH_INSTALLED``, else on the Python running this."""
    with tempfile.TemporaryDirectory(prefix="medjournal-cli-") as tmp:
        bare = Path(tmp) / "bare_click.py"
        bare.write_text(BARE, encoding="utf-8")
        env = {
            **warm_environment(),
            "MEDJOURNAL_HOME": tmp,  # logs and settings of these runs stay here
            "MEDJOURNAL_NOW": probe_now(end),
        }
        installed = str(installed_script or os.environ.get("MEDJOURNAL_BENCH_INSTALLED") or "") or None
        ours_prefix = [installed] if installed else medjournal_command()
        python = str(Path(installed).parent / "python") if installed else sys.executable
        bare_argv = [python, str(bare), "--db", str(journal)]
        runs: dict[str, tuple[list[tuple[float, float]], list[tuple[float, float]]]] = {
            " ".join(c): ([], []) for c in COMMANDS
        }
        for argv in ([*ours_prefix, "--db", str(journal), *c] for c in COMMANDS):
            _run(argv, env)  # warm the file cache and the bytecode once
        _run(bare_argv, env)
        for round_ in range(repeat):
            for command in COMMANDS:
                ours, baseline = runs[" ".join(command)]
                ours_argv = [*ours_prefix, "--db", str(journal), *command]
                if round_ % 2 == 0:
                    ours.append(_run(ours_argv, env))
                    baseline.append(_run(bare_argv, env))
                else:
                    baseline.append(_run(bare_argv, env))
                    ours.append(_run(ours_argv, env))
    return {
        name: {
            kind: (statistics.median(r[index] for r in a), statistics.median(r[index] for r in b))
            for index, kind in enumerate(("wall", "cpu"))
        }
        for name, (a, b) in runs.items()
    }


def cli_figures(journal: Path, end: date, repeat: int, label: str) -> list[Any]:
    """benchmarks/run.py's cli lines: the installed wheel of this checkout against the bare program on the
    same environment's Python (issue 18: within 2x)."""
    from benchmarks.bench_bundle import installed_wheel
    from benchmarks.run import Figure, cache_folder

    script = installed_wheel(cache_folder())
    return [
        Figure(
            f"command line, installed wheel: {name} ({label}), {kind} time", ours, bare, "ms", 2.0, "ratio"
        )
        for name, kinds in measure_cli(journal, end, repeat, script).items()
        for kind, (ours, bare) in kinds.items()
    ]


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--wheel"]
    journal = Path(args[0])
    end = date.fromisoformat(args[1]) if len(args) > 1 else date.today()
    script = None
    if "--wheel" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from benchmarks.bench_bundle import installed_wheel
        from benchmarks.run import cache_folder

        script = installed_wheel(cache_folder())
        print(f"installed wheel: {script}")
    for name, kinds in measure_cli(journal, end, installed_script=script).items():
        for kind, (ours, bare) in kinds.items():
            print(f"{name:<20} {kind:<4} {ours:7.1f} ms   bare click {bare:6.1f} ms   {ours / bare:4.2f}x")


if __name__ == "__main__":
    main()
