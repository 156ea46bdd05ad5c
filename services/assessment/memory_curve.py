"""The curve's part of the in-memory adapter: each unit's recorded curve and the employees'
predikat, fed by the same events as the ``unit_curves`` and ``assessments`` tables."""
from __future__ import annotations

from dataclasses import replace

from services.assessment.domain_distribution import CurveState, UnitCurve
from shared.envelope import Event


class MemoryCurveStore:
    """Unit curves by (period, unit); supervisors' predikat by (period, NIP) with the unit."""

    units: dict
    periods: dict

    def __init__(self) -> None:
        self.curves: dict[tuple[str, str], UnitCurve] = {}
        self.predikats: dict[tuple[str, str], tuple[str, str]] = {}  # -> (unit code, predikat)

    def apply_curve(self, event: Event) -> None:
        """Apply one of the service's events that the curve reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind == "UnitPredicateSet":
            self.curves[(d["period_id"], d["unit_code"])] = UnitCurve(d["predikat"], False,
                                                                      event.version)
        elif kind == "CurveExceptionRecorded":
            key = (d["period_id"], d["unit_code"])
            self.curves[key] = replace(self.curves[key], exception=True, version=event.version)
        elif kind == "AssessmentSubmitted" and d["role"] == "supervisor" and d["predikat"]:
            self.predikats[(d["period_id"], d["nip"])] = (d["unit_code"], d["predikat"])
        elif kind == "AssessmentReopened" and d["role"] == "supervisor":
            self.predikats.pop((d["period_id"], d["nip"]), None)

    def curve_state(self, period_id: str) -> CurveState:
        """The period's status, the units, each unit's curve and the employees' predikat."""
        return CurveState(self.periods.get(period_id), dict(self.units),
                          {unit: c for (p, unit), c in self.curves.items() if p == period_id},
                          tuple(found for (p, nip), found in sorted(self.predikats.items())
                                if p == period_id))
