"""Start at login, the way each desktop expects it. No Qt: the window's setting calls ``set_start_at_login``.

- Linux and other freedesktop systems: an XDG autostart entry, ``$XDG_CONFIG_HOME/autostart/<app id>.desktop``.
- Windows: a value named after the app under ``HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``
  (per user, no administrator rights), holding the quoted command that starts this installation.
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/<app id>.plist`` with ``RunAtLoad``, which launchd reads at the
  next login.

The operating system calls are reached through small seams (``environ``, ``platform``, ``registry``) so tests can
exercise the logic for every system on any system.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from medjournal import APP_ID

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "medjournal"


class Registry(Protocol):
    """The part of ``winreg`` used here (a stand-in in tests)."""

    HKEY_CURRENT_USER: Any
    KEY_SET_VALUE: int
    REG_SZ: int

    def CreateKeyEx(self, key: Any, sub_key: str, reserved: int, access: int) -> Any: ...

    def SetValueEx(self, key: Any, name: str, reserved: int, kind: int, value: str) -> None: ...

    def DeleteValue(self, key: Any, name: str) -> None: ...

    def CloseKey(self, key: Any) -> None: ...


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def autostart_file(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/autostart/<app id>.desktop`` (``~/.config`` when unset or relative)."""
    env = os.environ if environ is None else environ
    config = env.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else _home(env) / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def launch_agent_file(environ: Mapping[str, str] | None = None) -> Path:
    """``~/Library/LaunchAgents/<app id>.plist``."""
    env = os.environ if environ is None else environ
    return _home(env) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def autostart_entry(command: list[str] | None = None) -> str:
    """The app's menu entry, starting this installation, marked for GNOME's autostart."""
    from medjournal import desktop

    command = command or desktop.launcher_command()
    try:
        text = desktop.desktop_entry_text(command)
    except FileNotFoundError:
        text = (
            "[Desktop Entry]\nType=Application\nName=medjournal\n"
            "Comment=Private, offline medication journal\n"
            f"Exec={desktop._exec_value(command)}\nTerminal=false\n"
        )
    return text + "X-GNOME-Autostart-enabled=true\n"


def launch_agent(command: list[str]) -> bytes:
    """A LaunchAgent property list that runs ``command`` once at login."""
    return plistlib.dumps({"Label": APP_ID, "ProgramArguments": command, "RunAtLoad": True})


def windows_run_command(command: list[str]) -> str:
    """The Run value: every argument quoted, so a path with spaces (``C:\\Program Files``) stays one argument."""
    return " ".join(f'"{part}"' for part in command)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def _set_windows(enabled: bool, command: list[str], registry: Registry | None) -> str:
    if registry is None:
        import winreg  # only on Windows

        registry = winreg  # type: ignore[assignment]
    assert registry is not None
    key = registry.CreateKeyEx(registry.HKEY_CURRENT_USER, RUN_KEY, 0, registry.KEY_SET_VALUE)
    try:
        if enabled:
            registry.SetValueEx(key, RUN_VALUE, 0, registry.REG_SZ, windows_run_command(command))
        else:
            with contextlib.suppress(FileNotFoundError):  # already off
                registry.DeleteValue(key, RUN_VALUE)
    finally:
        registry.CloseKey(key)
    return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"


def set_start_at_login(
    enabled: bool,
    environ: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    command: list[str] | None = None,
    registry: Registry | None = None,
) -> Path | str:
    """Turn starting at login on or off. Returns where it is recorded: a file, or on Windows the registry
    value's name. Turning it off when it is already off is fine."""
    platform = sys.platform if platform is None else platform
    if command is None:
        from medjournal import desktop

        command = desktop.launcher_command()
    if platform == "win32":
        return _set_windows(enabled, command, registry)
    path = launch_agent_file(environ) if platform == "darwin" else autostart_file(environ)
    if enabled:
        data = launch_agent(command) if platform == "darwin" else autostart_entry(command).encode("utf-8")
        _write_private(path, data)
    else:
        path.unlink(missing_ok=True)
    return path
