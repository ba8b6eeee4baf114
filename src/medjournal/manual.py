"""The documentation that ships inside the package, for Help to show offline.

The Markdown files of the repository's ``docs/`` folder are installed as ``medjournal/docs`` (pyproject's
package-dir mapping) and copied into the bundles, so Help needs no network and no web browser. No Qt here: the
window renders the text, this module only finds it.

The user guide is translated: ``docs/<language>/user-guide.md`` (``docs/de/user-guide.md``) is shown first, in
its place, when the window speaks that language. The other documents describe methods and formats in detail and
are in English only (docs/translating.md, "The documentation Help shows").
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

FIRST_PAGE = "user-guide.md"


@dataclass(frozen=True)
class Page:
    """One document: its file name and the title from its first ``# `` heading."""

    name: str
    title: str
    path: Path

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def docs_dir() -> Path | None:
    """The folder holding the Markdown documentation, or None if this installation has none.

    Tried in order: a PyInstaller bundle's data folder, the installed package (``medjournal/docs``) and the
    ``docs/`` folder of a source checkout (an editable install puts only ``src/`` on the path).
    """
    package = Path(__file__).resolve().parent
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "medjournal" / "docs")
    candidates += [package / "docs", package.parent.parent / "docs"]
    for candidate in candidates:
        if (candidate / FIRST_PAGE).is_file():
            return candidate
    return None


def _title(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# "):
                return line[2:].replace("`", "").strip()
    return path.stem.replace("-", " ").capitalize()


def guide_languages(folder: Path | None = None) -> list[str]:
    """The languages the user guide is translated into (besides English), e.g. ``['de']``."""
    folder = folder or docs_dir()
    if folder is None:
        return []
    return sorted(path.parent.name for path in folder.glob(f"*/{FIRST_PAGE}"))


def pages(folder: Path | None = None, language: str = "en") -> list[Page]:
    """Every document, the user guide first (in ``language`` where it is translated) and the rest by title.

    >>> [page.title for page in pages()][:1], [page.title for page in pages(language="de")][:1]
    (['Using medjournal'], ['medjournal benutzen'])
    """
    folder = folder or docs_dir()
    if folder is None:
        return []
    found = [Page(path.name, _title(path), path) for path in folder.glob("*.md")]
    translated = folder / language.split("_")[0] / FIRST_PAGE
    if translated.is_file():
        found = [page for page in found if page.name != FIRST_PAGE]
        found.append(Page(FIRST_PAGE, _title(translated), translated))
    return sorted(found, key=lambda page: (page.name != FIRST_PAGE, page.title.lower()))


def page_named(name: str, folder: Path | None = None, language: str = "en") -> Page | None:
    """The document a relative link such as ``data-safety.md#backups`` points at, if it ships."""
    wanted = name.split("#", 1)[0].rsplit("/", 1)[-1]
    return next((page for page in pages(folder, language) if page.name == wanted), None)
