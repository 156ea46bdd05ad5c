"""The summary a head of HR wants after a period, read from the services' HR endpoints.

``gather`` returns plain numbers (the integration test checks them against the databases);
``render`` turns them into the report in Bahasa Indonesia or English.
"""
from __future__ import annotations

from collections import Counter

from demo.agency import ROOT, Agency
from demo.drive import period_year
from demo.texts import texts
from tools.apiclient import ApiClient


def gather(clients: dict[str, ApiClient], agency: Agency, period_id: str,
           rows: dict[str, dict]) -> dict:
    """Every figure of the summary, for the agency's employees and the period."""
    ours, year = {e.nip for e in agency.employees}, period_year(period_id)
    assessment, feedback, training = (clients[s] for s in ("assessment", "feedback", "training"))
    dialogues = [d for d in feedback.get_all("/dialogues", period=period_id) if d["nip"] in ours]
    assignments = [a for a in training.get_all("/assignments", year=year)
                   if a["nip"] in ours and a["status"] != "cancelled"
                   and (a.get("reason") or {}).get("period_id") == period_id]
    opportunities = [o for o in training.get_all("/opportunities", period=period_id)
                     if o["nip"] in ours]
    language = "en" if assessment.language == "en" else "id"
    names = {c["code"]: c["name"][language] for c in assessment.get("/competencies")}
    return {
        "period": period_id, "year": year,
        "employees": len(agency.employees),
        "with_supervisor": sum(1 for e in agency.employees if e.supervisor_nip),
        "self": sum(1 for r in rows.values() if r["self_status"] == "submitted"),
        "supervisor": sum(1 for r in rows.values() if r["supervisor_status"] == "submitted"),
        "predikat": assessment.get(f"/periods/{period_id}/predikat", unit=ROOT),
        "discrepancies": feedback.get("/reports/discrepancies", period=period_id, unit=ROOT),
        "dialogues": len(dialogues),
        "assignments": len(assignments),
        "trained": len({a["nip"] for a in assignments}),
        "jp_planned": sum(a["jp"] for a in assignments),
        "programmes": Counter(a["programme_code"] for a in assignments).most_common(5),
        "programme_titles": {p["code"]: p["title"][language] for p in training.get("/programmes")},
        "opportunities": len(opportunities),
        "strong": len({o["nip"] for o in opportunities}),
        "compliance": training.get(f"/units/{ROOT}/compliance", year=year),
        "competency_names": names,
        "unit_names": {u.code: u.name for u in agency.units},
        "urls": {s: c.base_url for s, c in clients.items()},
    }


def render(s: dict, language: str, hr_nip: str) -> list[str]:
    """The report's lines."""
    t, d = texts(language), s["discrepancies"]
    totals, dist = d["totals"], s["predikat"]
    lines = ["", "=" * 78, t["title"].format(period=s["period"]), "=" * 78, t["submissions"],
             t["self"].format(done=s["self"], of=s["employees"]),
             t["supervisor"].format(done=s["supervisor"], of=s["with_supervisor"]), "",
             t["predikat"].format(assessed=dist["assessed"])]
    lines += [t["predikat_row"].format(label=p["label"], count=p["count"], share=p["share"] * 100)
              for p in dist["predikat"]]
    lines += ["", t["discrepancies"].format(
        threshold="/".join(map(str, d["threshold"])) or "-", total=totals["discrepancies"],
        compared=totals["compared"], rate=totals["rate"] * 100, blind=totals["blind_spots"],
        hidden=totals["hidden_strengths"])]
    lines += [t["by_competency"]] + _rates(t, d["by_competency"], "competency",
                                           s["competency_names"])
    lines += [t["by_unit"]] + _rates(t, d["by_unit"], "unit_code", s["unit_names"])
    lines += ["", t["dialogues"].format(count=s["dialogues"], employees=d["employees_compared"]),
              t["trainings"].format(count=s["assignments"], people=s["trained"],
                                    jp=s["jp_planned"]), t["top_programmes"]]
    lines += [t["programme_row"].format(title=s["programme_titles"].get(code, code)[:52], count=n)
              for code, n in s["programmes"]]
    c = s["compliance"]
    lines += [t["opportunities"].format(count=s["opportunities"], people=s["strong"]),
              t["compliance"].format(compliant=c["compliant"], employees=c["employees"],
                                     minimum=c["minimum_jp"], year=c["year"])]
    lines += _plans(t, s.get("plans") or {}) + _review(t, s.get("review") or {}) + ["", t["next"]]
    lines += _portal(t, s["portal"]) if s.get("portal") else []
    lines += [t["api_row"].format(service=name, url=url) for name, url in s["urls"].items()]
    return lines + [t["token_hint"].format(nip=hr_nip), ""]


def _plans(t: dict, plans: dict) -> list[str]:
    """The plans, the evidence and realisations, the behaviour notes and the peer input."""
    if not plans:
        return []
    lines = [t["plans"], t["plans_agreed"].format(**plans), t["plans_realised"].format(**plans),
             t["plans_notes"].format(**plans)]
    return lines + ([t["plans_input"].format(**plans["input"])] if plans["input"] else [])


def _review(t: dict, review: dict) -> list[str]:
    """The calibration and the objection of the period, in words."""
    lines = []
    if review.get("calibration"):
        c = review["calibration"]
        lines.append(t["calibration"].format(**{**c, "previous": t[c["previous"]],
                                                "predikat": t[c["predikat"]]}))
    if review.get("objection"):
        o = review["objection"]
        lines.append(t["objection_late"].format(**o) if o.get("late") else t["objection"].format(
            **{**o, "predikat": t[o["predikat"]], "decision": t[f"decision.{o['decision']}"]}))
    return [t["review"]] + lines if lines else []


def _portal(t: dict, guide: dict) -> list[str]:
    """The portal's address and the people to sign in as, to do what the demo left undone."""
    how = t["portal_sso"].format(password=guide["password"]) if guide["sso"] else t["portal_dev"]
    lines = [t["portal"].format(url=guide["url"], how=how)]
    if guide["employee"]:
        key = "portal_employee_done" if guide["done"]["self"] else "portal_employee"
        lines.append(t[key].format(nip=guide["employee"].nip, name=guide["employee"].name))
    if guide["supervisor"]:
        key = "portal_supervisor_done" if guide["done"]["supervisor"] else "portal_supervisor"
        lines.append(t[key].format(nip=guide["supervisor"].nip, name=guide["supervisor"].name))
    return lines + [t["portal_hr"].format(nip=guide["hr"].nip, name=guide["hr"].name)]


def _rates(t: dict, rows: list[dict], key: str, names: dict[str, str]) -> list[str]:
    """Rows with a discrepancy, the most first."""
    shown = sorted((r for r in rows if r["discrepancies"]), key=lambda r: -r["discrepancies"])
    return [t["rate_row"].format(name=f"{r[key]} {names.get(r[key], '')}"[:56],
                                 total=r["discrepancies"], blind=r["blind_spots"],
                                 hidden=r["hidden_strengths"]) for r in shown]
