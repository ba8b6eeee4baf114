"""Colours and pens for the charts, one set for light backgrounds (paper, light mode) and one for dark mode.

Series colours come from the Okabe–Ito colour-blind-safe palette; each dark-mode variant is a lighter tone of
the same hue so that lines keep their meaning when the window switches theme. The colours themselves are data,
``palette.json`` beside this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class ChartStyle:
    background: str
    foreground: str  # axis lines, tick labels, titles
    muted: str  # secondary text, grid
    pain: str
    pain_average: str
    mood: str
    sleep: str
    dose: str
    as_needed: str
    missed: str
    baseline: tuple[int, int, int, int]  # RGBA of the shaded baseline window
    current: tuple[int, int, int, int]  # RGBA of the shaded current window
    severity: tuple[str, str, str]  # mild, moderate, severe
    questionnaires: dict[str, str]  # colour by instrument key
    dark: bool = False

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))


@dataclass(frozen=True)
class QuestionnaireLook:
    """How an instrument's points are drawn: its colour on light and on dark backgrounds, its point symbol
    (pyqtgraph's name) and the mark that stands for it in the lane's title."""

    light: str
    dark: str
    symbol: str
    mark: str


def _palette() -> dict[str, Any]:
    """The colours, one table in ``palette.json`` beside this module: each series and each instrument once, as
    [light, dark] (tests/ui/test_instrument_places.py checks that every instrument has its entry)."""
    text = resources.files("medjournal.report.charts").joinpath("palette.json").read_text(encoding="utf-8")
    palette: dict[str, Any] = json.loads(text)
    return palette


_PALETTE = _palette()
QUESTIONNAIRE_LOOKS: dict[str, QuestionnaireLook] = {
    key: QuestionnaireLook(look["colours"][0], look["colours"][1], look["symbol"], look["mark"])
    for key, look in _PALETTE["questionnaires"].items()
}


def _style(dark: bool) -> ChartStyle:
    side = 1 if dark else 0
    plain: dict[str, Any] = {name: pair[side] for name, pair in _PALETTE["colours"].items()}
    mild, moderate, severe = (str(pair[side]) for pair in _PALETTE["severity"])
    return ChartStyle(
        **plain,
        baseline=_rgba(_PALETTE["shades"]["baseline"][side]),
        current=_rgba(_PALETTE["shades"]["current"][side]),
        severity=(mild, moderate, severe),
        questionnaires={key: look.dark if dark else look.light for key, look in QUESTIONNAIRE_LOOKS.items()},
        dark=dark,
    )


def _rgba(values: list[int]) -> tuple[int, int, int, int]:
    red, green, blue, alpha = (int(value) for value in values)
    return red, green, blue, alpha


def tinted(colour: str, text: str) -> str:
    """``text`` in ``colour``, for a chart's title (rich text): a mark or a word that names a series."""
    return f"<span style='color:{colour}'>{text}</span>"


LIGHT = _style(dark=False)
DARK = _style(dark=True)


def style_for_palette(palette: QPalette) -> ChartStyle:
    """The chart style that matches a widget's palette: dark when its window colour is dark."""
    window = palette.color(QPalette.ColorRole.Window)
    if window.lightness() < 128:
        base = DARK
        background = window.name()
    else:
        base = LIGHT
        background = window.name() if window.lightness() > 200 else LIGHT.background
    return replace(
        base, background=background, foreground=palette.color(QPalette.ColorRole.WindowText).name()
    )
