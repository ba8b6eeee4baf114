"""The long crash test: hundreds of writers killed with SIGKILL at random moments, through the Journal API and
through the command line; after every kill the journal must pass integrity_check and hold every acknowledged
entry. The regular test suite runs a short version (tests/test_reliability_crash.py).

    python benchmarks/crash_soak.py                      # 500 API kills + 30 command-line kills
    python benchmarks/crash_soak.py --kills 2000 --seed 7 --cli-kills 0

Prints the figures (kills, acknowledged entries, losses) and exits non-zero on any loss or integrity failure.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

import crash_writer  # noqa: E402  (tests/crash_writer.py: the child process and the checks)


def cli_kills(path: Path, kills: int, seed: int) -> dict[str, int]:
    """Writers that record through the command line, each killed after a random number of entries."""
    rng = random.Random(seed)
    acknowledged: set[int] = set()
    start = 1_000_000
    for _ in range(kills):
        writer = subprocess.Popen(
            [sys.executable, str(TESTS / "crash_writer.py"), str(path), "--cli", str(start), "100000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        wanted, seen = rng.randint(1, 8), 0
        for line in writer.stdout:
            if line.startswith("ack"):
                acknowledged.add(int(line.split()[3]))
                seen += 1
                if seen == wanted:
                    time.sleep(rng.uniform(0, 0.02))
                    writer.send_signal(signal.SIGKILL)
                    break
        rest, _ = writer.communicate()
        acknowledged |= {int(line.split()[3]) for line in rest.splitlines() if line.startswith("ack")}
        start = max(acknowledged) + 2
    import sqlite3

    conn = sqlite3.connect(path)
    ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    notes = {row[0] for row in conn.execute("SELECT note FROM treatments")}
    conn.close()
    lost = [n for n in acknowledged if crash_writer.note_for(n) not in notes]
    return {"kills": kills, "acknowledged": len(acknowledged), "lost": len(lost), "integrity_ok": int(ok)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kills", type=int, default=500, help="writers killed through the Journal API")
    parser.add_argument("--cli-kills", type=int, default=30, help="writers killed through the command line")
    parser.add_argument("--seed", type=int, default=20260315)
    parser.add_argument(
        "--max-acks", type=int, default=60, help="most entries a writer makes before its kill"
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="medjournal-soak-"))
    started = time.perf_counter()
    api = crash_writer.crash_loop(folder / "journal.db", args.kills, args.seed, args.max_acks)
    figures: dict[str, object] = {
        "api": {
            "kills": api.kills,
            "acknowledged": len(api.acknowledged),
            "lost": len(api.losses),
            "integrity_failures": api.integrity_failures,
            "committed_before_acknowledgement": api.unacknowledged_present,
            "writers_that_failed_on_their_own": api.unexpected_exits,
        },
    }
    if args.cli_kills:
        figures["cli"] = cli_kills(folder / "cli.db", args.cli_kills, args.seed)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["folder"] = str(folder)
    print(json.dumps(figures, indent=2))
    cli = figures.get("cli", {"lost": 0, "integrity_ok": 1})
    assert isinstance(cli, dict)
    failed = bool(
        api.losses
        or api.integrity_failures
        or api.unexpected_exits
        or cli["lost"]
        or not cli["integrity_ok"]
        or api.kills < args.kills
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
