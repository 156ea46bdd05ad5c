"""The period's review, through the public HTTP APIs as the people who do it: HR opens a
calibration session for the head office, one appraising official changes a report's predikat with
a reason, HR closes the session; another employee objects to their result (keberatan), their
official explains and the official's superior decides. Each once: a rerun finds them done and
records nothing (an objection a rerun finds filed but not decided is taken on from where it is).
"""
from __future__ import annotations

from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from demo.agency import ROOT, Agency, Employee
from shared.config import Settings

CALIBRATION_REASON = ("Kalibrasi unit: capaian hasil kerja triwulan ini di atas target yang"
                      " disepakati dalam SKP")
OBJECTION_REASONS = ("Bukti dukung capaian target utama sudah saya unggah tetapi belum"
                     " dipertimbangkan")
EXPLANATION = "Bukti dukung diterima setelah penilaian dikirim; penilaian sesuai data saat itu"
DECISION_REASON = "Bukti dukung yang diunggah tidak mengubah capaian target utama"


def candidates(agency: Agency, rows: dict[str, dict], left: Employee | None) -> list[Employee]:
    """Employees with a submitted supervisor assessment whose official has a superior (so an
    objection has someone to decide it), the portal's employee left out, in the agency's order."""
    people = {e.nip: e for e in agency.employees}
    return [e for e in agency.employees[2:] if e.supervisor_nip and e != left
            and rows.get(e.nip, {}).get("supervisor_status") == "submitted"
            and people[e.supervisor_nip].supervisor_nip]


def review(settings: Settings, hr: ApiClient, agency: Agency, period: str,
           rows: dict[str, dict], left: Employee | None) -> dict:
    """The calibration and the objection of the period, done now or found done."""
    found = candidates(agency, rows, left)
    if len(found) < 2:
        return {}
    people = {e.nip: e for e in agency.employees}
    as_ = (lambda nip: client_for(settings, "assessment", dev_token(settings, nip, ["employee"]),
                                  hr.language))
    return {"calibration": calibrate(hr, as_, period, found[0]),
            "objection": object_to(hr, as_, period, found[1],
                                   people[people[found[1].supervisor_nip].supervisor_nip])}


def calibrate(hr: ApiClient, as_, period: str, person: Employee) -> dict:
    """HR's session on the head office, the official's change of the person's predikat."""
    one = f"/periods/{period}/assessments/{person.nip}/supervisor"
    changes = hr.get(f"{one}/predikat-changes")
    if not changes:
        current = hr.get(one)["predikat"]
        session = f"/periods/{period}/units/{ROOT}/calibration"
        try:
            hr.post(session)
        except ApiError as exc:
            if exc.code != "calibration_open":
                raise
        as_(person.supervisor_nip).post(f"{one}/calibration", {
            "predikat": "SANGAT_BAIK" if current == "BAIK" else "BAIK",
            "reason": CALIBRATION_REASON})
        hr.post(f"{session}/close")
        changes = hr.get(f"{one}/predikat-changes")
    change = changes[0]
    return {"nip": person.nip, "name": person.name, "previous": change["previous"],
            "predikat": change["predikat"], "reason": change["reason"]}


def object_to(hr: ApiClient, as_, period: str, person: Employee, superior: Employee) -> dict:
    """The person's objection, the official's explanation and the superior's decision."""
    one = f"/periods/{period}/assessments/{person.nip}/supervisor/objection"
    try:
        objection = hr.get(one)
    except ApiError as exc:
        if exc.status != 404:
            raise
        try:
            objection = as_(person.nip).post(one, {"reasons": OBJECTION_REASONS})
        except ApiError as late:  # a rerun after the days to object
            if late.code != "objection_late":
                raise
            return {"nip": person.nip, "name": person.name, "late": True}
    if objection["status"] == "filed":
        objection = as_(person.supervisor_nip).post(f"{one}/explanation",
                                                    {"explanation": EXPLANATION})
    if objection["status"] != "decided":
        objection = as_(superior.nip).post(f"{one}/decision", {
            "decision": "upheld", "reason": DECISION_REASON})
    return {"nip": person.nip, "name": person.name, "predikat": objection["predikat"],
            "superior": superior.name, "decision": objection["decision"],
            "new_predikat": objection["new_predikat"]}
