"""Check that an installed wheel (not the editable source tree) is a working app with its icon.

    python packaging/check_installed_wheel.py               # build the wheel, install it in a new venv, check
    python packaging/check_installed_wheel.py --wheel FILE  # the same with a wheel built elsewhere
    python packaging/check_installed_wheel.py --inside      # only the checks, in this (fresh) environment

Without ``--inside`` it builds the sdist and from it the wheel with ``python -m build``, makes a throwaway
virtual environment, runs ``pip install <wheel>`` there (dependencies from the package index or pip's cache)
and runs itself with ``--inside`` in that environment, from a scratch folder and a throwaway HOME, so neither
the source tree nor the real home directory can help or be touched. The checks:

- ``medjournal`` is imported from the installed package, and so are its resources (icons, .desktop file);
- ``medjournal --version`` prints the version in pyproject.toml;
- ``medjournal demo`` writes a journal;
- the real window opens offscreen on that journal through ``medjournal.ui.app.run_window``, with its window
  icon set, and closes with exit code 0;
- ``medjournal --install-desktop`` writes a menu entry that starts this installation's ``medjournal-gui``;
- the documentation Help shows, every picture it shows, and the LICENSE are installed with the package.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, check=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def fail(message: str) -> NoReturn:
    print(f"Error: {message}", file=sys.stderr)
    raise SystemExit(1)


def script_path(name: str) -> Path:
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    fail(f"the {name} command was not installed next to {sys.executable}")


def check_documents(package: Path) -> Path:
    """The documentation Help shows is inside the installed package, with the German guide and every picture the
    documents show; the folder it is in."""
    from medjournal import manual

    docs = manual.docs_dir()
    if docs is None or package not in docs.parents:
        fail(f"the documentation Help shows was found in {docs}, not inside the installed package {package}")
    if "de" not in manual.guide_languages(docs):
        fail(f"the installed package has no German user guide in {docs} (docs/de/user-guide.md)")
    sys.path.insert(0, str(HERE))
    from doc_pictures import shown_pictures

    missing = [
        f"{page.relative_to(docs)}: {target}"
        for page, targets in shown_pictures(docs).items()
        for target in targets
        if not (page.parent / target).is_file()
    ]
    if missing:
        fail(f"documents of the installed package show pictures it does not carry: {', '.join(missing)}")
    return docs


def check_inside(scratch: Path) -> None:
    import medjournal
    from medjournal import desktop

    package = Path(medjournal.__file__).resolve().parent
    if ROOT in package.parents:
        fail(f"medjournal was imported from the source tree ({package}), not from an installed wheel")
    resources = desktop.resources_dir()
    if package not in resources.parents:
        fail(f"the resources were found in {resources}, outside the installed package {package}")
    icons = desktop.app_icon_paths()
    if len(icons) != len(desktop.ICON_SIZES):
        fail(f"the installed package has {len(icons)} of {len(desktop.ICON_SIZES)} icon sizes")
    from medjournal import manual

    docs = check_documents(package)
    from importlib import metadata

    if not any(file.name == "LICENSE" for file in metadata.distribution("medjournal").files or []):
        fail("the installed wheel carries no LICENSE file")
    print(
        f"ok: medjournal {medjournal.__version__} from {package} with {len(icons)} icon sizes, "
        f"{len(manual.pages())} documents (the user guide also in {', '.join(manual.guide_languages(docs))}) "
        "and its LICENSE"
    )

    command = script_path("medjournal")
    expected = f"medjournal, version {pyproject_version()}"
    printed = run([str(command), "--version"], capture_output=True).stdout.strip()
    if printed != expected:
        fail(f"`medjournal --version` printed {printed!r}, expected {expected!r}")
    print(f"ok: {printed}")

    journal = scratch / "journal.db"
    run([str(command), "--db", str(journal), "demo", "--days", "45"], capture_output=True)
    if not journal.is_file():
        fail("`medjournal demo` did not write a journal")
    print(f"ok: demo journal written ({journal.stat().st_size} bytes)")

    sys.path.insert(0, str(HERE))
    from smoke_window import smoke_window

    result = smoke_window(journal)
    print(f"window: {result}")
    if result["import_failures"]:
        fail(f"modules of the installed package do not import: {result['import_failures']}")
    if not result["shown"]:
        fail("the main window did not open offscreen")
    if not result["window_icon_set"]:
        fail("the main window has no icon")
    if 16 not in result["icon_sizes"]:
        fail(f"the window icon has sizes {result['icon_sizes']}, without the 16 px drawing")
    if result["exit_code"] != 0:
        fail(f"the window closed with exit code {result['exit_code']}")
    print(f"ok: window {result['title']!r} shown with its icon, {len(result['tabs'])} tabs, closed cleanly")

    data_home = scratch / "xdg-data"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    gui = script_path("medjournal-gui")
    run([str(command), "--install-desktop"], capture_output=True, env=env)
    entry = data_home / "applications" / f"{medjournal.APP_ID}.desktop"
    if not entry.is_file() or f"Exec={gui}" not in entry.read_text(encoding="utf-8"):
        fail(f"--install-desktop did not write a menu entry that starts {gui}")
    print(f"ok: menu entry {entry}")


def build_and_check(wheel: Path | None, keep: bool) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="medjournal-wheel-check-"))
    try:
        if wheel is None:
            # From the sdist, as `python -m build` does, of a clean copy of the tracked files
            # (packaging/clean_source.py): the sdist is shown to build a working wheel too.
            sys.path.insert(0, str(HERE))
            from clean_source import clean_copy

            source = clean_copy(scratch / "source")
            run([sys.executable, "-m", "build", "-q", "-o", str(scratch / "wheel"), str(source)])
            wheel = next((scratch / "wheel").glob("medjournal-*.whl"))
        venv = scratch / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel.resolve())])
        home = scratch / "home"
        home.mkdir()
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "MEDJOURNAL"))
        }
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local/share"),
            MEDJOURNAL_HOME=str(home / "mj"),
            QT_QPA_PLATFORM="offscreen",
            VIRTUAL_ENV=str(venv),
        )
        run(
            [str(python), str(Path(__file__).resolve()), "--inside", "--scratch", str(home)],
            cwd=home,
            env=env,
        )
        print(f"installed wheel check passed: {wheel.name}")
    finally:
        if keep:
            print(f"kept {scratch}")
        else:
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inside", action="store_true", help="only run the checks, in this environment")
    parser.add_argument("--scratch", type=Path, help="with --inside: a folder for the journal and menu entry")
    parser.add_argument("--wheel", type=Path, help="install this wheel instead of building one")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder and venv afterwards")
    args = parser.parse_args(argv)
    if args.inside:
        scratch = args.scratch or Path(tempfile.mkdtemp(prefix="medjournal-wheel-inside-"))
        # The window writes its log under MEDJOURNAL_HOME: keep it out of the caller's home.
        os.environ["MEDJOURNAL_HOME"] = str(scratch / "medjournal-home")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        check_inside(scratch)
        return 0
    build_and_check(args.wheel, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
