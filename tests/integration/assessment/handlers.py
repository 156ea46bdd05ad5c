"""One harness for the command handlers on either store adapter, so the fake cannot drift.

``Harness.given`` records typed events (as the domain returns them) through the context's
recorder, which projects them (into the dicts or the tables); ``recorded`` is what the handler
under test recorded after them, as (type, subject, data) read back from the adapter.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from services.assessment import domain_organisation as rules
from services.assessment import domain_periods
from services.assessment.wiring import Context
from shared.recording import decided
from tests.support import people

STREAM_PREFIX = {"UnitRegistered": "unit", "CompetencyStandardSet": "position",
                 "EmployeeRegistered": "employee", "AppraisalPeriodOpened": "period",
                 "AppraisalPeriodClosed": "period"}


@dataclass
class Harness:
    """A command context on one adapter, what it recorded, and events to start from."""

    adapter: str
    context: Context
    read_events: Callable[[], list[tuple[str, str, dict]]]
    versions: dict[str, int] = field(default_factory=dict)
    _mark: int = 0

    @property
    def store(self):
        return self.context.store

    def given(self, *events) -> None:
        """Record these decided events as history, then start counting what gets recorded."""
        for event in events:
            kind = event.TYPE.split(".")[1]
            subject = getattr(event, "nip", None) or getattr(event, "period_id", None) or \
                getattr(event, "position_code", None) or event.code
            stream = f"{STREAM_PREFIX[kind]}-{subject}"
            version = self.versions.get(stream, 0)
            self.context.recorder.record(stream, version, [decided(event, subject)])
            self.versions[stream] = version + 1
        self._mark = len(self.read_events())

    def recorded(self) -> list[tuple[str, str, dict]]:
        """(type, subject, data) of each event recorded since ``given``."""
        return self.read_events()[self._mark:]


def standard(*codes: str, level: int = 3) -> tuple[dict, ...]:
    return tuple({"competency": code, "required_level": level} for code in codes)


def organisation(period_open: bool = True) -> list:
    """A unit, two positions, a head, a supervisor and two employees, and (if so) an open period."""
    events = [rules.UnitRegistered("BKPSDM", "Badan Kepegawaian", None),
              rules.CompetencyStandardSet("KABID", "Kepala Bidang", "ADMINISTRATOR",
                                          standard(*people.CORE, level=3)),
              rules.CompetencyStandardSet("ANALIS", "Analis SDM", "AHLI_PERTAMA",
                                          standard("M.01", "M.02", "SK.01", level=2))]
    for nip, position, boss in ((people.HEAD, "KABID", None),
                                (people.SUPERVISOR, "KABID", people.HEAD),
                                (people.EMPLOYEE, "ANALIS", people.SUPERVISOR),
                                (people.PEER, "ANALIS", people.SUPERVISOR)):
        events.append(rules.EmployeeRegistered(nip, f"Pegawai {nip[-3:]}", position, "BKPSDM", boss))
    if period_open:
        events.append(domain_periods.AppraisalPeriodOpened(people.PERIOD, "quarterly", 2026, 1,
                                                  "2026-01-01", "2026-03-31"))
    return events
