"""Import checks settings and warning acknowledgements like everything else (issue 19, points 7 and 8), and a
journal holding a bad setting (written before these checks) does not break a command."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError
from medjournal.storage import Journal, open_journal
from medjournal.storage.exchange import export_data, import_json
from tests.conftest import NOW, Cli


def export_with(journal: Journal, tmp_path: Path, settings: dict[str, Any], acks: Sequence[str] = ()) -> Path:
    journal.add_checkin(pain=5, mood=5)
    data = export_data(journal)
    data["tables"]["settings"] = [{"key": k, "value": json.dumps(v)} for k, v in settings.items()]
    data["tables"]["warning_acks"] = [
        {"id": n, "key": key, "acknowledged_at": NOW.isoformat(timespec="seconds")}
        for n, key in enumerate(acks, start=1)
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"country": [1, 2]}, "the country [1, 2] is not one medjournal has crisis lines for"),
        ({"country": "XX"}, "is not one medjournal has crisis lines for"),
        ({"page_size": 5}, "the page size must be A4, Letter or empty"),
        ({"first_day_of_week": 9}, "first day of the week"),
        ({"reminders": {"checkin_time": "25:99"}}, "reminders.checkin_time"),
        ({"summary_name": "a\x07b"}, "control characters"),
        ({"someone_elses": json.loads("[" * 50 + "]" * 50)}, "nested too deeply"),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_is_imported(
    journal: Journal, tmp_path: Path, settings: dict[str, Any], message: str
) -> None:
    path = export_with(journal, tmp_path, settings)
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    try:
        with pytest.raises(MedjournalError) as caught:
            import_json(target, path)
        assert "Record 1 of settings" in str(caught.value)
        assert message in str(caught.value)
        assert target.is_empty()
    finally:
        target.close()


def test_a_deeply_nested_setting_value_is_one_sentence(journal: Journal, tmp_path: Path) -> None:
    path = export_with(journal, tmp_path, {})
    data = json.loads(path.read_text())
    data["tables"]["settings"] = [{"key": "x", "value": "[" * 100_000 + "]" * 100_000}]
    path.write_text(json.dumps(data))
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    try:
        with pytest.raises(MedjournalError, match="nested too deeply"):
            import_json(target, path)
    finally:
        target.close()


@pytest.mark.parametrize("key", ["anything goes", "over-max", "<b>x</b>:1", 7])
def test_an_arbitrary_warning_acknowledgement_is_refused(journal: Journal, tmp_path: Path, key: Any) -> None:
    path = export_with(journal, tmp_path, {}, [key])
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    try:
        with pytest.raises(MedjournalError, match="Record 1 of warning_acks"):
            import_json(target, path)
        assert target.is_empty()
    finally:
        target.close()


def test_good_settings_and_acknowledgements_import_but_never_the_backup_folder(
    journal: Journal, tmp_path: Path
) -> None:
    settings = {
        "country": "GB",
        "page_size": "Letter",
        "reminders": {"doses": True, "dose_delay_minutes": 30, "checkin": True, "checkin_time": "21:00"},
        "backup_dir": "/somewhere/on/the/other/computer",
        "csv_mappings": {"a": {"b": "c"}},
    }
    path = export_with(journal, tmp_path, settings, ["over-max:1:2026-03-10", "caution:a-b:serotonin"])
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    try:
        import_json(target, path)
        assert target.settings() == {k: v for k, v in settings.items() if k != "backup_dir"}
        assert target.acknowledged_warnings() == {"over-max:1:2026-03-10", "caution:a-b:serotonin"}
    finally:
        target.close()


def test_a_check_in_dated_9999_is_refused_by_the_fast_path_too(journal: Journal, tmp_path: Path) -> None:
    journal.add_checkin(pain=5, mood=5)
    data = export_data(journal)
    data["tables"]["checkins"][0]["day"] = "9999-12-31"
    path = tmp_path / "e.json"
    path.write_text(json.dumps(data))
    target = open_journal(tmp_path / "target.db", FixedClock(NOW))
    try:
        with pytest.raises(MedjournalError, match="Record 1 of checkins"):
            import_json(target, path)
        assert target.is_empty()
    finally:
        target.close()


def test_a_bad_setting_already_in_a_journal_breaks_no_command(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    assert run_cli("checkin", "--pain", "5", "--mood", "5").exit_code == 0
    conn = sqlite3.connect(journal_path)
    conn.execute("INSERT INTO settings (key, value) VALUES ('country', '[1, 2]'), ('page_size', '5')")
    conn.commit()
    conn.close()
    result = run_cli("checkin", "--pain", "7", "--mood", "2", "--self-harm", "yes")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert "112" in result.output or "emergency" in result.output.lower()
    result = run_cli("report", "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "s.pdf").exists()
    assert Cli(journal_path, NOW)("report").exit_code == 0


def test_a_setting_whose_key_is_not_text_is_refused_in_one_sentence(tmp_path: Path) -> None:
    """Found by the random-damage property test: a key that is a list raised TypeError (unhashable)."""
    export = {
        "format": "medjournal-export/1",
        "schema_version": 1,
        "app_version": "0.1.0",
        "exported_at": "2026-03-15T09:30:00+00:00",
        "tables": {"settings": [{"key": ["backup_dir"], "value": '"x"'}]},
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    journal = open_journal(tmp_path / "journal.db")
    try:
        with pytest.raises(MedjournalError) as refused:
            import_json(journal, path)
        assert "settings" in refused.value.message
        assert journal.setting("backup_dir", None) is None
    finally:
        journal.close()
