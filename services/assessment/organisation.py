"""Commands on the organisation: dictionary, units, position standards, employees, periods.

Each loads through the context's store, lets the domain decide and records the event it returns in
the caller's transaction; the projections are updated in the same transaction, so they are safe to
decide on.
"""
from __future__ import annotations

import psycopg

from services.assessment import domain_organisation as rules
from services.assessment import domain_distribution, domain_periods
from services.assessment.contract import EMPLOYEE_FIELDS
from services.assessment.reference import seeded_competencies
from services.assessment.store import AssessmentStore, PgStore
from services.assessment.wiring import Context
from shared.envelope import Event
from shared.recording import Recorder, decided

# A period's stream: opened (version 1), then closed.
OPENED = 1


def _record(context: Context, stream_id: str, version: int, event, subject: str) -> Event:
    return context.recorder.record(stream_id, version, [decided(event, subject)])[0]


def define_competency(context: Context, data: dict) -> Event:
    """Add a technical competency to the dictionary, or revise one HR added before."""
    kind, revision = context.store.competency(data["code"]) or (None, 0)
    defined = rules.define_competency(data, kind)
    return _record(context, f"competency-{defined.code}", revision, defined, defined.code)


def register_unit(context: Context, code: str, name: str, parent_code: str | None) -> Event:
    """Register a work unit (unit kerja) under an existing parent."""
    exists, parent_known = context.store.unit_facts(code, parent_code)
    registered = rules.register_unit(code, name, parent_code, exists, parent_known)
    return _record(context, f"unit-{code}", 0, registered, code)


def set_standard(context: Context, code: str, title: str, job_level: str,
                 standard: list[dict] | None = None, expected_revision: int | None = None) -> Event:
    """Set a position's title, job level and competency standard; without a standard, the job
    level's default. With ``expected_revision`` (the revision the caller read), a position that
    changed since is refused instead of overwritten."""
    levels = context.required_levels()
    rules.check_job_level(job_level, levels)
    if standard is None:
        standard = rules.default_standard(levels[job_level], context.store.core_competencies())
    known, revision = context.store.standard_facts(code, [i["competency"] for i in standard])
    decision = rules.set_standard(code, title, job_level, standard, known, revision,
                                  expected_revision)
    return _record(context, f"position-{code}", revision, decision, code)


def register_employee(context: Context, state: dict) -> Event:
    """Register an employee with position, unit and direct supervisor (atasan langsung)."""
    state = {f: state[f] for f in ("nip", *EMPLOYEE_FIELDS)}
    placement = context.store.placement(state)
    current = context.store.employee(state["nip"])
    registered = rules.register_employee(state, current, placement, context.today())
    return _record(context, f"employee-{registered.nip}", 0, registered, registered.nip)


def update_employee(context: Context, nip: str, changes: dict) -> Event | None:
    """Change name, position, unit or supervisor; None when nothing actually changes."""
    current = rules.employee_known(context.store.employee(nip), nip)
    state = {"nip": nip, **{f: getattr(current, f) for f in EMPLOYEE_FIELDS}, **changes}
    if rules.changed_fields(state, current):
        rules.check_placement(state, context.store.placement(state), context.today())
    return record_employee(context, state, current)


def record_employee(context: Context, state: dict, current: rules.Employee | None) -> Event | None:
    """Record an employee's checked new state: registered, updated or, if nothing differs, nothing."""
    recorded = rules.employee_recorded(state, current)
    if recorded is None:
        return None
    return _record(context, f"employee-{recorded.nip}", current.version if current else 0,
                   recorded, recorded.nip)


def open_period(context: Context, kind: str, year: int, quarter: int | None,
                month: int | None = None) -> Event:
    """Open a monthly, quarterly or annual appraisal period, as the agency's period rules allow."""
    domain_periods.check_kind(kind, context.periods)
    period_id, _, _ = domain_periods.bounds(kind, year, quarter, month)
    opened = domain_periods.open_period(kind, year, quarter, month,
                                        context.store.period_status(period_id) is not None,
                                        context.periods)
    return _record(context, f"period-{period_id}", 0, opened, period_id)


def close_period(context: Context, period_id: str) -> Event:
    """Close an open period; submissions for it are refused from now on (the period row is
    locked, so that submissions in flight finish first). Refused while a unit's predikat break
    its distribution pattern without HR's exception."""
    status = context.store.period_status(period_id, for_update=True)
    closed = domain_periods.close_period(period_id, status)
    domain_distribution.check_closable(context.store.curve_state(period_id), period_id,
                                       context.curve)
    return _record(context, f"period-{period_id}", OPENED, closed, period_id)


def seed(conn: psycopg.Connection, recorder: Recorder) -> int:
    """Record the managerial and socio-cultural competencies the dictionary does not have yet."""
    return seed_dictionary(PgStore(conn), recorder, seeded_competencies())


def seed_dictionary(store: AssessmentStore, recorder: Recorder, competencies) -> int:
    """Define the seeded competencies the dictionary lacks; how many were added."""
    present = store.competency_codes()
    added = [data for data in competencies if data["code"] not in present]
    for data in added:
        recorder.record(f"competency-{data['code']}", 0,
                        [decided(rules.competency(data, data["kind"]), data["code"])])
    return len(added)
