"""The batch view knows the events still to come while parked ones are released among them."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from psycopg.types.json import Jsonb

from shared.batchview import BatchView
from shared.envelope import Event
from shared.eventstore import document
from shared.projecting import DATA_TEXTS

AT = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _event(n: int) -> Event:
    return Event(id=uuid.UUID(int=n), type="t", source="s", subject=f"nip{n % 3}", time=AT,
                 data={"n": n})


class Rebuilt:
    """The view as it was: released events spliced into the list, the index rebuilt each time
    (quadratic over a batch that releases often, hence the change)."""

    def __init__(self, events: list[Event]) -> None:
        self.events, self.at = list(events), -1
        self.index = {e.id: n for n, e in enumerate(self.events)}

    def now(self, event: Event) -> None:
        self.at = self.index.get(event.id, self.at)

    def next_up(self, events: list[Event]) -> None:
        self.events[self.at + 1:self.at + 1] = events
        self.index = {e.id: n for n, e in enumerate(self.events)}

    def upcoming(self) -> list[Event]:
        return self.events[self.at + 1:]


# What the runner does: release k parked events next, or decide the event j places ahead (the
# ones before it are skipped: duplicates, records that did not decode).
STEPS = st.lists(st.one_of(st.tuples(st.just("release"), st.integers(1, 4)),
                           st.tuples(st.just("decide"), st.integers(0, 3))), max_size=40)


@settings(max_examples=300, deadline=None)
@given(size=st.integers(0, 12), steps=STEPS)
def test_what_is_upcoming_is_what_splicing_the_released_events_in_gave(size, steps):
    batch = [_event(n) for n in range(size)]
    view, model, fresh = BatchView(list(batch)), Rebuilt(batch), iter(range(1000, 2000))
    for step, n in steps:
        if step == "release":
            released = [_event(next(fresh)) for _ in range(n)]
            view.next_up(released)
            model.next_up(released)
        elif n < len(model.upcoming()):
            event = model.upcoming()[n]
            view.now(event)
            model.now(event)
            assert view.current == event
        assert view.upcoming() == model.upcoming()
    assert view.events == batch, "the batch's own list is left as it came"


def test_released_events_come_before_the_rest_and_a_release_among_them_comes_first():
    a, b, c, r1, r2, r3 = (_event(n) for n in range(6))
    view = BatchView([a, b, c])
    view.now(a)
    view.next_up([r1, r2])
    assert view.upcoming() == [r1, r2, b, c]
    view.now(r1)
    view.next_up([r3])  # released by r1: decided before r2
    assert view.upcoming() == [r3, r2, b, c]
    view.now(r3)
    view.now(r2)
    assert view.upcoming() == [b, c]
    view.now(c)
    assert view.upcoming() == [] and view.decided == {"nip0": 2, "nip1": 1, "nip2": 2}


class Statements:
    """A connection that keeps what it is sent."""

    def __init__(self) -> None:
        self.sent: list = []

    def execute(self, statement, params=None) -> None:
        self.sent.append((statement, params))


def test_the_kept_events_are_applied_with_the_data_their_event_rows_sent():
    decided = _event(7)
    seen = []
    view = BatchView([], apply=lambda conn, events: seen.append(
        {e.id: DATA_TEXTS.get().get(e.id) for e in events}))
    row = document(decided.data)
    view.rows.append((decided.id, "stream", 1, "t", "nip", row, Jsonb({}), AT))
    view.keep([decided])
    conn = Statements()
    view.catch_up(conn)
    assert len(conn.sent) == 1  # the event rows' INSERT, then the projectors (here: ``seen``)
    assert seen == [{decided.id: row.dumps(decided.data)}]
    assert DATA_TEXTS.get() is None  # only while they are applied
