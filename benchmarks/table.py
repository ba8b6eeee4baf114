"""The README's speed table, made from the figures of one or two runs of ``benchmarks/run.py --json``.

    python benchmarks/table.py full.json [quick.json]

The first file gives the table's figures; the second (a ``--quick`` run, or a second full run) adds its ratio
and verdict beside each line of the same name, so that a line passing in one run and failing in the other shows
both. A line with no budget ("shown") reads "none" and is never marked FAIL. The table is printed in Markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HEADER = (
    "| figure | medjournal | baseline | ratio | budget | | {other} | |",
    "|---|---|---|---|---|---|---|---|",
)


def _amount(value: float | None, unit: str) -> str:
    return "" if value is None else f"{value:.1f} {unit}"


def _ratio(figure: dict[str, Any]) -> str:
    """The ratio to the baseline; in parentheses where the line's budget is not a ratio (a save's 50 ms, say):
    there it is for reference only, and the verdict does not follow it."""
    ratio = figure.get("ratio")
    if ratio is None:
        return ""
    return f"{ratio:.2f}×" if figure["budget_kind"] == "ratio" else f"({ratio:.2f}×)"


def _budget(figure: dict[str, Any]) -> str:
    if figure["budget_kind"] == "shown":
        return "none"
    if figure["budget_kind"] == "left out":
        return ""
    if figure["budget_kind"] == "ratio":
        return f"≤ {figure['budget']:g}×"
    return f"≤ {figure['budget']:g} {figure['unit']}"


def _verdict(figure: dict[str, Any]) -> str:
    if figure["budget_kind"] == "shown":
        return ""
    if figure["budget_kind"] == "left out":
        return "left out"
    return "" if figure["passed"] else "FAIL"


def _beside(figure: dict[str, Any] | None) -> tuple[str, str]:
    """What the other run measured for the same line: its ratio (its value where the line has no baseline)."""
    if figure is None:
        return "", ""
    if figure["budget_kind"] == "left out":
        return "", "left out"
    shown = _ratio(figure) or _amount(figure["value"], figure["unit"])
    return shown, _verdict(figure)


def markdown(
    figures: list[dict[str, Any]], other: list[dict[str, Any]] | None = None, label: str = ""
) -> str:
    """The table of ``figures``, with ``other``'s ratio beside each line of the same name."""
    by_name = {figure["name"]: figure for figure in other or []}
    lines = [HEADER[0].format(other=label or ("other run's ratio" if other else "")), HEADER[1]]
    for figure in figures:
        name = figure["name"] + (f" ({figure['note']})" if figure.get("note") else "")
        if figure["budget_kind"] == "left out":
            lines.append(
                f"| {name} |  |  |  |  | left out | {' | '.join(_beside(by_name.get(figure['name'])))} |"
            )
            continue
        baseline = _amount(figure["baseline"], figure["unit"])
        beside, beside_verdict = _beside(by_name.get(figure["name"]))
        lines.append(
            f"| {name} | {_amount(figure['value'], figure['unit'])} | {baseline} | {_ratio(figure)} | "
            f"{_budget(figure)} | {_verdict(figure)} | {beside} | {beside_verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="the README's speed table from benchmarks/run.py --json files"
    )
    parser.add_argument("figures", type=Path, help="the run whose figures the table shows")
    parser.add_argument("other", type=Path, nargs="?", help="a second run, its ratio shown beside")
    parser.add_argument(
        "--label", default="--quick run's ratio", help="the heading of the second run's column"
    )
    args = parser.parse_args(argv)
    figures = json.loads(args.figures.read_text(encoding="utf-8"))
    other = json.loads(args.other.read_text(encoding="utf-8")) if args.other else None
    print(markdown(figures, other, args.label if other else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
