"""The printed chart tells the whole story: the baseline window in view when it lay before the period, and a lane
with no data saying so in words."""

from __future__ import annotations

import json

from medjournal.report.charts.chart_items import day_of_x
from medjournal.report.charts.charts import summary_chart
from tests.conftest import Cli
from tests.test_honest_rounding import _journal_with_a_change_of_minus_29_6_percent


def test_a_period_after_the_baseline_widens_the_axis_and_empty_lanes_say_so(run_cli: Cli, qapp) -> None:
    _journal_with_a_change_of_minus_29_6_percent(run_cli)  # pain only: no mood or sleep ratings at all
    result = run_cli("report", "--json", "--from", "2026-03-01", "--to", "2026-03-15")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    response = summary["medications"][0]["response"]
    assert response["baseline_start"] == "2026-01-18"  # before the period
    widget = summary_chart(summary)
    figure = widget.figure
    low, high = figure.main_plot.getViewBox().viewRange()[0]
    assert day_of_x(low + 1).isoformat() <= "2026-01-18"
    assert day_of_x(high - 1).isoformat() == "2026-03-15"
    assert (
        figure.lanes["mood_sleep"].plot.titleLabel.text
        == "Mood and sleep: no mood or sleep ratings in this period"
    )
    assert "no pain ratings" not in figure.lanes["pain"].plot.titleLabel.text
    widget.close()
