"""Consumed assessment and feedback events become assignments, opportunities and unmet needs, once."""
from __future__ import annotations

from shared.replay import replay
from services.training.definition import SERVICE
from tests.integration.training.conftest import discrepancy, resolved, submitted
from tests.support import people

NIP = people.EMPLOYEE


def assignments(env, nip=NIP):
    return env.rows("SELECT competency, programme_code, status, reason_kind, jp, year FROM assignments"
                    " WHERE nip = %s ORDER BY assigned_at, competency", nip)


def test_the_supervisors_gaps_become_assignments_with_their_reason(org):
    self_rated = submitted(role="self", levels={"M.01": 1})
    boss = submitted(levels={"M.03": 2, "SK.01": 1, "M.04": 4})
    org.consume([self_rated, boss])
    rows = assignments(org)
    assert [(r["competency"], r["programme_code"], r["status"]) for r in rows] == [
        ("SK.01", "PLT-WAWASAN-KEBANGSAAN", "assigned"), ("M.03", "PLT-PUBLIC-SPEAKING", "assigned")]
    assigned = org.events("TrainingAssigned")
    reason = assigned[0]["data"]["reason"]
    assert reason == {"kind": "gap", "gap": {"competency": "SK.01", "assessed": 1, "required": 3},
                      "period_id": people.PERIOD, "source_event_id": str(boss.id), "submission": 1,
                      "comparison": None}
    assert assigned[0]["subject"] == NIP and assigned[0]["data"]["year"] == 2026
    assert assigned[0]["metadata"]["causationid"] == str(boss.id)
    opportunities = org.rows("SELECT competency, suggestion FROM opportunities WHERE nip = %s", NIP)
    assert [(o["competency"], o["suggestion"]["en"]) for o in opportunities] == [
        ("M.04", "Prepared to lead projects (project lead track)")]


def test_redelivery_and_republishing_change_nothing(org):
    boss = submitted(levels={"M.03": 2, "M.05": 5})
    org.consume([boss])
    before = org.events()
    org.publish([boss])  # republished: same event id at a new offset
    for _ in range(2):  # and every record delivered again, twice
        result = org.runner().process(org.records())
        assert result.applied == 0
    assert len(org.events()) == len(before)
    assert len(assignments(org)) == 1


def test_a_resubmission_after_reopen_assigns_nothing_twice(org):
    org.consume([submitted(levels={"M.03": 2, "M.08": 2, "M.05": 5})])
    org.consume([submitted(levels={"M.03": 1, "M.08": 2, "M.01": 2, "M.05": 5}, submission=2)])
    rows = assignments(org)
    assert sorted(r["competency"] for r in rows) == ["M.01", "M.03", "M.08"]
    assert len(org.events("DevelopmentOpportunityIdentified")) == 1, "never twice per period and competency"


def test_self_assessments_decide_nothing(org):
    org.consume([submitted(role="self", levels={"M.03": 1})])
    assert org.events("Training") == []


def test_the_cap_leaves_visible_unmet_needs(org):
    every_gap = {c: 1 for c in people.CORE}  # nine gaps of 2 levels: far more than 80 JP
    org.consume([submitted(levels=every_gap)])
    planned = sum(r["jp"] for r in assignments(org))
    assert planned <= 80
    unmet = org.rows("SELECT competency, reason FROM unmet_needs WHERE nip = %s ORDER BY competency", NIP)
    assert unmet and {u["reason"] for u in unmet} == {"cap_reached"}
    assert len(unmet) + len(assignments(org)) == 9


def test_a_gap_no_programme_suits_is_unmet(org):
    with org.connect() as conn:
        conn.execute("UPDATE programmes SET status = 'retired' WHERE 'M.02' = ANY(competencies)")
        conn.commit()
    org.consume([submitted(nip=people.PEER, levels={"M.02": 2})])
    unmet = org.rows("SELECT nip, competency, reason FROM unmet_needs ORDER BY nip, competency")
    assert unmet == [{"nip": people.PEER, "competency": "M.02", "reason": "no_programme"}]
    assert assignments(org, people.PEER) == []


def test_a_blind_spot_brings_coaching_and_its_superseding_cancels_it(org):
    org.consume([discrepancy("M.03", comparison=1), discrepancy("M.02", "hidden_strength")],
                service="feedback")
    rows = assignments(org)
    assert [(r["competency"], r["programme_code"], r["reason_kind"]) for r in rows] == [
        ("M.03", "COACH-M03", "blind_spot")]
    org.consume([discrepancy("M.03", comparison=1)], service="feedback")  # same again: still one open
    assert len(assignments(org)) == 1
    org.consume([resolved("M.03", comparison=1, by=2)], service="feedback")
    assert [r["status"] for r in assignments(org)] == ["cancelled"]
    cancelled = org.events("TrainingCancelled")[0]["data"]
    assert cancelled["reason"] == "superseded"


def test_replay_equals_live_and_adds_no_events(org):
    org.consume([submitted(role="self"), submitted(levels={"M.03": 2, "M.04": 5}),
                 submitted(nip=people.PEER, levels={c: 1 for c in people.CORE})])
    org.consume([discrepancy("M.07", supervisor_level=3)], service="feedback")
    before = len(org.events())
    report = replay(SERVICE, org.settings, progress=False)
    assert report.equal, [t for t in report.tables if not t.equal]
    assert {t.table for t in report.tables} >= {"assignments", "employees", "opportunities",
                                                "unmet_needs", "supervisor_assessments"}
    assert len(org.events()) == before


def test_an_assessment_naming_no_period_is_dead_lettered_and_the_rest_goes_on(org):
    """A period id the assessment service never makes ("TRIWULAN-I") fails the schema, so every
    consumer dead-letters it alike (before, feedback stored it while training dead-lettered it)."""
    from tests.support.kafka import read_topic
    lost = submitted(levels={"M.03": 2}, period_id="TRIWULAN-I")
    result = org.consume([lost, submitted(nip=people.PEER, levels={"M.03": 2})])
    assert result.dead_lettered == 1
    assert [r["nip"] for r in org.rows("SELECT nip FROM assignments")] == [people.PEER]
    dead = read_topic(org.bootstrap, SERVICE.dlq_topic(org.settings), at_least=1)
    assert b"does not fit its schema" in dict(dead[0].headers)["dlq_reason"]