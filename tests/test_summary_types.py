"""The summary document's TypedDicts (report/summary/summary_types.py) say exactly what summary_json.py writes: every
field the writer adds is declared, every declared field is written, at every level the demo reaches."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

from medjournal.demo import write_demo
from medjournal.report.summary.summary import build_summary
from medjournal.report.summary.summary_types import SummaryDocument
from medjournal.storage import Journal


def mismatches(value: Any, hint: Any, where: str) -> list[str]:
    """Where ``value`` does not have the shape ``hint`` declares (TypedDict keys, lists, dicts, optionals)."""
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return []
        [hint] = [arg for arg in get_args(hint) if arg is not type(None)][:1]
        origin = get_origin(hint)
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a dict"]
        declared = get_type_hints(hint)
        found = [f"{where}.{key}: written, not declared" for key in value.keys() - declared.keys()]
        found += [f"{where}.{key}: declared, not written" for key in hint.__required_keys__ - value.keys()]
        for key, item in value.items():
            if key in declared:
                found += mismatches(item, declared[key], f"{where}.{key}")
        return found
    if origin is list:
        [item_hint] = get_args(hint)
        return [
            problem
            for i, item in enumerate(value)
            for problem in mismatches(item, item_hint, f"{where}[{i}]")
        ]
    if origin is dict:
        _, item_hint = get_args(hint)
        return [
            problem
            for key, item in value.items()
            for problem in mismatches(item, item_hint, f"{where}.{key}")
        ]
    if hint is float:
        return (
            [] if isinstance(value, int | float) and not isinstance(value, bool) else [f"{where}: {value!r}"]
        )
    if isinstance(hint, type) and not isinstance(value, hint):
        return [f"{where}: {value!r} is not {hint.__name__}"]
    return []


def test_the_demo_summary_has_exactly_the_declared_shape(journal: Journal) -> None:
    write_demo(journal)
    document = build_summary(journal).to_json()
    assert document["medications"] and document["daily"] and document["side_effects"]  # the demo reaches far
    assert mismatches(document, SummaryDocument, "summary") == []


def test_the_checker_finds_a_renamed_field(journal: Journal) -> None:
    document: Any = build_summary(journal, now=datetime(2026, 3, 15, 20, 0).astimezone()).to_json()
    document["period"]["first"] = document["period"].pop("start")
    assert mismatches(document, SummaryDocument, "summary") == [
        "summary.period.first: written, not declared",
        "summary.period.start: declared, not written",
    ]
