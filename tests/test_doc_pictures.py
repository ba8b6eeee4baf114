"""The pictures the shipped documents show (packaging/doc_pictures.py): the wheel, the sdist and the bundle carry
each one, and an image's syntax written as code in a document is not one (docs/packaging.md)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from doc_pictures import pictures, shown_pictures  # noqa: E402


def test_code_showing_an_images_syntax_is_not_a_picture() -> None:
    text = 'See ![Trends](screenshots/a.png).\n\n```\n![x](b.png)\n```\nand `![…](screenshots/…)`, <img src="c.png">'
    assert pictures(text) == ["screenshots/a.png", "c.png"]


def test_web_addresses_are_not_the_packages_to_carry() -> None:
    assert pictures("![logo](https://example.org/logo.png)") == []


def test_every_picture_a_document_shows_is_in_the_repository() -> None:
    shown = shown_pictures(ROOT / "docs")
    assert shown, "docs/trends.md shows screenshots; the reader found none"
    missing = [
        f"{page.name}: {t}"
        for page, targets in shown.items()
        for t in targets
        if not (page.parent / t).is_file()
    ]
    assert missing == []
