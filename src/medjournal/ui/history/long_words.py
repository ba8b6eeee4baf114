"""Words longer than a History column (a pasted web address, a run of characters without spaces) broken where
they would otherwise be cut off (docs/translating.md, "Room for larger fonts").

Qt's item delegate wraps a cell's text at word boundaries only, and a word wider than its column ran on past the
column's edge and was cut there without a "…"; sizing the note column to such a word squeezed the other columns
to a letter each instead. The text a cell shows gets a zero-width space after every ``PIECE`` characters of a
longer word, where the line may then break; nothing is drawn for it, and the tooltip, the accessible name, the
search and the "Selected entry" box keep the text as typed.
"""

from __future__ import annotations

import re

BREAK = "\u200b"  # zero-width space: a place to break a line, drawn as nothing
PIECE = 16  # characters of a long word between two places to break it
_LONG = re.compile(r"\S{" + str(PIECE + 1) + ",}")
_SPACES = re.compile(r"[\s\u200b]+")


def breakable(text: str) -> str:
    """``text`` with a place to break after every ``PIECE`` characters of each longer word."""

    def split(found: re.Match[str]) -> str:
        word = found.group(0)
        return BREAK.join(word[i : i + PIECE] for i in range(0, len(word), PIECE))

    return _LONG.sub(split, text)


def pieces(text: str) -> list[str]:
    """The parts of ``text`` a line cannot break inside, once long words are breakable."""
    return [piece for piece in _SPACES.split(breakable(text)) if piece]
