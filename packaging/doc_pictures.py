"""The pictures the shipped documents show: Help shows them from the package, so the wheel, the sdist and the
bundles must carry each one (checked by check_installed_wheel.py and check_sdist.py; the bundle's spec adds them)."""

from __future__ import annotations

import re
from pathlib import Path

# ![words](path) or <img src="path"> in a Markdown document.
PICTURE = re.compile(r'!\[[^\]]*\]\(([^)\s]+)\)|<img\s[^>]*src="([^"]+)"')


# Code, fenced or inline, shows its text as written: an image's syntax in it is not a picture.
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def pictures(markdown: str) -> list[str]:
    """The paths of the pictures a Markdown document shows (web addresses are not the package's to carry).

    >>> pictures('![Trends](screenshots/a.png) and `![…](screenshots/…)` <img src="b.png">')
    ['screenshots/a.png', 'b.png']
    """
    found = [match.group(1) or match.group(2) for match in PICTURE.finditer(CODE.sub("", markdown))]
    return [path for path in found if "://" not in path]


def shown_pictures(docs: Path) -> dict[Path, list[str]]:
    """Each document under ``docs`` (the user guide's translations included) with the pictures it shows."""
    pages = sorted([*docs.glob("*.md"), *docs.glob("*/user-guide.md")])
    return {page: found for page in pages if (found := pictures(page.read_text(encoding="utf-8")))}
