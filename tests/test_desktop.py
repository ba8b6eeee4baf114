"""Desktop integration: the shipped icon and menu files, --install-desktop and --uninstall-desktop."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from medjournal import APP_ID, desktop

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
sys.path.insert(0, str(ROOT / "packaging"))

import make_icons  # noqa: E402  (packaging/ is not a package)

COMMAND = ["/opt/med journal/bin/medjournal"]


def png_size(path: Path) -> tuple[int, int]:
    return make_icons.png_dimensions(path.read_bytes())


def desktop_keys(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def validator_problems(path: Path) -> list[str]:
    output = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    return [
        line for line in (output.stdout + output.stderr).splitlines() if re.search(r"(error|warning):", line)
    ]


# --- the shipped files ---


def test_every_icon_size_is_shipped_with_its_pixel_size() -> None:
    paths = desktop.app_icon_paths()
    assert [png_size(path) for path in paths] == [(size, size) for size in desktop.ICON_SIZES]
    assert desktop.app_icon_path() == paths[-1]
    assert png_size(paths[-1]) == (512, 512)


def test_generated_icons_are_complete() -> None:
    assert make_icons.check() == []


def test_ico_and_icns_hold_png_images_of_each_size() -> None:
    pngs = {
        size: struct.pack(">8sI4sII", b"\x89PNG\r\n\x1a\n", 13, b"IHDR", size, size)
        for size in {16, 24, 32, 48, 64, 128, 256, 512, 1024}
    }
    ico = make_icons.build_ico({size: pngs[size] for size in make_icons.ICO_SIZES})
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    first_width, _, _, _, _, bits, length, offset = struct.unpack("<BBBBHHII", ico[6:22])
    assert (first_width, bits) == (16, 32)
    assert ico[offset : offset + length] == pngs[16]
    last = struct.unpack("<BBBBHHII", ico[6 + 16 * (count - 1) : 6 + 16 * count])
    assert last[0] == 0  # 256 px is written as 0

    icns = make_icons.build_icns(pngs)
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4" and icns[16 : 16 + len(pngs[16])] == pngs[16]
    assert b"ic10" in icns and b"ic14" in icns


def test_desktop_entry_names_the_icon_and_the_command() -> None:
    keys = desktop_keys((desktop.resources_dir() / desktop.DESKTOP_FILENAME).read_text(encoding="utf-8"))
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == "medjournal-gui" == keys["TryExec"]
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    assert {"Office", "MedicalSoftware"} <= set(keys["Categories"].split(";"))


def test_metainfo_agrees_with_pyproject() -> None:
    tree = ElementTree.parse(desktop.resources_dir() / desktop.METAINFO_FILENAME).getroot()
    assert tree.findtext("id") == APP_ID
    assert tree.findtext("launchable") == desktop.DESKTOP_FILENAME
    releases = [release.get("version") for release in tree.iter("release")]
    assert releases[0] == PYPROJECT["project"]["version"]
    rating = tree.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    assert {binary.text for binary in tree.iter("binary")} == set(PYPROJECT["project"]["scripts"]) | set(
        PYPROJECT["project"]["gui-scripts"]
    )
    assert "MedicalSoftware" in {category.text for category in tree.iter("category")}


def test_no_placeholder_address_ships() -> None:
    """The project has no web site yet: an element is left out rather than pointed at a made-up address."""
    shipped = [ROOT / "pyproject.toml", *(ROOT / "resources").glob("*.*"), *(ROOT / "src").rglob("*.py")]
    shipped += list((ROOT / "docs").glob("*.md"))
    offenders = [
        str(path.relative_to(ROOT))
        for path in shipped
        if re.search(r"https?://[^\s\"'<>]*\.(example|invalid)\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert "urls" not in PYPROJECT["project"]


def test_the_licence_ships_with_the_source_and_the_wheel() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3, 29 June 2007" in licence
    assert PYPROJECT["project"]["license"] == "GPL-3.0-or-later"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    # PEP 639 licence expressions with license-files need setuptools 77.
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]


def test_every_package_is_listed_for_the_wheel() -> None:
    """setuptools packages are listed by hand (resources/ lives outside src/); a new package must be added."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts) for init in (ROOT / "src").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["medjournal.resources"] == "resources"


# --- --install-desktop / --uninstall-desktop ---


def installed_files(home: Path) -> set[str]:
    return {str(path.relative_to(home)) for path in home.rglob("*") if path.is_file()}


def test_install_writes_entry_and_icons_that_start_this_installation(tmp_path: Path) -> None:
    lines = desktop.install_desktop(tmp_path, COMMAND)

    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    keys = desktop_keys(entry.read_text(encoding="utf-8"))
    assert keys["Exec"] == '"/opt/med journal/bin/medjournal"'
    assert keys["TryExec"] == "/opt/med journal/bin/medjournal"
    assert keys["Icon"] == APP_ID
    for size in desktop.ICON_SIZES:
        icon = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon) == (size, size)
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert len(installed_files(tmp_path)) == len(desktop.ICON_SIZES) + 2
    assert any(str(entry) in line for line in lines)
    assert any("9 written" in line for line in lines)


def test_install_again_changes_nothing(tmp_path: Path) -> None:
    desktop.install_desktop(tmp_path, COMMAND)
    before = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}
    lines = desktop.install_desktop(tmp_path, COMMAND)
    after = {path: path.stat().st_mtime_ns for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before
    assert lines[-1] == "Nothing changed."


def test_install_repairs_a_damaged_icon_and_follows_a_moved_command(tmp_path: Path) -> None:
    desktop.install_desktop(tmp_path, COMMAND)
    icon = tmp_path / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
    icon.write_bytes(b"not a png")
    lines = desktop.install_desktop(tmp_path, ["/usr/local/bin/medjournal"])
    assert png_size(icon) == (48, 48)
    assert any("1 written" in line for line in lines)
    keys = desktop_keys((tmp_path / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert keys["Exec"] == "/usr/local/bin/medjournal"


def test_uninstall_removes_only_what_install_wrote(tmp_path: Path) -> None:
    other_entry = tmp_path / "applications" / "other.desktop"
    other_icon = tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    for path in (other_entry, other_icon):
        path.parent.mkdir(parents=True)
        path.write_text("keep me")
    desktop.install_desktop(tmp_path, COMMAND)

    lines = desktop.uninstall_desktop(tmp_path)

    assert installed_files(tmp_path) == {"applications/other.desktop", "icons/hicolor/48x48/apps/other.png"}
    assert lines == [f"Removed the menu entry and icons (10 files) from {tmp_path}."]
    again = desktop.uninstall_desktop(tmp_path)
    assert again == ["MedJournal was not in your application menu; nothing to remove."]


def test_command_line_flags_use_xdg_data_home(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))

    result = run_cli("--install-desktop")

    assert result.exit_code == 0, result.output
    assert "MedJournal is now in your application menu" in result.output
    entry = data_home / "applications" / f"{APP_ID}.desktop"
    exec_line = desktop_keys(entry.read_text(encoding="utf-8"))["Exec"]
    assert exec_line == desktop._exec_value(desktop.launcher_command())
    assert not run_cli.db.exists()  # installing the menu entry opens no journal

    result = run_cli("--uninstall-desktop")
    assert result.exit_code == 0, result.output
    assert not entry.exists()


def test_xdg_data_home_follows_the_spec(tmp_path: Path) -> None:
    assert desktop.xdg_data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/home/x"}) == tmp_path
    assert desktop.xdg_data_home({"XDG_DATA_HOME": "relative/dir", "HOME": "/home/x"}) == Path(
        "/home/x/.local/share"
    )
    assert desktop.xdg_data_home({"HOME": "/home/x"}) == Path("/home/x/.local/share")


def test_launcher_of_a_bundle_is_its_executable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "medjournal"
    bundle.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert desktop.launcher_command() == [str(bundle)]


def test_launcher_prefers_the_gui_script_beside_python(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The menu entry starts ``medjournal-gui`` (no console window on Windows) when the install has it."""
    scripts = tmp_path / "my venv ü" / "bin"
    scripts.mkdir(parents=True)
    for name in ("python3", "medjournal", "medjournal-gui"):
        (scripts / name).write_text("")
    monkeypatch.setattr(sys, "executable", str(scripts / "python3"))
    assert desktop.launcher_command() == [str(scripts / "medjournal-gui")]
    (scripts / "medjournal-gui").unlink()
    assert desktop.launcher_command() == [str(scripts / "medjournal")]
    exec_line = desktop._exec_value(desktop.launcher_command())
    assert exec_line == f'"{scripts / "medjournal"}"'


def test_launcher_falls_back_to_python_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    python = tmp_path / "bin" / "python3"
    python.parent.mkdir()
    python.write_text("")
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert desktop.launcher_command() == [str(python), "-m", "medjournal"]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["/usr/bin/medjournal"], "/usr/bin/medjournal"),
        (["/opt/a b/medjournal"], '"/opt/a b/medjournal"'),
        (["/opt/$x/medjournal"], '"/opt/\\\\$x/medjournal"'),
        (["/opt/100%/medjournal"], "/opt/100%%/medjournal"),
        (["/usr/bin/python3", "-m", "medjournal"], "/usr/bin/python3 -m medjournal"),
    ],
)
def test_exec_line_is_quoted_as_the_desktop_entry_spec_says(command: list[str], expected: str) -> None:
    assert desktop._exec_value(command) == expected


needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)


@needs_validator
def test_installed_entry_with_an_awkward_path_is_valid(tmp_path: Path) -> None:
    desktop.install_desktop(tmp_path, ['/home/a b/$HOME\'s "venv"/bin/medjournal'])
    assert validator_problems(tmp_path / "applications" / f"{APP_ID}.desktop") == []


@needs_validator
@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_check_desktop_script_passes_the_shipped_files_and_fails_a_broken_copy(tmp_path: Path) -> None:
    script = ROOT / "packaging" / "check_desktop.sh"
    good = subprocess.run(["bash", str(script)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr

    broken = tmp_path / f"{APP_ID}.desktop"
    text = (ROOT / "resources" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    broken.write_text(text.replace("Version=1.4", "Version=7"), encoding="utf-8")
    bad = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, env={**os.environ, "DESKTOP_FILE": str(broken)}
    )
    assert bad.returncode == 1
    assert "is not a known version" in bad.stdout


def test_version_comes_from_pyproject(run_cli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"medjournal, version {PYPROJECT['project']['version']}"
