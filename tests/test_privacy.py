"""Privacy: medication and symptom names never reach the logs above DEBUG."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import Cli

SECRET_MEDICATION = "Zebrafluoxamine"
SECRET_SYMPTOM = "purple-elbow-tingle"


def test_command_line_use_logs_no_names_above_debug(run_cli: Cli, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    steps = [
        ("med", "add", SECRET_MEDICATION, "--dose", "30", "--times", "08:00", "--start", "2026-03-01"),
        ("take", SECRET_MEDICATION, "--at", "2026-03-14 08:00"),
        ("skip", SECRET_MEDICATION, "--at", "2026-03-15 08:00"),
        ("take", "Unknown" + SECRET_MEDICATION),  # an error path
        ("side-effect", SECRET_SYMPTOM, "--severity", "2"),
        ("checkin", "--pain", "11"),
        ("questionnaire", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"),
        ("med", "stop", SECRET_MEDICATION, "--on", "2026-03-15"),
        ("report", "--json"),
        ("backup",),
    ]
    for args in steps:
        run_cli(*args)
    loud = [r for r in caplog.records if r.levelno > logging.DEBUG]
    for record in loud:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        assert SECRET_MEDICATION.lower() not in text.lower(), record
        assert SECRET_SYMPTOM not in text, record
