"""`python -m demo` end to end: a real platform (every service's web, relay and consumer process on
the real PostgreSQL and Kafka), a small agency, one period; the summary must be what the services'
databases hold, and a second run must add no event anywhere."""
from __future__ import annotations

import io
import os
import subprocess
import uuid
from collections import Counter

import psycopg
import pytest

from demo.__main__ import parser, run
from demo.agency import generate
from demo.conflicts import ImportConflict, afresh
from demo.drive import current_quarter
from demo.texts import texts
from tools.apiclient import client_for, dev_token
from shared.config import SERVICES
from tests.support.platform import Platform

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def platform(infra, tmp_path_factory):
    unique = uuid.uuid4().hex[:8]
    settings = infra.with_(database_prefix=f"asntest_{unique}_", topic_prefix=f"test.{unique}.",
                           topic_partitions=3)
    running = Platform(settings, tmp_path_factory.mktemp("platform"))
    running.setup()
    try:
        running.start()
        yield running
    finally:
        running.stop()
        running.remove()


def _sql(platform, service: str, query: str, *params) -> list[tuple]:
    with psycopg.connect(platform.settings.database_url(service)) as conn:
        return conn.execute(query, params).fetchall()


def _events(platform) -> dict[str, int]:
    return {s: _sql(platform, s, "SELECT count(*) FROM events")[0][0] for s in SERVICES}


def _demo(platform, *argv: str) -> tuple[dict, str]:
    out = io.StringIO()
    args = parser().parse_args(["--employees", "20", "--units", "4", "--seed", "5", *argv])
    return run(platform.settings, args, out), out.getvalue()


def test_the_demo_drives_a_period_and_its_summary_is_what_the_databases_hold(platform):
    summary, text = _demo(platform)
    period = current_quarter()
    assert summary["period"] == period and summary["employees"] == 20

    submitted = dict(_sql(platform, "assessment", "SELECT role, count(*) FROM assessments"
                          " WHERE period_id = %s AND status = 'submitted' GROUP BY role", period))
    assert (summary["self"], summary["supervisor"]) == (submitted["self"], submitted["supervisor"])
    # The head has no supervisor; one employee's period is left for a person to do in the portal.
    assert (submitted["self"], submitted["supervisor"]) == (19, 18)
    assert "19 dari 20 pegawai" in text and "18 dari 19 pegawai" in text
    left = generate(20, 4, 5).portal_employee
    assert f"pegawai  {left.nip} {left.name}: penilaian dirinya belum diisi" in text
    assert "Portal      http://127.0.0.1:8000" in text

    predikat = dict(_sql(platform, "assessment", "SELECT predikat, count(*) FROM assessments"
                         " WHERE period_id = %s AND role = 'supervisor' GROUP BY predikat", period))
    shown = {p["predikat"]: p["count"] for p in summary["predikat"]["predikat"] if p["count"]}
    assert shown == predikat and sum(shown.values()) == 18

    rows = _sql(platform, "feedback", "SELECT competency, unit_code, direction FROM discrepancies"
                " WHERE period_id = %s AND status = 'open'", period)
    report = summary["discrepancies"]
    assert report["totals"]["discrepancies"] == len(rows) > 0
    assert report["totals"]["blind_spots"] == sum(1 for r in rows if r[2] == "blind_spot") > 0
    assert {r["competency"]: r["discrepancies"] for r in report["by_competency"]
            if r["discrepancies"]} == Counter(r[0] for r in rows)
    assert {r["unit_code"]: r["discrepancies"] for r in report["by_unit"]
            if r["discrepancies"]} == Counter(r[1] for r in rows)
    assert f"{len(rows)} dari {report['totals']['compared']} rating" in text

    dialogues = _sql(platform, "feedback", "SELECT count(*) FROM dialogues WHERE period_id = %s",
                     period)[0][0]
    assert summary["dialogues"] == dialogues == report["employees_compared"] == 18
    assert f"Dialog kinerja dibuka : {dialogues}" in text

    count, people, jp = _sql(platform, "training", "SELECT count(*), count(DISTINCT nip),"
                             " coalesce(sum(jp), 0) FROM assignments WHERE period_id = %s"
                             " AND status <> 'cancelled'", period)[0]
    assert (summary["assignments"], summary["trained"], summary["jp_planned"]) == (count, people, jp)
    assert count > 0 and f"{jp} JP direncanakan" in text
    opportunities = _sql(platform, "training", "SELECT count(*) FROM opportunities"
                         " WHERE period_id = %s", period)[0][0]
    assert summary["opportunities"] == opportunities > 0
    assert "/api-docs/" in text and platform.settings.service_urls["feedback"] in text

    # The plans: everyone with an official but the portal's employee proposed one, agreed; the
    # realisations made each propose the hasil kerja rating the supervisor then gave.
    plans = summary["plans"]
    agreed, special, matching = _sql(platform, "assessment", "SELECT count(*) FILTER (WHERE"
                                     " status = 'agreed'), count(*) FILTER (WHERE expectations"
                                     " NOT IN ('{}'::jsonb, '[]'::jsonb)), count(*) FILTER (WHERE"
                                     " work_result = work_result_proposed AND work_result_reason"
                                     " IS NULL) FROM plans WHERE period_id = %s", period)[0]
    assert (plans["plans"], plans["agreed"], plans["expectations"]) == (18, agreed, special)
    assert agreed == matching == plans["proposed"] == 18 and 0 < special < 18
    evidence = _sql(platform, "assessment", "SELECT count(*) FROM plan_evidence"
                    " WHERE period_id = %s", period)[0][0]
    realised = _sql(platform, "assessment", "SELECT count(*) FROM plan_realisations"
                    " WHERE period_id = %s", period)[0][0]
    assert (plans["evidence"], plans["realisations"]) == (evidence, realised) and realised == 36
    assert evidence > 0
    notes = _sql(platform, "assessment", "SELECT count(*) FROM behaviour_notes"
                 " WHERE period_id = %s", period)[0][0]
    answered = _sql(platform, "assessment", "SELECT nip, count(*) FROM behaviour_invitations"
                    " WHERE period_id = %s AND answered_at IS NOT NULL GROUP BY nip", period)
    assert plans["notes"] == notes > 0
    assert answered == [(plans["input"]["nip"], plans["input"]["answered"])]
    assert plans["input"]["answered"] == plans["input"]["invited"] == 3
    assert f"Rencana disepakati   : 18 dari 18 pegawai ({special} dengan" in text
    assert f"Catatan perilaku     : {notes}" in text

    # The period's review: one calibration with its reason, one objection decided by the
    # official's superior, each as the summary says.
    changes = _sql(platform, "assessment", "SELECT nip, previous, predikat, reason FROM"
                   " predikat_changes WHERE period_id = %s AND kind = 'calibration'", period)
    calibration = summary["review"]["calibration"]
    assert changes == [(calibration["nip"], calibration["previous"], calibration["predikat"],
                        calibration["reason"])]
    assert f"Kalibrasi            : predikat {calibration['name']} ({calibration['nip']})" in text
    decided = _sql(platform, "assessment", "SELECT nip, status, decision FROM objections"
                   " WHERE period_id = %s", period)
    objection = summary["review"]["objection"]
    assert decided == [(objection["nip"], "decided", "upheld")] != [(calibration["nip"],)]
    assert f"Keberatan            : {objection['name']} ({objection['nip']})" in text
    assert "memutuskan: hasil dipertahankan" in text


def test_a_second_run_adds_no_event_and_reports_the_same_in_english(platform):
    first, _ = _demo(platform)           # the period is there already if the test above ran
    before = _events(platform)
    assert all(before.values()), before
    again, text = _demo(platform, "--lang", "en")
    assert _events(platform) == before
    for key in ("self", "supervisor", "dialogues", "assignments", "jp_planned", "opportunities",
                "plans"):
        assert again[key] == first[key]
    assert "employee import: 0 new, 0 updated, 20 unchanged" in text
    assert "(0 to send, 37 already in)" in text and "Where to look next" in text


def test_another_size_over_the_existing_agency_works(platform):
    summary, text = _demo(platform, "--employees", "30")  # the same seed: the first 20 the same
    assert "impor pegawai: 10 baru, 0 diperbarui, 20 tetap" in text
    assert summary["employees"] == 30


def test_a_conflicting_agency_is_refused_row_by_row_with_the_way_to_start_afresh(platform):
    settings, agency = platform.settings, generate(20, 4, 5)
    hr = client_for(settings, "assessment", dev_token(settings, agency.employees[1].nip,
                                                      ["hr_admin"]))
    hr.call("PUT", "/positions/KASUBBAG", {"title": "Kepala Subbagian", "job_level": "AHLI_MUDA"})
    before = _events(platform)
    try:
        with pytest.raises(ImportConflict) as refused:
            _demo(platform, "--lang", "en")
        assert _events(platform) == before, "a refused import records nothing"
    finally:
        hr.call("PUT", "/positions/KASUBBAG", {"title": "Kepala Subbagian", "job_level": "PENGAWAS"})
    lines = refused.value.lines(settings, texts("en"))
    kasubbag = [(n, e) for n, e in enumerate(agency.employees, start=2)
                if e.position.code == "KASUBBAG"]
    assert kasubbag and lines[1:1 + len(kasubbag)] == [
        f"  row {n} (NIP {e.nip}, {e.name}), column JENJANG_JABATAN: inconsistent_position:"
        " KASUBBAG has job level AHLI_MUDA" for n, e in kasubbag]
    assert any("start afresh" in line for line in lines)
    assert f"    dropdb --if-exists -h {settings.pg_host} -p {settings.pg_port} -U" \
           f" {settings.pg_user} {settings.database_name('assessment')}" in lines


def test_the_commands_to_start_afresh_drop_the_databases(infra):
    """The dropdb lines, run as printed, against databases of this test's own."""
    settings = infra.with_(database_prefix=f"asntest_{uuid.uuid4().hex[:8]}_")
    with psycopg.connect(settings.server_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{settings.database_name("assessment")}"')
    env = {**os.environ, "PGPASSWORD": settings.pg_password}
    for command in afresh(settings):
        if command.startswith("dropdb"):
            subprocess.run(command.split(), env=env, check=True, timeout=60, capture_output=True)
    with psycopg.connect(settings.server_url()) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                            (f"{settings.database_prefix}%",)).fetchone()[0] == 0
