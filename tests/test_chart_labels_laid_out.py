"""The summary's chart places its labels once it is laid out at its size, not at each step that builds it
(docs/summary.md, *Labels on the chart*): on a 20-year summary those placements, all redone once the chart was
laid out, took about a second."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import NOW, Cli
from tests.test_chart_labels import SIZES, collisions, texts

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo_summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    run = Cli(tmp_path_factory.mktemp("demo") / "demo.db", NOW)
    assert run("demo").exit_code == 0
    result = run("report", "--json")
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads(result.output)
    return summary


@pytest.mark.parametrize("size", SIZES)
def test_labels_are_placed_only_on_the_chart_laid_out_at_its_size(
    qapp: object, demo_summary: dict[str, Any], size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from medjournal.report.charts import charts

    seen: list[tuple[bool, int]] = []
    place = charts.place_labels

    def recorded(figure: Any) -> None:
        seen.append((figure.widget.isVisible(), figure.widget.width()))
        place(figure)

    monkeypatch.setattr(charts, "place_labels", recorded)
    widget = charts.summary_chart(demo_summary, *size)
    assert seen, "the labels were never placed"
    # Laid out (shown off screen) at its width, or wider when its lanes needed more height (chart_paper.no_smaller).
    assert all(visible and width >= size[0] for visible, width in seen), seen
    assert collisions(widget) == []
    shown = texts(widget)
    assert shown.count("30 mg") == 2 and shown.count("60 mg") == 2, shown
