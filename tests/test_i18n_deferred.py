"""A language's catalogue is read when its first message is translated, not when the language is chosen: the
command line chooses the person's language as it starts, and ``today --json`` prints no translated message."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from medjournal import i18n
from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal
from tests.test_cli_german import run


def test_the_catalogue_is_read_at_the_first_translated_message(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = i18n._catalogue

    def counted(code: str) -> object:
        reads.append(code)
        return real(code)

    monkeypatch.setattr(i18n, "_catalogue", counted)
    with i18n.use_language("de_DE") as chosen:
        assert chosen == "de"
        assert i18n.language() == "de"
        assert reads == []  # chosen, not read
        assert i18n._("Warnings:") == "Warnhinweise:"
        assert i18n.ngettext("{n} day", "{n} days", 3).format(n=3) == "3 Tage"
        assert reads == ["de"]  # read once, for every message after it
    with i18n.use_language("en"):
        assert i18n._("Warnings:") == "Warnings:"
    assert reads == ["de"]


def test_a_german_today_json_reads_no_catalogue_and_the_text_one_does(
    journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 3, 1, 7, 0).astimezone())  # added on its first day: its slots since are missed
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    reads: list[str] = []
    real = i18n._catalogue

    def counted(code: str) -> object:
        reads.append(code)
        return real(code)

    monkeypatch.setattr(i18n, "_catalogue", counted)
    data = run(journal_path, "today", "--at", "2026-03-15 21:00", "--json", lang="de_DE.UTF-8")
    assert data.exit_code == 0, data.output
    assert json.loads(data.output)["slots"][0]["status"] == "missed"
    assert reads == []
    words = run(journal_path, "today", "--at", "2026-03-15 21:00", lang="de_DE.UTF-8")
    assert "versäumt, nicht eingetragen" in words.output
    assert reads and set(reads) == {"de"}
