"""Equality, hashing and ``repr`` of frozen records, written once for all of them (docs/architecture.md, "The
command line").

A ``@dataclass(frozen=True)`` has six methods written for it as source text and compiled (``exec``) when its
module is imported: ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__``. On
Python 3.11 that is about 0.7 ms a class, and ``today --json`` loads some thirty such classes before it prints
a line (records, warnings, the response and the checks). A record declared
``@dataclass(frozen=True, eq=False, repr=False)`` on :class:`Value` gets only the three that depend on its own
fields compiled and takes these three from here, which behave as the generated ones do: equal when of the same
class with equal fields in order, hashed by the same tuple, shown as ``Name(field=value, ...)``. It stays a
dataclass (``fields``, ``replace`` and ``asdict`` work) and stays frozen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the tuple of an instance's compared fields, in order (made once per class)."""
    names = tuple(f.name for f in fields(cls) if f.compare)
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda _record: ()


def _values(record: object) -> tuple[Any, ...]:
    cls = type(record)
    getter = _GETTERS.get(cls)
    if getter is None:
        getter = _GETTERS[cls] = _getter(cls)
    return getter(record)


class Value:
    """Base of a frozen dataclass declared with ``eq=False, repr=False``: compared, hashed and shown by its
    fields as a dataclass's generated methods would."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"
