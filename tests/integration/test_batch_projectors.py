"""Each batch projector (and batch handler) applies a run of events as its per-event projector
applied one by one would: random sequences of a service's events, with the same keys hit again
and again and other types between them, are applied both ways into two schemas of one database,
and every table is compared row by row."""
from __future__ import annotations

import uuid

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from psycopg import sql

from services.assessment.definition import SERVICE as ASSESSMENT
from services.feedback.definition import SERVICE as FEEDBACK
from services.training.definition import SERVICE as TRAINING
from shared.db import create_schema_with, drop_database, ensure_database, set_search_path
from shared.projecting import apply_many, without_repeats
from tests.support import batch_events as ev
from tests.support.batch_events import CODES, NIPS, PERIODS, ROLES, TEXT, Build, steps

EXAMPLES = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


class Schemas:
    """Two schemas per service in one database: one applied event by event, one by runs."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn, self.made = conn, {}

    def pair(self, service) -> tuple[str, str, list[str]]:
        if service.name not in self.made:
            with self.conn.transaction():
                for schema in (f"{service.name}_one", f"{service.name}_many"):
                    create_schema_with(self.conn, schema, service.projection_migrations())
            tables = [r[0] for r in self.conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
                " ORDER BY 1", (f"{service.name}_one",))]
            self.made[service.name] = (f"{service.name}_one", f"{service.name}_many", tables)
        return self.made[service.name]

    def rows(self, schema: str, table: str) -> list[str]:
        return [r[0] for r in self.conn.execute(sql.SQL("SELECT t::text FROM {} t ORDER BY 1")
                                                .format(sql.Identifier(schema, table)))]

    def check(self, service, events, one, many) -> None:
        """Apply ``events`` one by one and by runs; every table must hold the same rows."""
        first, second, tables = self.pair(service)
        with self.conn.transaction():
            self.conn.execute(sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(
                sql.Identifier(s, t) for s in (first, second) for t in tables)))
        with self.conn.transaction():
            set_search_path(self.conn, first)
            for event in events:
                if (apply := one.get(event.type)) is not None:
                    apply(self.conn, event)
        with self.conn.transaction():
            set_search_path(self.conn, second)
            with self.conn.pipeline():  # as the replay sends them
                apply_many(self.conn, events, one, many, service.lanes)
        for table in tables:
            assert self.rows(second, table) == self.rows(first, table), table


@pytest.fixture(scope="module")
def schemas(infra):
    name = f"{infra.database_prefix}batchproj_{uuid.uuid4().hex[:6]}"
    ensure_database(infra.server_url(), name)
    with psycopg.connect(infra.server_url(name), autocommit=True) as conn:
        yield Schemas(conn)
    drop_database(infra.server_url(), name)


def assessment_events(drawn) -> list:
    b = Build("assessment")
    for kind, x, y, c, flag in drawn:
        nip, period = NIPS[x], PERIODS[c % 2]
        if kind == "unit":
            ev.unit(b, f"U{b.next('unit')}", c, flag)
        elif kind == "standard":
            b.add("assessment.CompetencyStandardSet.v1", f"P{x}", f"position-P{x}", {
                "position_code": f"P{x}", "title": f"{TEXT} {c}", "job_level": "AHLI_MUDA",
                "standard": [{"competency": code, "required_level": 1 + c % 4}
                             for code in CODES[:1 + y]]})
        elif kind == "employee":
            ev.employee(b, nip, c, flag)
        elif kind == "submit":
            ev.submitted(b, nip, ROLES[y % 2], period, c, flag)
        elif kind == "reopen":
            ev.reopened(b, nip, ROLES[y % 2], period)
        else:  # the plan's events, and the supervisors' ratings on it
            plan_step(b, kind, nip, period, y, c, flag)
    return b.events


def plan_step(b: Build, kind: str, nip: str, period: str, y: int, c: int, flag: bool) -> None:
    plan, about = ("plan", period, nip), {"period_id": period, "nip": nip}
    if kind in ("proposed", "revised"):
        b.add(f"assessment.Plan{kind.capitalize()}.v1", nip, f"plan-{period}-{nip}", {
            **about, "official_nip": NIPS[y], "revision": b.next(plan),
            "results": [{"rhk": 1 + (k + c) % 4, "text": TEXT} for k in range(1 + c % 3)],
            **({"reason": TEXT} if kind == "revised" else {})})
    elif kind == "agreed":
        b.add("assessment.PlanAgreed.v1", nip, f"plan-{period}-{nip}", {
            **about, "official_nip": NIPS[y], "revision": max(b.counts[plan], 1),
            "expectations": [{"value": "BERORIENTASI_PELAYANAN", "text": TEXT}] * (c % 2)})
    elif kind == "evidence":
        b.add("assessment.EvidenceAdded.v1", nip, f"plan-{period}-{nip}", {
            **about, "evidence_id": f"E{b.next('evidence')}", "rhk": 1 + c % 2, "kind": "text",
            "text": TEXT, "url": None, "file_id": None, "file_name": None, "media_type": None,
            "size": 10 * c if flag else None, "sha256": None, "added_by": nip})
    else:  # a realisation
        b.add("assessment.RealisationRecorded.v1", nip, f"plan-{period}-{nip}", {
            **about, "rhk": 1 + c % 2, "realisation": ["DI_ATAS", "SESUAI", "DI_BAWAH"][c % 3],
            "note": TEXT, "recorded_by": NIPS[y], "proposed": "SESUAI" if flag else None})


def feedback_events(drawn) -> list:
    b = Build("feedback")
    for kind, x, y, c, flag in drawn:
        nip, period = NIPS[x], PERIODS[y % 2]
        comparison = b.last.get((period, nip), 1)
        about = {"period_id": period, "nip": nip, "comparison": comparison,
                 "supervisor_nip": NIPS[(x + 1) % 3], "unit_code": f"U{c % 2}"}
        if kind == "compared":
            b.last[(period, nip)] = b.next(("comparison", period, nip))
            b.add("feedback.RatingsCompared.v1", nip, f"comparison-{period}-{nip}", {
                **about, "comparison": b.last[(period, nip)], "position_code": f"P{c % 2}",
                "self_submission": 1 + c, "supervisor_submission": 1, "threshold": 1,
                "competencies": ev.ratings(c % 3, c), "expectations": [TEXT] * (c % 2)})
        elif kind in ("discrepancy", "resolved"):
            code = CODES[c % 3]
            if kind == "resolved":
                b.add("feedback.DiscrepancyResolved.v1", nip, f"comparison-{period}-{nip}",
                      {**about, "competency": code, "reason": TEXT})
            elif b.once((period, nip, comparison, code)):
                b.add("feedback.RatingDiscrepancyDetected.v1", nip, f"comparison-{period}-{nip}", {
                    **about, "competency": code, "self_level": 1 + c % 5, "supervisor_level": 3,
                    "required_level": 2, "size": 1 + c % 3,
                    "direction": "blind_spot" if flag else "hidden_strength"})
        elif kind == "dialogue":
            dialogue = f"D{b.next('dialogue')}"
            supersedes = b.last.get(("dialogue", nip)) if flag else None
            b.last[("dialogue", nip)] = dialogue
            b.add("feedback.FeedbackDialogueOpened.v1", nip, f"dialogue-{dialogue}", {
                **about, "dialogue_id": dialogue, "supersedes": supersedes,
                "agenda": [{"item": 1, "competency": CODES[c % 3], "text": TEXT}]})
        elif (dialogue := b.last.get(("dialogue", nip))) is not None:  # scheduled
            b.add("feedback.FeedbackDialogueScheduled.v1", nip, f"dialogue-{dialogue}", {
                "dialogue_id": dialogue, "scheduled_at": f"2026-02-0{1 + c}T09:00:00+07:00",
                "location": TEXT})
    return b.events


def training_events(drawn) -> list:
    b = Build("training")
    for kind, x, y, c, flag in drawn:
        nip, period, code = NIPS[x], PERIODS[y % 2], CODES[c % 3]
        gap = {"competency": code, "assessed": 1 + c % 3, "required": 3}
        source = str(uuid.UUID(int=c))
        if kind == "assigned" and b.once(("open", nip, code)):
            assignment = f"A{b.next('assignment')}"
            b.last[("assignment", nip)] = assignment
            b.add("training.TrainingAssigned.v1", nip, f"assignment-{assignment}", {
                "assignment_id": assignment, "nip": nip, "programme_code": f"PR{c}",
                "competency": code, "jp": 10 + c, "year": 2026, "reason": {
                    "kind": "gap" if flag else "blind_spot", "gap": gap, "period_id": period,
                    "source_event_id": source, "submission": 1, "comparison": None if flag else c}})
        elif kind == "unmet":
            b.add("training.DevelopmentNeedUnmet.v1", nip, f"needs-{nip}", {
                "nip": nip, "year": 2026, "reason": "no_programme" if flag else "cap_reached",
                "gap": gap, "period_id": period, "source_event_id": source})
        elif kind == "opportunity" and b.once((nip, period, code)):
            b.add("training.DevelopmentOpportunityIdentified.v1", nip, f"opportunity-{nip}", {
                "nip": nip, "period_id": period, "competency": code, "assessed": 5, "required": 3,
                "suggestion": {"id": TEXT, "en": f"{TEXT} {c}"}, "source_event_id": source})
        elif kind == "started" and (assignment := b.last.get(("assignment", nip))):
            b.add("training.TrainingStarted.v1", nip, f"assignment-{assignment}",
                  {"assignment_id": assignment, "nip": nip, "started_on": "2026-02-02"})
    return b.events


def consumed_events(drawn) -> list:
    """Assessment events as feedback and training consume them: resubmissions numbered in any
    order (the handlers keep the latest), units and periods announced again."""
    b = Build("assessment")
    for kind, x, y, c, flag in drawn:
        nip, period = NIPS[x], PERIODS[y % 2]
        if kind == "unit":
            ev.unit(b, f"U{c % 3}", c, flag)
        elif kind == "employee":
            ev.employee(b, nip, c, flag)
        elif kind == "submit":
            ev.submitted(b, nip, ROLES[c % 2], period, c, flag, submission=1 + (c + y) % 4)
        elif kind == "reopen":
            ev.reopened(b, nip, ROLES[c % 2], period)
        elif kind == "period":
            ev.period_opened(b, period)
        else:  # a calibrated predikat
            b.add("assessment.PredikatCalibrated.v1", nip, f"calibration-{period}", {
                "period_id": period, "nip": nip, "unit_code": "U0", "session_id": "S1",
                "previous": "BAIK", "predikat": "CUKUP" if flag else "SANGAT_BAIK",
                "reason": TEXT, "calibrated_by": NIPS[0]})
    return b.events


CONSUMED = ("unit", "employee", "submit", "reopen", "period", "predikat")


@EXAMPLES
@given(steps(("unit", "standard", "employee", "submit", "reopen", "proposed", "revised",
              "agreed", "evidence", "realisation")))
def test_assessment_batch_projectors_write_what_one_by_one_writes(schemas, drawn):
    events = assessment_events(drawn)
    schemas.check(ASSESSMENT, events, ASSESSMENT.projectors, ASSESSMENT.batch_projectors)


@EXAMPLES
@given(steps(("compared", "discrepancy", "resolved", "dialogue", "scheduled")))
def test_feedback_batch_projectors_write_what_one_by_one_writes(schemas, drawn):
    events = feedback_events(drawn)
    schemas.check(FEEDBACK, events, FEEDBACK.projectors, FEEDBACK.batch_projectors)


@EXAMPLES
@given(steps(("assigned", "unmet", "opportunity", "started")))
def test_training_batch_projectors_write_what_one_by_one_writes(schemas, drawn):
    events = training_events(drawn)
    schemas.check(TRAINING, events, TRAINING.projectors, TRAINING.batch_projectors)


@EXAMPLES
@given(steps(CONSUMED))
def test_feedback_batch_handlers_write_what_one_by_one_writes(schemas, drawn):
    schemas.check(FEEDBACK, consumed_events(drawn), FEEDBACK.handlers, FEEDBACK.batch_handlers)


@EXAMPLES
@given(steps(CONSUMED))
def test_training_batch_handlers_write_what_one_by_one_writes(schemas, drawn):
    schemas.check(TRAINING, consumed_events(drawn), TRAINING.handlers, TRAINING.batch_handlers)


def test_a_run_is_cut_where_a_key_repeats():
    b = Build("assessment")
    for nip, role in [(0, "self"), (1, "self"), (0, "supervisor"), (0, "self"), (1, "self")]:
        ev.submitted(b, NIPS[nip], role, PERIODS[0], 0, False)
    pieces = list(without_repeats(b.events, lambda e: ((e.data["nip"], e.data["role"]),)))
    assert [len(p) for p in pieces] == [3, 2]
    assert [e for p in pieces for e in p] == b.events  # nothing dropped, nothing reordered
