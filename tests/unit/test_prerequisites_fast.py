"""The prerequisites' per-record work, worked out once per type: the same verdicts, the same keys
released and the same things noted as the loops over every reference they replace, on random rules
and events; and ``Seen`` answers what it asked before without building sets or asking again."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.envelope import Event
from shared.prerequisites import Prerequisites, Refers, key
from shared.seen import Known, Seen

TYPES = ("a.One.v1", "a.Two.v1", "a.Three.v1", "a.Four.v1")
FIELDS = ("nip", "period_id", "unit", "")
NAMES = ("employee", "period", "unit")
VALUES = st.one_of(st.none(), st.sampled_from(("x", "y", "z", "")), st.integers(0, 3))


def _old_note(rules: Prerequisites, seen: Seen, event: Event) -> None:
    seen.causes[1].add(event.id)
    for refs in rules.refers.values():
        for ref in refs:
            announced = ref.known.announced_by.get(event.type)
            if announced and ref.known.name in seen.things:
                seen.things[ref.known.name][1].add(event.data.get(announced))


def _old_released(rules: Prerequisites, event: Event) -> list[str]:
    keys = [key("event", event.id)]
    for refs in rules.refers.values():
        for ref in refs:
            announced = ref.known.announced_by.get(event.type)
            if announced and event.data.get(announced) is not None:
                keys.append(key(ref.known.name, event.data[announced]))
    return list(dict.fromkeys(keys))


@st.composite
def rules(draw) -> Prerequisites:
    knowns = [Known(draw(st.sampled_from(NAMES)), "t", "c",
                    draw(st.dictionaries(st.sampled_from(TYPES), st.sampled_from(FIELDS),
                                         max_size=3)))
              for _ in range(draw(st.integers(0, 4)))]
    if not knowns:
        return Prerequisites()
    refers = draw(st.dictionaries(st.sampled_from(TYPES), st.lists(
        st.builds(Refers, st.sampled_from(FIELDS), st.sampled_from(knowns), st.booleans()),
        max_size=3).map(tuple), max_size=4))
    return Prerequisites(refers=refers)


@st.composite
def events(draw) -> Event:
    data = draw(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=4))
    return Event(id=uuid.UUID(int=draw(st.integers(0, 5))), type=draw(st.sampled_from(TYPES)),
                 source="/asn/a", subject="s", time=datetime.now(timezone.utc), data=data)


def _seen(names: list[str]) -> Seen:
    return Seen(None, "c", {name: (set(), {"x"}) for name in names}, (set(), set()))


@settings(max_examples=300, deadline=None)
@given(rules(), st.lists(events(), max_size=6), st.lists(st.sampled_from(NAMES), max_size=3))
def test_released_and_noted_as_the_loops_over_every_reference_did(rules, applied, names):
    old, new = _seen(names), _seen(names)
    for event in applied:
        assert rules.released(event) == _old_released(rules, event)
        _old_note(rules, old, event)
        rules.note(new, event)
        assert new.things == old.things and new.causes == old.causes


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return self.rows


class _Conn:
    """Answers a Known's query with the values asked that start with ``k``, and counts queries."""

    def __init__(self):
        self.queries = 0

    def execute(self, query, params):
        self.queries += 1
        return _Rows([{"v": v, "event_id": v} for v in params[0] if str(v).startswith("k")]
                     if isinstance(params, tuple) else [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(("k1", "k2", "o1", "o2")), max_size=12))
def test_seen_asks_each_value_once_and_answers_as_before(values):
    conn = _Conn()
    seen = Seen(conn, "c", {}, (set(), set()))
    thing = Known("employee", "employees", "nip", {})
    for value in values:
        assert seen.knows(thing, value) == value.startswith("k")
    assert conn.queries == len(set(values))
