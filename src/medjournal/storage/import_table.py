"""A table of an import checked a column at a time: the records of the first record's fields gathered into
columns, each column checked by the rules of ``storage/import_fast.py`` (check-ins, dose logs) or
``storage/import_by_value.py`` (side effects, questionnaires, treatments) and the import's own (keys, references),
and the rows ready to insert. ``storage/import_check.py`` sends each record this check does not vouch for through
the full check, which names it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from medjournal.storage import import_by_value, import_fast
from medjournal.storage.import_fast import INT64, refused_positions

# A questionnaire need not be about a medication; the full check lets an empty reference through.
_OPTIONAL_REFERENCE = frozenset({"questionnaires"})


@dataclass(frozen=True)
class FastTable:
    """A table of an import checked a column at a time: the rows of values to insert, in the order of the
    table's columns (a column the records lack holds its default), and the positions (from 0) of the records
    the check does not vouch for, which go through the full check one by one."""

    values: Rows
    refused: set[int]
    keys: Sequence[Any]


class Rows(Sequence[tuple[Any, ...]]):
    """Rows of values kept as columns, each row made as it is read: the insert reads them once, and a hundred
    thousand rows made at once would wake the garbage collector again and again for nothing."""

    def __init__(self, columns: list[Sequence[Any]], count: int) -> None:
        self._columns, self._count = columns, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return zip(*self._columns, strict=True)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Any, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Any, ...] | Sequence[tuple[Any, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        return tuple(column[index] for column in self._columns)


def check_table(
    table: str,
    rows: list[Any],
    columns: Sequence[str],
    defaults: Mapping[str, Any],
    reference: str | None,
    known: set[Any],
    validate: import_by_value.Validator,
) -> FastTable | None:
    """The fast check of ``rows`` of ``table`` (a table with fast checks: ``import_fast.REFUSED``, or
    ``import_by_value.SAMPLES`` with ``validate``, its full check's validator), or None where it does not apply.
    Records of the first record's fields (an older export lacks the newer ones) are checked together; any other
    record is left to the full check. Besides the fields' own rules, the import's: an ``id`` that is a 64-bit
    integer and not repeated, ``recorded_at`` text, a ``reference`` among the ids ``known`` (or empty, for a
    questionnaire), and any other field (``source``) text, a number SQLite stores or empty."""
    refused_fields = import_fast.REFUSED.get(table) or import_by_value.rules(table, validate)
    if refused_fields is None or not rows or type(rows[0]) is not dict:
        return None
    shape = tuple(rows[0])
    if len(shape) < 2 or not set(shape) <= set(columns):
        return None
    count = len(rows)
    by_name, off_shape = _columns_of(rows, shape)
    nothing = (None,) * count
    seen = {name: by_name.get(name, nothing) for name in columns}
    keys = seen["id"]
    refused = off_shape | refused_fields(seen) | _refused_keys(keys)
    if set(map(type, seen["recorded_at"])) != {str}:  # a hundred thousand distinct stamps: their types first
        refused |= refused_positions(seen["recorded_at"], lambda stamp: type(stamp) is str)
    if reference is not None:
        empty_ok = table in _OPTIONAL_REFERENCE
        refused |= refused_positions(
            seen[reference],
            lambda target: (type(target) is int and target in known) or (empty_ok and target is None),
        )
    checked = {
        "id",
        "recorded_at",
        reference,
        *import_fast.FIELDS.get(table, ()),
        *import_by_value.FIELDS.get(table, ()),
    }
    for name in set(shape) - checked:
        refused |= refused_positions(by_name[name], import_fast.is_scalar)
    ordered = [by_name[c] if c in by_name else (defaults[c],) * count for c in columns]
    return FastTable(Rows(ordered, count), refused, keys)


def _columns_of(rows: list[Any], shape: tuple[str, ...]) -> tuple[dict[str, Sequence[Any]], set[int]]:
    """Each field of ``shape`` as a column of the values of ``rows``, and the positions of the records that are
    not objects of exactly those fields (their values in the columns are ``None``)."""
    width = len(shape)
    if set(map(type, rows)) == {dict} and set(map(len, rows)) == {width}:
        if set(map(tuple, rows)) == {
            shape
        }:  # the same fields in the same order: the values turned into columns
            return dict(zip(shape, zip(*map(dict.values, rows), strict=True), strict=True)), set()
        try:  # the same number of fields, each of them there: the same fields
            return {name: list(map(operator.itemgetter(name), rows)) for name in shape}, set()
        except KeyError:
            pass
    pick, blank = operator.itemgetter(*shape), (None,) * width
    picked = [_picked(pick, row, width) for row in rows]
    columns = zip(*[blank if p is None else p for p in picked], strict=True)
    return dict(zip(shape, columns, strict=True)), {i for i, p in enumerate(picked) if p is None}


def _picked(pick: Callable[[Any], Any], row: Any, width: int) -> Any:
    if type(row) is not dict or len(row) != width:
        return None
    try:
        return pick(row)
    except KeyError:
        return None


def _refused_keys(keys: Sequence[Any]) -> set[int]:
    """The positions of keys that are not 64-bit integers, or that repeat a key before them."""
    if (
        set(map(type, keys)) == {int}
        and min(keys) in INT64
        and max(keys) in INT64
        and len(set(keys)) == len(keys)
    ):
        return set()
    return refused_positions(keys, lambda key: type(key) is int and key in INT64) | _repeated(keys)


def _repeated(keys: Sequence[Any]) -> set[int]:
    """The positions of keys seen before in ``keys``."""
    try:
        if len(set(keys)) == len(keys):
            return set()
    except TypeError:
        pass
    first: set[Any] = set()
    repeated: set[int] = set()
    for i, key in enumerate(keys):
        try:
            if key in first:
                repeated.add(i)
            else:
                first.add(key)
        except TypeError:
            repeated.add(i)
    return repeated
