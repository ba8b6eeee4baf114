"""Whether two loaded series hold the same values, so that a chart lane whose input did not change is left as
it is (a saved check-in changes the pain, mood and sleep lanes, not twenty years of medications)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np


def same_values(a: object, b: object) -> bool:
    """True when ``a`` and ``b`` hold equal values: arrays element by element (NaN equal to NaN, the dtype
    not compared), dataclasses field by field, lists, tuples and dicts item by item, anything else by ``==``.

    >>> same_values([np.array([1.0, np.nan])], [np.array([1.0, np.nan])])
    True
    >>> same_values((np.array([1.0]), 2), (np.array([1.0, 2.0]), 2))
    False
    """
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
            return False
        if a.dtype.kind in "fc" or b.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        return bool(np.array_equal(a, b))
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return all(same_values(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list | tuple):
        assert isinstance(b, list | tuple)
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping):
        assert isinstance(b, Mapping)
        if a.keys() != b.keys():
            return False
        try:  # a day's counts: compared in C, where a value by value walk would cost a save milliseconds
            return bool(a == b)
        except ValueError:  # arrays among the values
            return all(same_values(a[k], b[k]) for k in a)
    return bool(a == b)
