"""How long a command-line call takes, against a bare click program that opens the same journal and prints a row.

Both run as new processes, interleaved, so that each median is taken under the same load. Each run is measured
twice: wall-clock time (what a person waits) and the CPU time the process used (user + system, from
``getrusage``), which a busy shared machine disturbs much less. The bare program is the
least any command line can do: start Python, load click, open the SQLite file read-only and print one row.
medjournal runs the way its installed ``medjournal`` script does (``medjournal.cli.main``).

Both run on the Python running the benchmark, which in a checkout is the editable install's: every start of
that Python, the bare program's too, loads the editable install's finder (``__editable___medjournal_*_finder``,
with pathlib, urllib.parse and ipaddress; about 7 ms of CPU), which an installed wheel does not have. With
``MEDJOURNAL_BENCH_INSTALLED`` naming the ``medjournal`` script of a wheel installed in its own environment
(bench_bundle.installed_wheel makes one), both run on that environment's Python instead: the truer comparison.

    python benchmarks/bench_cli.py /tmp/heavy.db
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

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
    return [sys.executable, "-c", "import sys; from medjournal.cli import main; sys.exit(main())"]


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


def measure_cli(journal: Path, end: date, repeat: int = 9) -> dict[str, dict[str, tuple[float, float]]]:
    """{command: {"wall": (medjournal, bare), "cpu": (medjournal, bare)}}: median ms, the bare runs interleaved
    with each command's."""
    with tempfile.TemporaryDirectory(prefix="medjournal-cli-") as tmp:
        bare = Path(tmp) / "bare_click.py"
        bare.write_text(BARE, encoding="utf-8")
        env = {
            **warm_environment(),
            "MEDJOURNAL_HOME": tmp,  # logs and settings of these runs stay here
            "MEDJOURNAL_NOW": datetime.combine(end, clock_time(21, 30)).astimezone().isoformat(),
        }
        installed = os.environ.get("MEDJOURNAL_BENCH_INSTALLED")
        ours_prefix = [installed] if installed else medjournal_command()
        python = str(Path(installed).parent / "python") if installed else sys.executable
        bare_argv = [python, str(bare), "--db", str(journal)]
        runs: dict[str, tuple[list[tuple[float, float]], list[tuple[float, float]]]] = {
            " ".join(c): ([], []) for c in COMMANDS
        }
        for argv in ([*ours_prefix, "--db", str(journal), *c] for c in COMMANDS):
            _run(argv, env)  # warm the file cache and the bytecode once
        _run(bare_argv, env)
        for _ in range(repeat):
            for command in COMMANDS:
                ours, baseline = runs[" ".join(command)]
                ours.append(_run([*ours_prefix, "--db", str(journal), *command], env))
                baseline.append(_run(bare_argv, env))
    return {
        name: {
            kind: (statistics.median(r[index] for r in a), statistics.median(r[index] for r in b))
            for index, kind in enumerate(("wall", "cpu"))
        }
        for name, (a, b) in runs.items()
    }


def main() -> None:
    journal = Path(sys.argv[1])
    end = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date.today()
    for name, kinds in measure_cli(journal, end).items():
        for kind, (ours, bare) in kinds.items():
            print(f"{name:<20} {kind:<4} {ours:7.1f} ms   bare click {bare:6.1f} ms   {ours / bare:4.2f}x")


if __name__ == "__main__":
    main()
