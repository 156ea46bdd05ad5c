"""The annual appraisal's part of the in-memory adapter, fed by the same events as the periods,
the assessments and ``annual_predikats``."""
from __future__ import annotations

from services.assessment.domain_annual import AnnualState, PeriodicResult
from shared.envelope import Event


class MemoryAnnualStore:
    """Each period's kind, year and start; the annual streams' versions. The standing predikat
    and the officials come from the curve's and calibration's parts."""

    periods: dict
    predikats: dict
    assessors: dict
    received: dict

    def __init__(self) -> None:
        self.period_kinds: dict[str, tuple[str, int, str]] = {}  # id -> (kind, year, starts_on)
        self.annual_versions: dict[tuple[str, str], int] = {}

    def apply_annual(self, event: Event) -> None:
        """Apply one of the service's events the annual appraisal reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind == "AppraisalPeriodOpened":
            self.period_kinds[d["period_id"]] = (d["kind"], d["year"], d["starts_on"])
        elif kind == "AnnualPredikatConfirmed":
            self.annual_versions[(d["period_id"], d["nip"])] = event.version
            self.predikats[(d["period_id"], d["nip"])] = (d["unit_code"], d["predikat"])
            self.received[(d["period_id"], d["nip"])] = event.time  # the result as received

    def annual_state(self, period_id: str, nip: str) -> AnnualState:
        """The annual period, the annual assessment, the year's periodic results, the stream."""
        kind, year, _ = self.period_kinds.get(period_id, (None, None, None))
        standing = self.predikats.get((period_id, nip))
        assessed = standing and (standing[0], standing[1], self.assessors[(period_id, nip)])
        periodic = sorted((starts, pid, self.predikats[(pid, nip)][1])
                          for pid, (k, y, starts) in self.period_kinds.items()
                          if k in ("monthly", "quarterly") and y == year
                          and (pid, nip) in self.predikats)
        return AnnualState(kind, self.periods.get(period_id), assessed or None,
                           tuple(PeriodicResult(pid, p) for _, pid, p in periodic),
                           self.annual_versions.get((period_id, nip), 0))
