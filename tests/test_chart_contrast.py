"""Side-effect severity in the charts reads without colour (bar height) and its colours keep their contrast."""

from __future__ import annotations

import numpy as np
import pytest

from medjournal.report.charts.chart_items import SEVERITY_STEPS, severity_bars
from medjournal.report.charts.chart_style import DARK, LIGHT, ChartStyle


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("style", [LIGHT, DARK], ids=["light", "dark"])
def test_severity_colours_stand_out_from_the_background_and_mild_from_severe(style: ChartStyle) -> None:
    mild, moderate, severe = style.severity
    assert min(contrast(colour, style.background) for colour in style.severity) >= 3.0
    assert contrast(mild, severe) >= 3.0
    # Three colours cannot all be 3:1 from the background and from each other; neighbours differ visibly and
    # the bar height tells them apart without colour.
    assert contrast(mild, moderate) >= 1.4 and contrast(moderate, severe) >= 1.4
    assert contrast(style.foreground, style.background) >= 4.5  # the legend's words


def test_severity_is_drawn_as_bars_of_one_two_or_three_steps() -> None:
    grid = np.array([[0, 1, 2], [3, 4, 0]], dtype=np.uint8)  # 0 nothing, 1 none, 2 mild, 3 moderate, 4 severe
    bars = severity_bars(grid)
    assert bars.shape == (2, 3 * SEVERITY_STEPS)
    # Third symptom at the bottom (the first is drawn at the top), steps bottom to top.
    assert bars[0].tolist() == [2, 0, 0, 1, 1, 1, 0, 0, 0]
    assert bars[1].tolist() == [0, 0, 0, 4, 4, 4, 3, 3, 0]
    heights = [int((bars[:, i * SEVERITY_STEPS : (i + 1) * SEVERITY_STEPS] > 1).sum()) for i in range(3)]
    assert heights == [1, 3, 2]  # bottom band (third symptom) mild, middle severe, top (first) moderate
