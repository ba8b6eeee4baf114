"""Start at login on Linux, Windows and macOS, each exercised here through stand-ins for the OS calls."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from medjournal.autostart import (
    RUN_KEY,
    RUN_VALUE,
    autostart_file,
    launch_agent_file,
    set_start_at_login,
)

COMMAND = ["/home/Zoë Müller/my apps/bin/medjournal-gui"]


def test_linux_writes_and_removes_an_xdg_autostart_entry(tmp_path: Path) -> None:
    config = tmp_path / "config"
    environ = {"XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)}
    path = set_start_at_login(True, environ, platform="linux", command=COMMAND)
    assert path == config / "autostart" / "org.medjournal.MedJournal.desktop" == autostart_file(environ)
    assert isinstance(path, Path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]")
    assert '\nExec="/home/Zoë Müller/my apps/bin/medjournal-gui"\n' in text
    assert "X-GNOME-Autostart-enabled=true" in text
    assert path.stat().st_mode & 0o777 == 0o600
    validator = shutil.which("desktop-file-validate")
    if validator:
        output = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
        errors = [line for line in (output.stdout + output.stderr).splitlines() if "error" in line.lower()]
        assert errors == []
    assert set_start_at_login(False, environ, platform="linux", command=COMMAND) == path
    assert not path.exists()
    assert set_start_at_login(False, environ, platform="linux", command=COMMAND) == path  # already off
    assert autostart_file({"XDG_CONFIG_HOME": "relative", "HOME": str(tmp_path)}) == (
        tmp_path / ".config" / "autostart" / "org.medjournal.MedJournal.desktop"
    )


def test_macos_writes_a_launch_agent_that_runs_at_load(tmp_path: Path) -> None:
    environ = {"HOME": str(tmp_path / "Zoë")}
    path = set_start_at_login(True, environ, platform="darwin", command=COMMAND)
    assert path == launch_agent_file(environ)
    assert path == tmp_path / "Zoë" / "Library" / "LaunchAgents" / "org.medjournal.MedJournal.plist"
    assert isinstance(path, Path)
    agent = plistlib.loads(path.read_bytes())
    assert agent == {"Label": "org.medjournal.MedJournal", "ProgramArguments": COMMAND, "RunAtLoad": True}
    set_start_at_login(False, environ, platform="darwin", command=COMMAND)
    assert not path.exists()


class FakeRegistry:
    """What winreg does for a per-user Run value, recorded."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.open_keys = 0

    def CreateKeyEx(self, key: Any, sub_key: str, reserved: int, access: int) -> Any:
        assert (key, reserved, access) == ("HKCU", 0, 2)
        self.open_keys += 1
        return sub_key

    def SetValueEx(self, key: Any, name: str, reserved: int, kind: int, value: str) -> None:
        assert kind == self.REG_SZ
        self.values[(key, name)] = value

    def DeleteValue(self, key: Any, name: str) -> None:
        if (key, name) not in self.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.values[(key, name)]

    def CloseKey(self, key: Any) -> None:
        self.open_keys -= 1


def test_windows_sets_and_removes_the_run_value_with_a_quoted_command() -> None:
    registry = FakeRegistry()
    command = [r"C:\Program Files\medjournal\medjournal-gui.exe"]
    where = set_start_at_login(True, platform="win32", command=command, registry=registry)
    assert where == rf"HKEY_CURRENT_USER\{RUN_KEY}\{RUN_VALUE}"
    assert registry.values == {(RUN_KEY, "medjournal"): r'"C:\Program Files\medjournal\medjournal-gui.exe"'}
    set_start_at_login(False, platform="win32", command=command, registry=registry)
    assert registry.values == {}
    set_start_at_login(False, platform="win32", command=command, registry=registry)  # already off: fine
    assert registry.open_keys == 0


def test_a_file_in_the_way_is_reported_not_hidden(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("not a folder")
    with pytest.raises(OSError):
        set_start_at_login(
            True, {"XDG_CONFIG_HOME": str(tmp_path / "config")}, platform="linux", command=COMMAND
        )
