"""Assessment events as another service receives them, for the consumers' tests and benchmarks."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from types import SimpleNamespace

from shared.envelope import Event, to_record
from tests.support.people import CORE, PERIOD

SOURCE = "/asn/assessment"


def _event(type_: str, subject: str, data: dict, stream: str, version: int = 1) -> Event:
    return Event(id=uuid.uuid4(), type=f"assessment.{type_}.v1", source=SOURCE, subject=subject,
                 time=datetime.now(timezone.utc), data=data, stream_id=stream, version=version,
                 metadata={"actor": "197507072000031006"})


def unit(code: str, name: str, parent: str | None = None) -> Event:
    return _event("UnitRegistered", code, {"code": code, "name": name, "parent_code": parent},
                  f"unit-{code}")


def competency(code: str, kind: str = "managerial") -> Event:
    level = {"title": {"id": "Level", "en": "Level"}, "indicators": ["Indikator"]}
    return _event("CompetencyDefined", code, {
        "code": code, "kind": kind, "name": {"id": f"Kompetensi {code}", "en": f"Competency {code}"},
        "definition": {"id": "Definisi", "en": "Definition"},
        "levels": [{"level": n, **level} for n in range(1, 6)]}, f"competency-{code}")


def employee(nip: str, unit_code: str, supervisor: str | None, name: str = "Pegawai",
             position: str = "ANALIS", version: int = 1) -> Event:
    data = {"nip": nip, "name": name, "position_code": position, "unit_code": unit_code,
            "supervisor_nip": supervisor}
    if version == 1:
        return _event("EmployeeRegistered", nip, data, f"employee-{nip}")
    return _event("EmployeeUpdated", nip, {**data, "changed": ["supervisor_nip"]},
                  f"employee-{nip}", version)


def period(period_id: str = PERIOD, year: int = 2026, quarter: int | None = 1,
           starts_on: date = date(2026, 1, 1), ends_on: date = date(2026, 3, 31)) -> Event:
    return _event("AppraisalPeriodOpened", period_id, {
        "period_id": period_id, "kind": "quarterly" if quarter else "annual", "year": year,
        "quarter": quarter, "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
        f"period-{period_id}")


def submitted(nip: str, role: str, assessor: str, levels: dict | int = 3, *, required: int = 3,
              submission: int = 1, unit_code: str = "UNIT", period_id: str = PERIOD,
              work_result: str = "SESUAI", work_behaviour: str = "SESUAI", codes=CORE) -> Event:
    """An AssessmentSubmitted; ``levels`` is one level for all, or {code: level} over 3."""
    by_code = levels if isinstance(levels, dict) else {}
    base = levels if isinstance(levels, int) else 3
    ratings = [{"competency": c, "level": by_code.get(c, base), "required_level": required,
                "evidence": "Bukti", "comment": ""} for c in codes]
    return _event("AssessmentSubmitted", nip, {
        "period_id": period_id, "nip": nip, "role": role, "assessor_nip": assessor,
        "position_code": "ANALIS", "job_level": "AHLI_PERTAMA", "unit_code": unit_code,
        "submission": submission, "ratings": ratings, "work_result": work_result,
        "work_behaviour": work_behaviour,
        "predikat": "BAIK" if role == "supervisor" else None},
        f"assessment-{period_id}-{nip}-{role}", 2 * submission - 1)


def reopened(nip: str, role: str, period_id: str = PERIOD, submission: int = 1) -> Event:
    return _event("AssessmentReopened", nip, {
        "period_id": period_id, "nip": nip, "role": role, "reason": "Salah input",
        "reopened_by": "197507072000031006"}, f"assessment-{period_id}-{nip}-{role}", 2 * submission)


class Records:
    """Consumed records without a broker, numbered like one partition of ``topic``, for
    database-only tests of handlers and reactors (the Kafka path has tests of its own)."""

    def __init__(self, topic: str = "assessment.events") -> None:
        self.topic, self.offset = topic, -1

    def __call__(self, *events: Event) -> list:
        records = []
        for event in events:
            self.offset += 1
            key, value, headers = to_record(event)
            records.append(SimpleNamespace(topic=self.topic, partition=0, offset=self.offset,
                                           key=key, value=value, headers=headers))
        return records
