"""HR's reports: discrepancy rates (heatmap data), dialogue cadence, an employee's history."""
from __future__ import annotations

from datetime import date

from tests.integration.feedback.conftest import pair
from tests.support import assessment_events as ae
from tests.support.people import EMPLOYEE, HEAD, HR, OUTSIDER, PEER, PERIOD, SUPERVISOR


def get(env, path, **kw):
    response = env.caller(HR, "hr_admin").get(path, **kw)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_discrepancy_rates_by_unit_and_competency(fb):
    fb.feed(*pair(EMPLOYEE, own={"M.01": 5, "M.02": 1}, boss={"M.01": 2, "M.02": 3}),
            *pair(PEER, own={"M.01": 5}, boss={"M.01": 3}),
            *pair(OUTSIDER, own=3, boss=3, supervisor=HEAD, unit="DISKOMINFO"))
    report = get(fb, f"/reports/discrepancies?period={PERIOD}")
    assert (report["employees_compared"], report["threshold"]) == (3, [2])
    total = report["totals"]
    assert (total["compared"], total["discrepancies"], total["blind_spots"],
            total["hidden_strengths"]) == (27, 3, 2, 1)
    assert total["rate"] == round(3 / 27, 4)
    by_unit = {r["unit_code"]: (r["compared"], r["discrepancies"]) for r in report["by_unit"]}
    assert by_unit == {"BKPSDM.MUTASI": (18, 3), "DISKOMINFO": (9, 0)}
    m01 = next(r for r in report["by_competency"] if r["competency"] == "M.01")
    assert (m01["compared"], m01["blind_spots"], m01["rate"]) == (3, 2, round(2 / 3, 4))
    cells = {(c["unit_code"], c["competency"]): c["discrepancies"] for c in report["cells"]}
    assert len(cells) == 18 and cells[("BKPSDM.MUTASI", "M.02")] == 1
    below = get(fb, f"/reports/discrepancies?period={PERIOD}&unit=BKPSDM")
    assert [r["unit_code"] for r in below["by_unit"]] == ["BKPSDM.MUTASI"], "sub-units included"


def test_a_superseded_comparison_leaves_the_report(fb):
    fb.feed(*pair(EMPLOYEE, own={"M.01": 5}, boss={"M.01": 2}))
    fb.feed(ae.reopened(EMPLOYEE, "self"),
            ae.submitted(EMPLOYEE, "self", EMPLOYEE, 3, submission=2, unit_code="BKPSDM.MUTASI"))
    report = get(fb, f"/reports/discrepancies?period={PERIOD}")
    assert (report["employees_compared"], report["totals"]["discrepancies"]) == (1, 0)


def test_each_employees_latest_comparison_counted_for_a_unit_and_its_sub_units(fb):
    fb.feed(*pair(EMPLOYEE, own={"M.01": 5, "M.02": 1}, boss={"M.01": 2, "M.02": 3}),
            *pair(PEER, own={"M.01": 5}, boss={"M.01": 3}),
            *pair(OUTSIDER, own=3, boss=3, supervisor=HEAD, unit="DISKOMINFO"))
    fb.feed(ae.reopened(PEER, "self"),  # a second comparison supersedes the first
            ae.submitted(PEER, "self", PEER, 3, submission=2, unit_code="BKPSDM.MUTASI"))
    every = get(fb, f"/reports/comparisons?period={PERIOD}")
    found = {e["nip"]: (e["comparison"], e["discrepancies"], e["blind_spots"],
                        e["hidden_strengths"]) for e in every["employees"]}
    assert found == {EMPLOYEE: (1, 2, 1, 1), PEER: (2, 0, 0, 0), OUTSIDER: (1, 0, 0, 0)}
    assert [e["nip"] for e in every["employees"]] == sorted(found)
    below = get(fb, f"/reports/comparisons?period={PERIOD}&unit=BKPSDM")  # sub-units included
    assert {e["nip"] for e in below["employees"]} == {EMPLOYEE, PEER}
    assert {e["unit_code"] for e in below["employees"]} == {"BKPSDM.MUTASI"}
    assert get(fb, f"/reports/comparisons?period={PERIOD}&unit=DISKOMINFO")["employees"][0][
        "nip"] == OUTSIDER
    # The same counts as the employee's own comparisons.
    mine = get(fb, f"/employees/{EMPLOYEE}/comparisons")[0]
    assert (mine["blind_spots"], mine["hidden_strengths"]) == found[EMPLOYEE][2:]
    response = fb.caller(HR, "hr_admin").get("/reports/comparisons?period=2001-Q1")
    assert response.status_code == 404
    response = fb.caller(EMPLOYEE, "employee").get(f"/reports/comparisons?period={PERIOD}")
    assert response.status_code == 403


def test_dialogue_cadence_shows_who_is_overdue_per_unit(fb):
    fb.feed(*pair(EMPLOYEE), *pair(PEER))
    boss, me = fb.caller(SUPERVISOR, "employee"), fb.caller(EMPLOYEE, "employee")
    dialogue = f"/dialogues/{PERIOD}.{EMPLOYEE}.1"
    assert boss.post(f"{dialogue}/feedback", json={"summary": "Baik"}).status_code == 200
    assert me.post(f"{dialogue}/acknowledgement", json={}).status_code == 200
    report = get(fb, f"/reports/dialogue-cadence?period={PERIOD}")
    assert report["overdue_after"] == "2026-04-14" and date.today() > date(2026, 4, 14)
    units = {u["unit_code"]: u for u in report["units"]}
    mutasi = units["BKPSDM.MUTASI"]
    assert (mutasi["due"], mutasi["acknowledged"], mutasi["in_progress"], mutasi["not_opened"],
            mutasi["overdue"]) == (3, 1, 1, 1, 2)
    assert mutasi["overdue_nips"] == sorted([PEER, SUPERVISOR])
    assert units["DISKOMINFO"]["overdue_nips"] == [OUTSIDER]
    assert "BKPSDM" not in units or units["BKPSDM"]["due"] == 0, "the head has no supervisor"
    assert report["totals"] == {"due": 4, "not_opened": 2, "in_progress": 1,
                                "acknowledged": 1, "overdue": 3}
    fb.feed(ae.period("2099-Q1", 2099, 1, date(2099, 1, 1), date(2099, 3, 31)))
    future = get(fb, "/reports/dialogue-cadence?period=2099-Q1&unit=BKPSDM.MUTASI")
    assert [(u["unit_code"], u["not_opened"], u["overdue"]) for u in future["units"]] == [
        ("BKPSDM.MUTASI", 3, 0)], "nothing is overdue before the period ends"


def test_unknown_periods_and_missing_filters(fb):
    hr = fb.caller(HR, "hr_admin")
    assert hr.get("/reports/discrepancies?period=2001-Q1").get_json()["code"] == "unknown_period"
    response = hr.get("/reports/dialogue-cadence")
    assert (response.status_code, response.get_json()["code"]) == (422, "validation_failed")


def test_an_employees_history_across_periods(fb):
    fb.feed(ae.period("2026-Q2", 2026, 2, date(2026, 4, 1), date(2026, 6, 30)))
    fb.feed(*pair(EMPLOYEE, own={"M.03": 5}, boss={"M.03": 2}))
    fb.feed(*pair(EMPLOYEE, own={"M.03": 4}, boss={"M.03": 3}, period_id="2026-Q2"))
    history = fb.caller(EMPLOYEE, "employee").get(f"/employees/{EMPLOYEE}/comparisons").get_json()
    assert [(h["period_id"], h["blind_spots"], h["current"]) for h in history] == [
        ("2026-Q2", 0, True), ("2026-Q1", 1, True)]
    m03 = next(c for c in history[1]["competencies"] if c["competency"] == "M.03")
    assert (m03["self_level"], m03["supervisor_level"], m03["discrepancy"]) == (5, 2, "blind_spot")
    boss = fb.caller(SUPERVISOR, "employee").get(f"/employees/{EMPLOYEE}/comparisons")
    assert boss.status_code == 200


def test_the_dialogue_list_of_a_unit_includes_the_units_below_it(fb):
    """As docs/feedback.md says, and as the discrepancy report has it: BKPSDM takes in
    BKPSDM.MUTASI; a unit with nothing below lists only its own."""
    fb.feed(*pair(), *pair(OUTSIDER, supervisor=HEAD, unit="DISKOMINFO"))
    hr = fb.caller(HR, "hr_admin")

    def listed(**query):
        response = hr.get("/dialogues", query_string=query)
        assert response.status_code == 200, response.get_json()
        return sorted(d["nip"] for d in response.get_json())

    assert listed(unit="BKPSDM") == [EMPLOYEE]
    assert listed(unit="BKPSDM.MUTASI") == [EMPLOYEE]
    assert listed(unit="DISKOMINFO") == [OUTSIDER]
    assert listed() == sorted([EMPLOYEE, OUTSIDER])
    assert listed(unit="BKPSDM", period=PERIOD, status="opened") == [EMPLOYEE]
    assert listed(unit="NOPE") == []
