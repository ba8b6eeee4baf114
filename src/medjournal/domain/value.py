"""Frozen records made cheaply: equality, hashing and ``repr`` written once for all of them, and no code compiled
for a record until one is made (docs/architecture.md, "The command line").

A ``@dataclass(frozen=True)`` has six methods written for it as source text and compiled (``exec``) when its
module is imported: ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__``. On
Python 3.11 that is about 0.7 ms a class, and ``today --json`` loads some thirty such classes before it prints
a line (records, warnings, the response and the checks). A record declared with :func:`record` on
:class:`Value` has none of them compiled when its module loads:

- ``__eq__``, ``__hash__`` and ``__repr__`` are :class:`Value`'s, which behave as the generated ones do: equal
  when of the same class with equal fields in order, hashed by the same tuple, shown as ``Name(field=value, ...)``;
- ``__setattr__`` and ``__delattr__`` are :class:`Value`'s too and refuse every change with the dataclass's own
  ``FrozenInstanceError``: a record is as frozen as a frozen dataclass;
- ``__init__`` is written and compiled the first time a record of that class is made, with the same parameters
  as the dataclass's (positional fields, then the keyword-only ones; defaults and default factories), and it
  stores the fields as the frozen dataclass's does. The records read from the journal are made without it
  (``Record.from_rows``), so many classes a command loads never need one.

It stays a frozen dataclass (``fields``, ``replace`` and ``asdict`` work, and ``__dataclass_params__.frozen`` is
true), and is what the frozen dataclass would be in the rest too:

- ``inspect.signature`` of the class is the dataclass's ``__init__``'s before one is made, and a record declared
  without a docstring gets the dataclass's one (``Name(field: type, ...)``), both from its fields;
- a record that writes its own ``__eq__`` stays hashable, by its fields, as a frozen dataclass does.

A class extending a record is a record too (``@record``), or a ``@dataclass(frozen=True)`` (which compiles its own
methods); a plain ``@dataclass`` on a record is refused by the dataclass machinery (a non-frozen dataclass cannot
extend a frozen one). ``@dataclass(frozen=True, eq=False, repr=False)`` on :class:`Value` itself still works (it
compiles its own ``__init__``, ``__setattr__`` and ``__delattr__``).
"""

from __future__ import annotations

import inspect  # dataclasses imports it: loading it here costs nothing
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

C = TypeVar("C", bound=type)

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


class _Signature:
    """``inspect.signature`` of a record class whose ``__init__`` is not compiled yet: the one it will have, from
    its fields (None otherwise: ``inspect`` then reads ``__init__``)."""

    def __get__(self, instance: object, owner: type) -> inspect.Signature | None:
        if instance is None and getattr(getattr(owner, "__init__", None), "_record_first_init", False):
            return _signature(owner)
        return None


class Value:
    """Base of a frozen dataclass declared with ``eq=False, repr=False``: compared, hashed and shown by its
    fields as a dataclass's generated methods would."""

    __slots__ = ()
    __signature__ = _Signature()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: C) -> C:
    """A frozen dataclass on :class:`Value` whose methods are compiled only when needed (see the module's text):
    ``@record`` is ``@dataclass(frozen=True, eq=False, repr=False)`` made cheaply."""
    if Value not in cls.__mro__:
        raise TypeError(f"{cls.__qualname__} must extend Value to be a record")
    if "__init__" in cls.__dict__:  # the dataclass would keep it; a record's own __init__ would replace it
        raise TypeError(f"{cls.__qualname__}: a record makes its own __init__ (use __post_init__)")
    if "__eq__" in cls.__dict__ and cls.__dict__.get("__hash__", False) is None:
        # Python unsets the hash of a class that writes its own __eq__; the frozen dataclass hashes the fields.
        type.__setattr__(cls, "__hash__", Value.__hash__)
    documented = cls.__dict__.get("__doc__") is not None
    # Given its fields with nothing compiled: the dataclass is asked for no frozen methods (Value refuses every
    # change), and the bases are shown to it as not frozen for that while, then the class is marked frozen.
    bases = [b for b in cls.__mro__[1:] if getattr(b.__dict__.get("__dataclass_params__"), "frozen", False)]
    for base in bases:
        base.__dict__["__dataclass_params__"].frozen = False
    try:
        dataclass(init=False, eq=False, repr=False)(cls)  # the same class, given its fields
    finally:
        for base in bases:
            base.__dict__["__dataclass_params__"].frozen = True
    cls.__dict__["__dataclass_params__"].frozen = True
    _check_parameters(cls)
    type.__setattr__(cls, "__init__", _first_init(cls))
    if not documented:  # the dataclass wrote it from the __init__ the class had then
        type.__setattr__(cls, "__doc__", cls.__name__ + str(_signature(cls)).replace(" -> None", ""))
    return cls


def _signature(cls: type) -> inspect.Signature:
    """The signature of the frozen dataclass's ``__init__`` (without ``self``), from the fields."""
    positional: list[inspect.Parameter] = []
    keyword: list[inspect.Parameter] = []
    for f in fields(cls):
        if not f.init:
            continue
        kind = inspect.Parameter.KEYWORD_ONLY if f.kw_only else inspect.Parameter.POSITIONAL_OR_KEYWORD
        default = (
            f.default
            if f.default is not MISSING
            else (_FACTORY if f.default_factory is not MISSING else inspect.Parameter.empty)
        )
        parameter = inspect.Parameter(f.name, kind, default=default, annotation=f.type)
        (keyword if f.kw_only else positional).append(parameter)
    return inspect.Signature([*positional, *keyword], return_annotation=None)  # as _compiled_init orders them


def _check_parameters(cls: type) -> None:
    """Refuse, when the class is made, what the dataclass would refuse when it compiles ``__init__``."""
    everything = cls.__dataclass_fields__.values()  # type: ignore[attr-defined]
    if any(type(f.type).__name__ == "InitVar" or "InitVar" in str(f.type) for f in everything):
        raise TypeError(f"{cls.__qualname__}: a record takes no InitVar")
    defaulted = None
    for f in fields(cls):
        if f.name == "self":
            raise TypeError(f"{cls.__qualname__}: a record has no field called self")
        if not f.init or f.kw_only:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = f.name
        elif defaulted is not None:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")


def _first_init(cls: type) -> Callable[..., None]:
    """The ``__init__`` a record class starts with: it compiles the real one, puts it in its place and runs it."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        made = _compiled_init(cls)
        type.__setattr__(cls, "__init__", made)
        made(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__._record_first_init = True  # type: ignore[attr-defined]  # read by Value.__signature__
    return __init__


class _Factory:
    """The default of an argument whose field has a default factory (shown as the dataclass shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _compiled_init(cls: type) -> Callable[..., None]:
    """The ``__init__`` the frozen dataclass would have: the same parameters, the fields stored the same way."""
    names: dict[str, Any] = {"__store": object.__setattr__, "__FACTORY": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in fields(cls):
        if f.default_factory is not MISSING:
            names[f"__factory_{f.name}"] = f.default_factory
        if not f.init:
            if (
                f.default_factory is not MISSING
            ):  # a default alone stays on the class, as the dataclass leaves it
                body.append(f"__store(self, {f.name!r}, __factory_{f.name}())")
            continue
        parameter = f.name
        if f.default is not MISSING:
            names[f"__default_{f.name}"] = f.default
            parameter += f"=__default_{f.name}"
        elif f.default_factory is not MISSING:
            parameter += "=__FACTORY"
            body.append(f"if {f.name} is __FACTORY: {f.name} = __factory_{f.name}()")
        (keyword if f.kw_only else positional).append(parameter)
        body.append(f"__store(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    parameters = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    lines = "\n".join(f"    {line}" for line in body or ["pass"])
    namespace: dict[str, Any] = {}
    exec(f"def __init__({parameters}):\n{lines}\n", names, namespace)
    made: Callable[..., None] = namespace["__init__"]
    made.__qualname__ = f"{cls.__qualname__}.__init__"
    made.__annotations__ = {**{f.name: f.type for f in fields(cls) if f.init}, "return": None}
    return made
