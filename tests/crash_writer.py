"""The child process of the crash test: records entries one by one and reports each acknowledged one.

    python tests/crash_writer.py JOURNAL START [COUNT]      entries START, START+1, ... via the Journal API
    python tests/crash_writer.py JOURNAL --cli START COUNT [PASSPHRASE_FILE]
                                                            the same through the command line (in-process)
    python tests/crash_writer.py JOURNAL --serve            a fork server, for fast crash loops (see below)

Each acknowledged entry is printed as ``ack TABLE ID N`` (flushed) only after the Journal API returned it,
i.e. after its transaction committed. The parent kills the writer with SIGKILL at random moments and then
checks that every acknowledged entry is in the journal.

``--serve`` starts one Python with medjournal already imported; for each line ``go START`` read on stdin it
forks a writer, which prints ``pid PID`` and then its acks; when that writer ends (it is killed) the server
prints ``done STATUS``. Forking a process that has no thread and no open database is safe, and makes a kill
cost milliseconds instead of a Python start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

KINDS = ("checkins", "side_effects", "treatments")


def note_for(number: int) -> str:
    return f"crash-test entry {number}"


def write_entries(path: Path, start: int, count: int | None = None) -> None:
    from medjournal.storage import open_journal

    journal = open_journal(path)
    if not journal.medications():
        journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-01-01", stock_units=10**6)
    number = start
    while count is None or number < start + count:
        kind = KINDS[number % len(KINDS)]
        if kind == "checkins":
            entry_id = journal.add_checkin(pain=number % 11, mood=5, note=note_for(number)).id
        elif kind == "side_effects":
            entry_id = journal.add_side_effect("nausea", number % 4, note=note_for(number)).id
        else:
            entry_id = journal.add_treatment("exercise", minutes=number % 90 + 1, note=note_for(number)).id
        if number % 7 == 0:
            journal.record_dose("Duloxetine", note="crash-test")  # a two-statement transaction (stock, log)
        sys.stdout.write(f"ack {kind} {entry_id} {number}\n")
        sys.stdout.flush()
        number += 1
    journal.close()


def write_entries_through_cli(path: Path, start: int, count: int, passphrase_file: str | None = None) -> None:
    """``passphrase_file``: given to every command (an encrypted journal's passphrase; a plain one ignores it)."""
    from medjournal.cli import cli, register_commands

    register_commands()
    secret = ["--passphrase-file", passphrase_file] if passphrase_file else []
    for number in range(start, start + count):
        try:
            cli.main(
                [
                    "--db",
                    str(path),
                    *secret,
                    "treatment",
                    "exercise",
                    "--minutes",
                    str(number % 90 + 1),
                    "--note",
                    note_for(number),
                ],
                prog_name="medjournal",
                standalone_mode=False,
            )
        except SystemExit as exc:  # pragma: no cover - a failure is reported, and the parent sees the gap
            if exc.code not in (0, None):
                raise
        sys.stdout.write(f"ack treatments ? {number}\n")
        sys.stdout.flush()


def serve(path: Path) -> None:
    import medjournal.storage.journal  # noqa: F401  (imported once, before forking)
    from medjournal.storage import cipher

    if cipher.looks_encrypted(path):  # an encrypted journal: its passphrase is the first line on stdin
        cipher.unlock(path, sys.stdin.readline().rstrip("\n"))

    for line in sys.stdin:
        words = line.split()
        if not words or words[0] != "go":
            break
        start = int(words[1])
        pid = os.fork()
        if pid == 0:
            try:
                sys.stdout.write(f"pid {os.getpid()}\n")
                sys.stdout.flush()
                write_entries(path, start)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(f"done {status}\n")
        sys.stdout.flush()


# -- the parent's side, shared by tests/test_reliability_crash.py and benchmarks/crash_soak.py ---------


class CrashResult:
    """Figures of one crash loop."""

    def __init__(self) -> None:
        self.kills = 0
        self.acknowledged: dict[int, tuple[str, int]] = {}  # entry number -> (table, id)
        self.losses: list[int] = []
        self.integrity_failures = 0
        self.unacknowledged_present = 0
        self.unexpected_exits = 0  # writers that ended by themselves (an error) instead of being killed

    def __str__(self) -> str:
        return (
            f"{self.kills} kills, {len(self.acknowledged)} acknowledged entries, "
            f"{len(self.losses)} lost, "
            f"{self.integrity_failures} integrity failures, {self.unacknowledged_present} entries "
            "committed but killed before their acknowledgement, "
            f"{self.unexpected_exits} writers that stopped by themselves"
        )


def check_journal(path: Path, result: CrashResult) -> None:
    """integrity_check must be ok and every acknowledged entry present with its content."""

    from medjournal.storage.database import inspect_file

    if inspect_file(path, thorough=True) is not None:
        result.integrity_failures += 1
        return
    from medjournal.storage import cipher

    conn = cipher.connect(str(path), path)  # an encrypted journal: the key this process holds
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            result.integrity_failures += 1
        present: dict[str, dict[int, str]] = {}
        for table in KINDS:
            rows = conn.execute(f"SELECT id, note FROM {table} WHERE note LIKE 'crash-test entry %'")
            present[table] = dict(rows)
    finally:
        conn.close()
    result.losses = [
        number
        for number, (table, entry_id) in result.acknowledged.items()
        if present[table].get(entry_id) != note_for(number)
    ]
    result.unacknowledged_present = sum(len(rows) for rows in present.values()) - len(result.acknowledged)


def crash_loop(
    path: Path, kills: int, seed: int, max_acks: int = 30, passphrase: str | None = None
) -> CrashResult:
    """Start writers and SIGKILL each at a random moment, ``kills`` times, checking the journal after each."""
    import random
    import signal
    import subprocess
    import time

    rng = random.Random(seed)
    result = CrashResult()
    server = subprocess.Popen(
        [sys.executable, __file__, str(path), "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert server.stdin is not None and server.stdout is not None
    if passphrase is not None:
        server.stdin.write(passphrase + "\n")
    next_number = 0
    try:
        for _ in range(kills):
            server.stdin.write(f"go {next_number}\n")
            server.stdin.flush()
            pid = 0
            target = rng.randint(0, max_acks)
            seen = 0
            for line in server.stdout:
                words = line.split()
                if words[0] == "pid":
                    pid = int(words[1])
                    if target == 0:
                        time.sleep(rng.uniform(0, 0.05))  # often during opening, migration or a backup
                        os.kill(pid, signal.SIGKILL)
                elif words[0] == "ack":
                    number = int(words[3])
                    result.acknowledged[number] = (words[1], int(words[2]))
                    next_number = max(next_number, number + 1)
                    seen += 1
                    if seen == target:
                        # Right away, or a moment later: inside the next transaction, or just after it.
                        time.sleep(rng.choice([0.0, rng.uniform(0, 0.0005), rng.uniform(0, 0.004)]))
                        os.kill(pid, signal.SIGKILL)
                elif words[0] == "done":
                    status = int(words[1])
                    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                        result.unexpected_exits += 1
                    break
            result.kills += 1
            next_number += 1  # the entry being written when killed may be in the journal, unacknowledged
            check_journal(path, result)
            if result.losses or result.integrity_failures or result.unexpected_exits:
                break
    finally:
        server.stdin.close()
        server.wait(timeout=60)
    return result


def main(argv: list[str]) -> None:
    path = Path(argv[1])
    if argv[2] == "--serve":
        serve(path)
    elif argv[2] == "--cli":
        write_entries_through_cli(path, int(argv[3]), int(argv[4]), argv[5] if len(argv) > 5 else None)
    else:
        write_entries(path, int(argv[2]), int(argv[3]) if len(argv) > 3 else None)


if __name__ == "__main__":
    main(sys.argv)
