"""One rule, one place: Today, Trends and the summary agree on a mood fall after a short stop and restart.

The journal is built through the command line, with check-ins typed in after their days; the window is then
opened as the ``medjournal`` command opens it and looked at with the keys a person uses.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.today.today_view import TodayView
from medjournal.ui.trends.trends_view import TrendsView
from tests.conftest import NOW, Cli
from tests.ui.widgets import of_type


def each_day(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def build_stop_and_restart(path: Path) -> Cli:
    """Duloxetine from 02-01, mood 8 before it and 5 at the end; stopped 03-01, restarted 03-06 (5 days off)."""
    cli = Cli(path, NOW)
    steps = [
        ("med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-02-01"),
        ("med", "stop", "Duloxetine", "--on", "2026-03-01", "--reason", "ran out"),
        ("med", "restart", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-06"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, result.output
    moods = {**dict.fromkeys(each_day("2026-01-18", "2026-01-31"), "8")}
    moods.update(dict.fromkeys(each_day("2026-02-01", "2026-03-01"), "6"))
    moods.update(dict.fromkeys(each_day("2026-03-02", "2026-03-15"), "5"))
    for day, mood in moods.items():
        result = cli("checkin", "--mood", mood, "--date", day)  # typed in on 03-15, for its own day
        assert result.exit_code == 0, result.output
    return cli


def test_today_trends_and_summary_agree_on_the_mood_fall(qtbot, journal_path: Path) -> None:
    cli = build_stop_and_restart(journal_path)
    summary = json.loads(cli("report", "--json").output)
    falls = [f for f in summary["safety"]["flags"] if f["kind"] == "mood_fall"]
    assert [f["detail"] for f in falls] == [
        "Mood fell from 8.0 (14 days before starting Duloxetine) to 5.0 (last 14 days), 3.0 points."
    ]
    today = json.loads(cli("today", "--json").output)
    drops = [w for w in today["warnings"] if w["kind"] == "mood_drop"]
    assert len(drops) == 1
    assert "averaged 5.0 out of 10, 3.0 points lower" in drops[0]["message"]
    assert "(8.0; 14 and 14 rated days)" in drops[0]["message"]

    from medjournal.ui.main_window import SECTIONS, MainWindow

    journal = open_journal(journal_path, FixedClock(NOW))
    window = MainWindow(journal, first_run=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        today_view = of_type(window.views["today"], TodayView)
        titles = [row.warning.title for row in today_view.warnings_panel.rows.values()]
        assert "Mood lower than before" in titles
        number = next(i for i, s in enumerate(SECTIONS) if s.key == "trends")
        window.section_actions[number].trigger()  # View ▸ Trends
        qtbot.waitUntil(lambda: "trends" in window.views and window.current_section() == "trends")
        trends = of_type(window.views["trends"], TrendsView)
        qtbot.waitUntil(lambda: "Mood fell" in trends.response_label.text(), timeout=10000)
        assert "Mood fell 3.0 points" in trends.response_label.text()
    finally:
        window.close()
        journal.close()


def test_a_fall_just_under_the_rule_is_silent_everywhere(qtbot, journal_path: Path) -> None:
    cli = build_stop_and_restart(journal_path)
    cli("checkin", "--mood", "7", "--date", "2026-03-15")  # 03-15 now averages 6: a fall of 2.93
    assert not [
        f for f in json.loads(cli("report", "--json").output)["safety"]["flags"] if f["kind"] == "mood_fall"
    ]
    assert not [w for w in json.loads(cli("today", "--json").output)["warnings"] if w["kind"] == "mood_drop"]
