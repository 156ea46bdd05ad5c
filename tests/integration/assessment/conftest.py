"""The assessment service on the real PostgreSQL: a fresh database per test, callers with tokens.

Each test's database is copied from a template that was set up (migrated and seeded) once per
session, which takes a fraction of a second instead of a full setup.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterator

import psycopg
import pytest
from psycopg.rows import dict_row

from services.assessment.app import create_app
from services.assessment.definition import SERVICE
from services.assessment.memory import MemoryStore
from services.assessment.organisation import seed_dictionary
from services.assessment.reference import job_levels, seeded_competencies
from services.assessment.wiring import Context
from shared.config import Settings
from shared.db import drop_database
from tests.support import databases, people
from shared.recording import MemoryRecorder
from tests.integration.assessment.handlers import Harness
from tests.support.callers import Caller

TODAY = date(2026, 2, 2)  # the handlers' today in the two-adapter tests


@pytest.fixture(scope="session")
def assessment_template(infra: Settings, tmp_path_factory):
    """Settings whose assessment database is set up once, to be copied by each test."""
    yield from databases.template(SERVICE, infra, tmp_path_factory.mktemp("assessment-keys"))


@dataclass
class AssessmentEnv(databases.ServiceEnv):
    service = SERVICE


@pytest.fixture
def assessment_env(assessment_template: Settings):
    """A database of its own, copied from the set-up template, and the app on it."""
    settings = databases.copy(SERVICE, assessment_template)
    app = create_app(settings)
    yield AssessmentEnv(settings, app)
    app.extensions["asn.pool"].close()
    drop_database(settings.server_url(), settings.database_name(SERVICE.name))


@pytest.fixture
def hr(assessment_env) -> Caller:
    return assessment_env.caller(people.HR, "hr_admin")


def _ok(response, status=(200, 201)):
    assert response.status_code in status, response.get_json()
    return response.get_json()


@pytest.fixture
def org(assessment_env, hr):
    """Two units, three positions, five employees and an open period, made through the API."""
    _ok(hr.post("/units", json={"code": "BKPSDM", "name": "Badan Kepegawaian dan Pengembangan SDM"}))
    _ok(hr.post("/units", json={"code": "BKPSDM.MUTASI", "name": "Bidang Mutasi",
                                "parent_code": "BKPSDM"}))
    _ok(hr.post("/units", json={"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika"}))
    for code, title, level in (("KABAN", "Kepala Badan", "JPT_PRATAMA"),
                               ("KABID", "Kepala Bidang Mutasi", "ADMINISTRATOR"),
                               ("ANALIS", "Analis SDM Aparatur", "AHLI_PERTAMA")):
        _ok(hr.put(f"/positions/{code}", json={"title": title, "job_level": level}))
    for nip, name, position, unit, boss in (
            (people.HEAD, "Dr. Siti Rahmawati", "KABAN", "BKPSDM", None),
            (people.SUPERVISOR, "Budi Santoso, S.Sos.", "KABID", "BKPSDM.MUTASI", people.HEAD),
            (people.EMPLOYEE, "Ayu Lestari, S.Psi.", "ANALIS", "BKPSDM.MUTASI", people.SUPERVISOR),
            (people.PEER, "Rudi Hartono", "ANALIS", "BKPSDM.MUTASI", people.SUPERVISOR),
            (people.OUTSIDER, "Dewi Kartika", "ANALIS", "DISKOMINFO", people.HEAD)):
        _ok(hr.post("/employees", json={"nip": nip, "name": name, "position_code": position,
                                        "unit_code": unit, "supervisor_nip": boss}))
    _ok(hr.post("/periods", json={"kind": "quarterly", "year": 2026, "quarter": 1}))
    return assessment_env



@pytest.fixture(params=("memory", "postgresql"))
def store(request) -> Iterator[Harness]:
    """The command handlers' context on the in-memory adapter, or on a fresh database of the
    service (one transaction, rolled back): the same test bodies run on both."""
    if request.param == "memory":
        memory, log = MemoryStore(), []

        def project(event):
            memory.apply(event)
            log.append((event.type, event.subject, event.data))
        recorder = MemoryRecorder(SERVICE.source, SERVICE.registry, project=project)
        seed_dictionary(memory, recorder, seeded_competencies())
        harness = Harness("memory", Context(memory, recorder, job_levels(), lambda: TODAY),
                          lambda: list(log))
        harness.given()  # the seeded dictionary is history
        yield harness
        return
    settings = databases.copy(SERVICE, request.getfixturevalue("assessment_template"))
    with psycopg.connect(settings.database_url(SERVICE.name), row_factory=dict_row) as conn:
        context = replace(SERVICE.wire(SERVICE, settings)(conn), today=lambda: TODAY)
        harness = Harness("postgresql", context, lambda: [
            (r["type"], r["subject"], r["data"]) for r in conn.execute(
                "SELECT type, subject, data FROM events ORDER BY position")])
        harness.given()
        yield harness
        conn.rollback()
    drop_database(settings.server_url(), settings.database_name(SERVICE.name))
