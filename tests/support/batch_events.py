"""Random runs of events for the batch projectors' equivalence tests (tests/integration/
test_batch_projectors.py): hypothesis draws steps of a few small numbers, ``Build`` turns them
into valid events with few keys, so that the same row is hit again and again."""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from shared.envelope import Event

NIPS = [f"19800101200501100{n}" for n in range(3)]
PERIODS = ["2026-Q1", "2026-Q2"]
CODES = ["INTEGRITAS", "KERJASAMA", "KOMUNIKASI"]
ROLES = ("self", "supervisor")
TEXT = "Biro Umum \u2019\"\\ 'x' %s"  # quotes, a backslash, a percent sign
_START = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)


def steps(kinds: tuple[str, ...]) -> st.SearchStrategy:
    """Lists of (kind, a, b, c, flag): the builder reads the small numbers as keys and levels.
    A drawn step comes 1 to 4 times in a row with other values (c): runs of one type that hit
    the same keys again with different values."""
    small = st.integers(0, 2)
    drawn = st.lists(st.tuples(st.sampled_from(kinds), small, small, st.integers(0, 4),
                               st.booleans(), st.integers(1, 4)), max_size=20)
    return drawn.map(lambda found: [(kind, a, b, (c + 3 * i) % 5, flag)
                                    for kind, a, b, c, flag, times in found
                                    for i in range(times)])


class Build:
    """Events of one service, in order, with versions and counters kept valid."""

    def __init__(self, service: str) -> None:
        self.source, self.events = f"/asn/{service}", []
        self.versions: Counter = Counter()  # stream -> last version
        self.counts: Counter = Counter()    # anything counted: units, dialogues, submissions...
        self.used: set = set()              # keys a plain INSERT may write once only
        self.last: dict = {}                # the latest of something per key

    def add(self, ce_type: str, subject: str, stream: str, data: dict) -> None:
        self.versions[stream] += 1
        n = len(self.events)
        self.events.append(Event(
            id=uuid.uuid4(), type=ce_type, source=self.source, subject=subject,
            time=_START + timedelta(seconds=n, microseconds=(n * 7919) % 1_000_000), data=data,
            stream_id=stream, version=self.versions[stream], metadata={"actor": NIPS[0]}))

    def once(self, key) -> bool:
        """True the first time ``key`` is asked (rows a plain INSERT may write once only)."""
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def next(self, key) -> int:
        self.counts[key] += 1
        return self.counts[key]


def ratings(a: int, c: int) -> list[dict]:
    return [{"competency": code, "level": 1 + (a + c + i) % 5, "required_level": 1 + (c + i) % 4,
             "evidence": TEXT, "comment": ""} for i, code in enumerate(CODES[:1 + a])]


def submitted(b: Build, nip: str, role: str, period: str, c: int, flag: bool,
              submission: int | None = None) -> None:
    stream = f"assessment-{period}-{nip}-{role}"
    data = {"period_id": period, "nip": nip, "role": role, "assessor_nip": NIPS[(c + 1) % 3],
            "position_code": f"P{c % 2}", "job_level": "AHLI_MUDA", "unit_code": f"U{c % 2}",
            "submission": submission or b.next(stream), "ratings": ratings(c % 3, c),
            "work_result": ["DI_ATAS", "SESUAI", "DI_BAWAH"][c % 3], "work_behaviour": "SESUAI",
            "predikat": None if role == "self" else ["BAIK", "CUKUP"][c % 2]}
    if flag and role == "supervisor":
        data.update(work_result_proposed="SESUAI", **({"work_result_reason": TEXT} if c % 2 else {}))
    b.add("assessment.AssessmentSubmitted.v1", nip, stream, data)


def reopened(b: Build, nip: str, role: str, period: str) -> None:
    b.add("assessment.AssessmentReopened.v1", nip, f"assessment-{period}-{nip}-{role}",
          {"period_id": period, "nip": nip, "role": role, "reason": TEXT, "reopened_by": NIPS[0]})


def employee(b: Build, nip: str, c: int, flag: bool) -> None:
    stream = f"employee-{nip}"
    data = {"nip": nip, "name": f"{TEXT} {c}", "position_code": f"P{c % 2}",
            "unit_code": f"U{c % 3}", "supervisor_nip": NIPS[c % 3] if flag else None}
    if b.versions[stream]:
        b.add("assessment.EmployeeUpdated.v1", nip, stream,
              {**data, "changed": ["name", "unit_code"][:c % 3]})
    else:
        b.add("assessment.EmployeeRegistered.v1", nip, stream, data)


def unit(b: Build, code: str, c: int, flag: bool) -> None:
    b.add("assessment.UnitRegistered.v1", code, f"unit-{code}",
          {"code": code, "name": f"{TEXT} {c}", "parent_code": "U0" if flag else None})


def period_opened(b: Build, period: str) -> None:
    b.add("assessment.AppraisalPeriodOpened.v1", period, f"period-{period}", {
        "period_id": period, "kind": "quarterly", "year": 2026, "quarter": 1 + PERIODS.index(period),
        "starts_on": "2026-01-01", "ends_on": "2026-03-31"})
