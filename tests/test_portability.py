"""Windows and macOS: no platform-only strftime directives, and hard crashes leave a trace in the log folder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# glibc-only directives: Windows' C library raises ValueError on them (macOS lacks some too).
NON_PORTABLE = re.compile(r"%(-[a-zA-Z]|[ekl]\b|P\b|[kl](?=[^a-zA-Z]))")


def test_no_platform_only_strftime_directives() -> None:
    offenders = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "strftime" in line or "strptime" in line:
                for literal in re.findall(r"""(['"])(.*?)\1""", line):
                    if NON_PORTABLE.search(literal[1]):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {literal[1]}")
    assert offenders == []


def test_the_scan_catches_what_it_looks_for() -> None:
    for directive in ("%-d", "%e", "%k", "%l", "%P", "%-I"):
        assert NON_PORTABLE.search(f"%A {directive} %B"), directive
    for portable in ("%A %d %B", "%H:%M", "%Y-%m-%d", "%I:%M %p"):
        assert not NON_PORTABLE.search(portable), portable


def test_a_hard_crash_writes_its_stack_to_the_log_folder(tmp_path: Path) -> None:
    logs = tmp_path / "logs with space ü"
    code = (
        "import os, sys; from pathlib import Path; from medjournal.crashlog import enable_crash_log; "
        "print(enable_crash_log(Path(sys.argv[1]))); sys.stdout.flush(); os.abort()"
    )
    result = subprocess.run([sys.executable, "-c", code, str(logs)], capture_output=True, text=True)
    assert result.returncode != 0
    crash = logs / "crash.log"
    assert result.stdout.strip() == str(crash)
    text = crash.read_text(encoding="utf-8")
    assert "Fatal Python error: Aborted" in text and "<string>" in text
    if sys.platform != "win32":
        assert crash.stat().st_mode & 0o777 == 0o600


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path) -> None:
    from medjournal.crashlog import enable_crash_log

    blocker = tmp_path / "not a folder"
    blocker.write_text("")
    assert enable_crash_log(blocker / "logs") is None
