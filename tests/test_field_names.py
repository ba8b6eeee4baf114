"""Every field a refusal names is named in the person's language (docs/translating.md): the validators say
"The {what} is empty." and "{what} must be between 0 and 10" with the field's name passed in as ``what``, and a
name passed in that the catalogue does not hold stayed English in a German sentence ("„activity's name“ ist
leer", "„activity rating“ muss zwischen 0 und 10 liegen"). This reads every call of a validator in src/ whose
field name is written there as text, and finds its German."""

from __future__ import annotations

import ast
from pathlib import Path

from medjournal import i18n

SRC = Path(__file__).resolve().parents[1] / "src" / "medjournal"
# Each validator of domain/validation.py that names a field, and the place of ``what`` among its arguments.
VALIDATORS = {
    "parse_day": 1,
    "parse_clock_time": 1,
    "parse_moment": 2,
    "check_name": 1,
    "check_note": 1,
    "as_number": 1,
    "check_scale": 1,
    "check_optional_scale": 1,
    "check_dose": 1,
    "check_units": 1,
    "check_not_future": 3,
    "check_choice": 2,
}


def field_names_written() -> dict[str, str]:
    """Each field name written as text in a validator's call, with the first place it is written."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in VALIDATORS:
                continue
            args = [kw.value for kw in node.keywords if kw.arg == "what"]
            if len(node.args) > VALIDATORS[name]:
                args.append(node.args[VALIDATORS[name]])
            for arg in args:
                if isinstance(arg, ast.Call) and getattr(arg.func, "id", "") in {"N_", "_"}:
                    arg = arg.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    found.setdefault(arg.value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_the_scan_sees_the_validators_calls() -> None:
    written = field_names_written()
    assert {"pain", "activity's name", "activity rating"} <= set(written)


def test_every_field_name_a_refusal_can_show_has_its_german() -> None:
    with i18n.use_language("de"):
        english = {name: place for name, place in field_names_written().items() if i18n._(name) == name}
    assert english == {}
