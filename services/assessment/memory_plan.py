"""A plan's part of the in-memory adapter, fed by the same events as ``plans``, and the evidence
files kept beside them."""
from __future__ import annotations

from services.assessment.domain_plan import AGREED, PROPOSED, RETURNED, PlanState
from shared.envelope import Event

_STATUS = {"PlanProposed": PROPOSED, "PlanRevised": PROPOSED, "PlanReturned": RETURNED,
           "PlanAgreed": AGREED}
_OWN = (*_STATUS, "EvidenceAdded", "RealisationRecorded")


class MemoryPlanStore:
    """Each plan's status, revision, RHK numbers and version; the evidence files."""

    employees: dict
    periods: dict

    def __init__(self) -> None:
        self.plans: dict[tuple[str, str], dict] = {}
        self.files: dict[str, dict] = {}

    def apply_plan(self, event: Event) -> None:
        """Apply one of the service's events that a plan reads (others are ignored)."""
        d, kind = event.data, event.type.split(".")[1]
        if kind not in _OWN:
            return
        plan = self.plans.setdefault((d["period_id"], d["nip"]),
                                     {"last_rhk": 0, "agreed_revision": None, "realised": {}})
        plan["version"] = event.version
        if kind in ("PlanProposed", "PlanRevised"):
            plan.update(revision=d["revision"], results=tuple(r["rhk"] for r in d["results"]),
                        mains=tuple(r["rhk"] for r in d["results"] if r["main"]), proposed=None)
            plan["last_rhk"] = max(plan["last_rhk"], *plan["results"])
        if kind == "RealisationRecorded":
            plan["realised"][d["rhk"]] = d["realisation"]
            plan["proposed"] = d["proposed"]
        if kind == "PlanAgreed":
            plan["agreed_revision"] = d["revision"]
        plan["status"] = _STATUS.get(kind, plan.get("status"))

    def plan_state(self, period_id: str, nip: str) -> PlanState:
        """The plan's state with the employee, their official, the period and the official's
        plan."""
        person = self.employees.get(nip)
        official = person and person.supervisor_nip
        superior = self.plans.get((period_id, official))
        base = PlanState(person and nip, official, self.periods.get(period_id),
                         superior_results=superior and superior["results"])
        plan = self.plans.get((period_id, nip))
        if plan is None:
            return base
        return PlanState(base.employee, official, base.period_status, plan["status"],
                         plan["revision"], plan["results"], plan["last_rhk"],
                         plan["agreed_revision"], base.superior_results, plan["version"],
                         plan["mains"], tuple(sorted(plan["realised"].items())), plan["proposed"])

    def keep_file(self, file_id: str, period_id: str, nip: str, media_type: str,
                  sha256: str, content: bytes) -> None:
        """Keep an evidence file's content."""
        self.files[file_id] = {"period_id": period_id, "nip": nip, "media_type": media_type,
                               "sha256": sha256, "content": content}
