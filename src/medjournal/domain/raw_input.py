"""The types of raw values the Journal API takes before :mod:`medjournal.domain.entries` validates them.

A field arrives either as the person typed it (text from the command line, a form or a CSV file: ``"2,5"``,
``"2026-03-01"``, ``"yes"``) or already as a value (``2.5``, a ``date``, ``True``). The Journal's write methods
accept both and leave every check to the validators, so a bad value still gets its one sentence
(docs/contributing.md §3); these aliases say which of the two forms each parameter takes, so a caller that passes
something else entirely is caught by mypy rather than at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TypeAlias

RawNumber: TypeAlias = str | int | float
"""A number as typed (``"2,5"``, ``" 40 "``) or as a number."""

RawDay: TypeAlias = str | date
"""A day as ``YYYY-MM-DD`` (or another form :func:`medjournal.domain.validation.parse_day` reads) or a ``date``;
a ``datetime`` counts by its date."""

RawMoment: TypeAlias = str | datetime
"""A moment as ``YYYY-MM-DD HH:MM`` (or another form :func:`~medjournal.domain.validation.parse_moment` reads)
or a ``datetime``; a naive ``datetime`` is taken as local time."""

RawYesNo: TypeAlias = bool | int | str
"""A yes-or-no answer: ``True``/``False``, ``1``/``0`` or the words ``yes``, ``no``, ``y``, ``n``, ``true``,
``false``."""

RawLocations: TypeAlias = str | Sequence[str]
"""Body areas: their keys, as a list or as one comma-separated text."""

RawAnswers: TypeAlias = str | Sequence[int | float | str]
"""A questionnaire's answers in item order: numbers or digits, or one text (digits such as ``"0123"``, or a JSON
list)."""

JsonValue: TypeAlias = "bool | int | float | str | Sequence[JsonValue] | Mapping[str, JsonValue] | None"
"""A value a setting holds: anything JSON writes (it is stored as JSON)."""
