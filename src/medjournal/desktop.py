"""Desktop integration: the app icon for the window, and the menu entry for ``medjournal --install-desktop``.

The icon, the ``.desktop`` entry and the AppStream metainfo live in the top-level ``resources/`` folder,
which the wheel installs as the package ``medjournal.resources``. This module finds that folder wherever
the app runs from (an installed wheel, a source checkout, a PyInstaller bundle) and, on request, copies the
menu entry and the icons into the user's XDG data directory (``$XDG_DATA_HOME``, default ``~/.local/share``)
where every freedesktop menu (GNOME, KDE, Xfce, ...) looks for them.

No Qt at import time: the command line imports this module. The window sets its icon with ``app_icon()``, or::

    icon = QIcon()
    for path in app_icon_paths():
        icon.addFile(str(path))
    app.setWindowIcon(icon)
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from importlib import resources as importlib_resources
from pathlib import Path

from medjournal import APP_ID

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILENAME = f"{APP_ID}.desktop"
METAINFO_FILENAME = f"{APP_ID}.metainfo.xml"


def resources_dir() -> Path:
    """The folder holding the icons, the .desktop entry and the metainfo.

    Tried in order: a PyInstaller bundle's data folder, the installed package ``medjournal.resources``, and
    the ``resources/`` folder of a source checkout (an editable install only puts ``src/`` on the path).
    """
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "medjournal" / "resources")
    with contextlib.suppress(ModuleNotFoundError):
        candidates.append(Path(str(importlib_resources.files("medjournal.resources"))))
    candidates.append(Path(__file__).resolve().parent.parent.parent / "resources")
    for candidate in candidates:
        if (candidate / DESKTOP_FILENAME).is_file():
            return candidate
    looked_in = ", ".join(map(str, candidates))
    raise FileNotFoundError(f"The app's resources were not found (looked in {looked_in}).")


def app_icon_paths() -> list[Path]:
    """Every raster size of the app icon, smallest first (for ``QIcon.addFile``); empty if missing."""
    try:
        base = resources_dir() / "icons" / "hicolor"
    except FileNotFoundError:
        return []
    paths = [base / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES]
    return [path for path in paths if path.is_file()]


def app_icon_path() -> Path | None:
    """The largest raster icon (256 px or more), or None if the resources are missing."""
    paths = app_icon_paths()
    return paths[-1] if paths else None


def app_icon() -> object:
    """The app icon as a ``QIcon`` with every size (imports Qt, so only the window should call it)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in app_icon_paths():
        icon.addFile(str(path))
    return icon


def xdg_data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (as the spec requires), else ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    home = env.get("HOME")
    return (Path(home) if home else Path.home()) / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts this very installation of the app, for the menu entry's Exec line.

    A bundle starts its own executable; a pip install starts the ``medjournal-gui`` script (no console window
    on Windows) or else the ``medjournal`` script beside its Python (a venv need not be on PATH); failing
    those, this Python runs ``-m medjournal``.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    scripts = Path(sys.executable).parent
    for name in ("medjournal-gui", "medjournal-gui.exe", "medjournal", "medjournal.exe"):
        if (scripts / name).is_file():
            return [str(scripts / name)]
    for name in ("medjournal-gui", "medjournal"):
        found = shutil.which(name)
        if found:
            return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "medjournal"]


def _exec_value(command: list[str]) -> str:
    """Quote an argument list for an Exec key (Desktop Entry spec: double quotes, with \\ " ` $ escaped)."""
    quoted = []
    for arg in command:
        if arg and not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`"):
            quoted.append(arg)
        else:
            escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
            quoted.append(f'"{escaped}"')
    # Inside a desktop file a literal backslash must itself be escaped once more, and % must be doubled.
    return " ".join(quoted).replace("\\", "\\\\").replace("%", "%%")


def desktop_entry_text(command: list[str]) -> str:
    """The shipped .desktop entry with Exec and TryExec pointing at ``command`` (an absolute path)."""
    lines = []
    for line in (resources_dir() / DESKTOP_FILENAME).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + _exec_value(command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _icon_files(data_home: Path) -> list[tuple[str, Path]]:
    """(path inside the hicolor theme, destination under data_home) for every icon the menu entry uses."""
    icons = data_home / "icons" / "hicolor"
    names = [f"{size}x{size}/apps/{APP_ID}.png" for size in ICON_SIZES] + [f"scalable/apps/{APP_ID}.svg"]
    return [(name, icons / name) for name in names]


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def install_desktop(data_home: Path | None = None, command: list[str] | None = None) -> list[str]:
    """Put the menu entry and the icons into the user's data directory; running it again changes nothing.

    Returns the lines to print. ``data_home`` and ``command`` default to ``xdg_data_home()`` and
    ``launcher_command()``; tests pass their own.
    """
    home = data_home if data_home is not None else xdg_data_home()
    launch = command if command is not None else launcher_command()
    source = resources_dir() / "icons" / "hicolor"
    changed = 0
    for name, destination in _icon_files(home):
        changed += _write_if_changed(destination, (source / name).read_bytes())
    entry = home / "applications" / DESKTOP_FILENAME
    entry_changed = _write_if_changed(entry, desktop_entry_text(launch).encode("utf-8"))
    _touch(home / "icons" / "hicolor")
    if not changed and not entry_changed:
        return [f"MedJournal is already in your application menu ({entry}).", "Nothing changed."]
    return [
        f"Menu entry: {entry}",
        f"Icons: {changed} written under {home / 'icons' / 'hicolor'}",
        f"MedJournal is now in your application menu; it starts: {shlex.join(launch)}",
        "Some desktops show it only after you log out and back in.",
    ]


def uninstall_desktop(data_home: Path | None = None) -> list[str]:
    """Remove the menu entry and the icons that ``install_desktop`` wrote; nothing else is touched."""
    home = data_home if data_home is not None else xdg_data_home()
    entry = home / "applications" / DESKTOP_FILENAME
    targets = [entry] + [destination for _, destination in _icon_files(home)]
    removed = 0
    for target in targets:
        if target.is_file():
            target.unlink()
            removed += 1
    if not removed:
        return ["MedJournal was not in your application menu; nothing to remove."]
    _touch(home / "icons" / "hicolor")
    return [f"Removed the menu entry and icons ({removed} files) from {home}."]


def _touch(folder: Path) -> None:
    """Newer folder time tells icon caches (GTK, KDE) to look again; harmless where there is no cache."""
    if folder.is_dir():
        os.utime(folder)
