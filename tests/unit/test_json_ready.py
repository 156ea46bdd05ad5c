"""A decided event's data as the recorder turns it into JSON-ready values: the walk that skips
plain items and tests exact lists, tuples and dicts first gives what the walk it replaces gave,
on random nests of dataclasses, lists, tuples, dicts, subclasses of them and other values."""
from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.recording import _json_ready

_PLAIN = (str, int, float, type(None))


def _old(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _old(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if dataclasses.is_dataclass(value):
        return {f.name: _old(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _old(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_old(item) for item in value]
    return value


@dataclasses.dataclass(frozen=True)
class Pair:
    left: Any
    right: Any


@dataclasses.dataclass(frozen=True)
class One:
    value: Any


class Listy(list):
    pass


class Dicty(dict):
    pass


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(max_size=5), st.uuids(), st.just(uuid))
NESTS = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.lists(inner, max_size=3).map(Listy),
    st.dictionaries(st.text(max_size=3), inner, max_size=3),
    st.dictionaries(st.text(max_size=3), inner, max_size=3).map(Dicty),
    st.builds(Pair, inner, inner), st.builds(One, inner)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(NESTS)
def test_the_same_json_ready_values_as_before(value):
    new, old = _json_ready(value), _old(value)
    assert new == old and repr(new) == repr(old)
