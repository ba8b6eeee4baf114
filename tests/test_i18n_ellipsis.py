"""An ellipsis that ends a button's or a menu's text ("Open…", "Öffnen…") follows its word without a space, in
the source and in every translation, as in every other "…" of the window (docs/translating.md, "Ellipses")."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "medjournal" / "locale"
SPACED_AT_END = re.compile(r"\s…[)\]]?$")  # "Aktivitäten …", "(mehr …)"; not "Strg+1 … Strg+5"


def spaced_at_end(text: str) -> bool:
    """An ellipsis set off by a space at the end, unless the text is a line of elision ("… 3 more …")."""
    return bool(SPACED_AT_END.search(text)) and not text.startswith("… ")


def _catalogues() -> list[tuple[str, object]]:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    found = [("pot", tool._read(LOCALE / "medjournal.pot", locale=None))]
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/medjournal.po")):
        found.append((po.parts[-3], tool._read(po, locale=po.parts[-3])))
    return found


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [text for text in value or () if text]  # type: ignore[attr-defined]


def ellipsis_faults(msgid: str | tuple[str, ...], msgstr: str | tuple[str, ...]) -> list[str]:
    """What is wrong with one message's ellipses: a space before the one that ends it, or a translation that
    drops or adds the ellipsis at the end of what it translates."""
    faults = [text for text in _texts(msgid) + _texts(msgstr) if spaced_at_end(text)]
    source_ends = {text.endswith("…") for text in _texts(msgid)}
    for text in _texts(msgstr):
        if text.endswith("…") not in source_ends:
            faults.append(text)
    return faults


def test_no_ellipsis_is_spaced_from_its_word_in_any_catalogue() -> None:
    faults = []
    for language, catalogue in _catalogues():
        for message in catalogue:  # type: ignore[attr-defined]
            if message.id:
                faults += [f"{language}: {text}" for text in ellipsis_faults(message.id, message.string)]
    assert faults == []


def test_the_check_sees_a_spaced_or_lost_ellipsis() -> None:
    assert ellipsis_faults("Your own ac&tivities…", "Eigene Ak&tivitäten …") == ["Eigene Ak&tivitäten …"]
    assert ellipsis_faults("Open…", "Öffnen") == ["Öffnen"]
    assert ellipsis_faults("Ctrl+1 … Ctrl+5", "Strg+1 … Strg+5") == []
    assert ellipsis_faults("… {count} more …", "… {count} weitere …") == []
    assert ellipsis_faults("Open…", "Öffnen…") == []
    assert ellipsis_faults(("{n} more…", "{n} more…"), ("{n} weitere…", "{n} weitere …")) == ["{n} weitere …"]
