"""The texts about the response windows are built from the constants the analysis uses (docs/contributing.md §2):
changing WINDOW_DAYS or MIN_RATED_DAYS changes every sentence that states them."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

import pytest

from medjournal.domain import response
from medjournal.report.summary import methods
from medjournal.report.trends import trend_text


@pytest.fixture
def reloaded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[ModuleType]]:
    monkeypatch.setattr(response, "WINDOW_DAYS", 21)
    monkeypatch.setattr(response, "MIN_RATED_DAYS", 8)
    yield [importlib.reload(methods), importlib.reload(trend_text)]
    monkeypatch.undo()
    importlib.reload(methods)
    importlib.reload(trend_text)


def test_window_texts_follow_the_constants(reloaded: list[ModuleType]) -> None:
    words, trends = reloaded
    texts = [*words.METHODS, trends.empty_state(), trends.no_medication(), trends.sparse_hint(2)]
    assert all("14 days" not in text and "14-day" not in text for text in texts)
    assert "Baseline: the 21 days before" in words.METHODS[1] and "at least 8 rated days" in words.METHODS[1]
    assert "with 8 rated days in the 21 days before" in trends.empty_state()
    assert "needs 8 rated days in each 21-day window" in trends.sparse_hint(2)


def test_window_texts_state_the_current_rule() -> None:
    assert (
        "Baseline: the 14 days before" in methods.METHODS[1] and "at least 5 rated days" in methods.METHODS[1]
    )
