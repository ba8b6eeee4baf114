"""Colours and pens for the charts, one set for light backgrounds (paper, light mode) and one for dark mode.

Series colours come from the Okabe–Ito colour-blind-safe palette; each dark-mode variant is a lighter tone of
the same hue so that lines keep their meaning when the window switches theme.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    questionnaires: dict[str, str]
    dark: bool = False

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = ChartStyle(
    background="#ffffff",
    foreground="#1f1f1f",
    muted="#6b6b6b",
    pain="#d55e00",
    pain_average="#7a2e00",
    mood="#0072b2",
    sleep="#009e73",
    dose="#1f1f1f",
    as_needed="#cc79a7",
    missed="#c0392b",
    baseline=(86, 180, 233, 60),
    current=(0, 158, 115, 60),
    severity=("#b58900", "#c2410c", "#7f1d1d"),
    questionnaires={
        "peg": "#d55e00",
        "phq2": "#0072b2",
        "phq9": "#0072b2",
        "gad2": "#cc79a7",
        "pgic": "#6b6b6b",
    },
)

DARK = ChartStyle(
    background="#1e1f22",
    foreground="#e6e6e6",
    muted="#9a9a9a",
    pain="#ff8c42",
    pain_average="#ffd1a8",
    mood="#56b4e9",
    sleep="#3fd6a6",
    dose="#e6e6e6",
    as_needed="#e59cc6",
    missed="#ff6b5e",
    baseline=(86, 180, 233, 55),
    current=(63, 214, 166, 50),
    severity=("#806c00", "#e67a22", "#ffe4cc"),
    questionnaires={
        "peg": "#ff8c42",
        "phq2": "#56b4e9",
        "phq9": "#56b4e9",
        "gad2": "#e59cc6",
        "pgic": "#b0b0b0",
    },
    dark=True,
)


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
