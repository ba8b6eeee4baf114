"""Fast acceptance checks for side effects, questionnaires and treatments: the domain's own validator, asked once
per distinct value.

A journal of twenty years holds thousands of these records but a handful of symptoms, severities, kinds of
treatment, lengths of a session and questionnaire answers. So each distinct value of a field (or, for the fields
the validator judges together, each distinct combination) is put into a sample record the validator accepts,
and the table's validator, the very one the full check runs (``storage/import_check.py``), is asked about it: it
passes when the validator accepts it and gives it back unchanged, as the full check demands of every field. The
rules stay in ``domain.entries``; nothing here restates them. Days and notes are checked as for check-ins
(``storage/import_fast.py``), a column at a time.

A record's fields are judged apart, so the answer for a record is the answer of each of its fields; this holds
because these validators judge each field on its own, except the ones named together in ``Sample.together``.
``tests/test_import_by_value.py`` holds the check to giving, for every record, an answer no more permissive than
the full check's, and the same answer in a table as alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from medjournal.storage import import_fast
from medjournal.storage.import_fast import Columns, refused_positions

Validator = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Sample:
    """A record of the table that its validator accepts unchanged, and the groups of fields the validator judges
    (each group's fields together, the groups apart). ``day`` and ``note`` (where the table has one) are checked
    column by column; a field in no group and neither of those (``medication_id``) is checked elsewhere."""

    record: Mapping[str, Any]
    together: tuple[tuple[str, ...], ...]


SAMPLES: dict[str, Sample] = {
    "side_effects": Sample(
        {"day": "2000-01-01", "symptom": "nausea", "severity": 1, "note": ""}, (("symptom",), ("severity",))
    ),
    "treatments": Sample(
        {"day": "2000-01-01", "kind": "exercise", "minutes": 30, "note": ""}, (("kind",), ("minutes",))
    ),
    # The score follows from the answers, which follow from the questionnaire: judged together.
    "questionnaires": Sample(
        {"day": "2000-01-01", "instrument": "phq2", "answers": "[0, 0]", "score": 0.0, "medication_id": None},
        (("instrument", "answers", "score"),),
    ),
}
FIELDS = {table: tuple(sample.record) for table, sample in SAMPLES.items()}


def _passes(validate: Validator, sample: Sample, fields: tuple[str, ...]) -> Callable[..., bool]:
    """Whether ``validate`` accepts the sample with ``fields`` set to the values given, and gives them back."""

    def ok(*values: Any) -> bool:
        if not all(map(import_fast.is_scalar, values)):
            return False
        record = {**sample.record, **dict(zip(fields, values, strict=True))}
        try:
            cleaned = validate(record)
        except Exception:  # whatever the validator says, the full check answers with its own sentence
            return False
        return isinstance(cleaned, dict) and all(
            cleaned[field] == value for field, value in zip(fields, values, strict=True) if field in cleaned
        )

    return ok


def _refused_together(columns: Sequence[Sequence[Any]], ok: Callable[..., bool]) -> set[int]:
    """The positions whose values across ``columns`` ``ok`` refuses, asked once per distinct combination (each
    value paired with its type, so that 1, 1.0 and True are told apart)."""
    typed = list(zip(*(zip(map(type, column), column, strict=True) for column in columns), strict=True))
    try:
        wrong = {key for key in set(typed) if not ok(*(value for _, value in key))}
    except TypeError:  # a list or an object among the values: each combination is asked where it stands
        return {i for i, key in enumerate(typed) if not ok(*(value for _, value in key))}
    return {i for i, key in enumerate(typed) if key in wrong} if wrong else set()


def rules(table: str, validate: Validator) -> Callable[[Columns], set[int]] | None:
    """The fast check of ``table`` by ``validate`` (its full check's validator), or None for a table this module
    does not check: a function from the table's columns to the positions it does not vouch for."""
    sample = SAMPLES.get(table)
    if sample is None:
        return None

    def refused(columns: Columns) -> set[int]:
        out = import_fast.refused_days(columns["day"])
        if "note" in sample.record:
            out |= refused_positions(columns["note"], import_fast.note_ok)
        for fields in sample.together:
            ok = _passes(validate, sample, fields)
            if len(fields) == 1:
                out |= refused_positions(columns[fields[0]], ok)
            else:
                out |= _refused_together([columns[field] for field in fields], ok)
        return out

    return refused
