"""CSV import (all or nothing, row-by-row report), employee history, monitoring and predikat spread."""
from __future__ import annotations

from tests.support import people
from tests.support.people import PERIOD, assessment

HEADER = "NIP_BARU;NAMA;JABATAN_ID;JABATAN_NAMA;JENJANG_JABATAN;UNOR_ID;UNOR_NAMA;UNOR_INDUK_ID;NIP_ATASAN;GOL\n"
NEW_HEAD = "196901011994031001"
NEW_A = "199201012018011001"
NEW_B = "199302022019022002"


def csv(*rows: str) -> str:
    return "\ufeff" + HEADER + "".join(f"{row}\n" for row in rows)


def post_csv(caller, text):
    return caller.post("/imports/employees", data=text.encode(), content_type="text/csv")


GOOD = csv(
    f"{NEW_B};Citra Dewi;PRANATA;Pranata Komputer;TERAMPIL;DISKOMINFO.APT;Bidang Aplikasi;DISKOMINFO;{NEW_A};II/c",
    f"{NEW_A};Agus Salim;KABID.APT;Kepala Bidang Aplikasi;ADMINISTRATOR;DISKOMINFO.APT;Bidang Aplikasi;DISKOMINFO;{NEW_HEAD};III/d",
    f"{NEW_HEAD};Hendra Wijaya;KADIS;Kepala Dinas;JPT_PRATAMA;DISKOMINFO;Dinas Kominfo;;;IV/c",
    f"{people.PEER};Rudi Hartono;ANALIS;Analis SDM Aparatur;AHLI_PERTAMA;BKPSDM;BKPSDM;;{people.HEAD};III/a",
)


def test_a_good_file_registers_new_and_updates_changed_employees(org, hr):
    r = post_csv(hr, GOOD)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"rows": 4, "units": 1, "positions": 3, "registered": 3, "updated": 1,
                            "unchanged": 0}
    assert hr.get(f"/employees/{NEW_B}").get_json()["supervisor_nip"] == NEW_A
    assert hr.get("/positions/KADIS").get_json()["standard"][0]["required_level"] == 4
    history = hr.get(f"/employees/{people.PEER}/history").get_json()
    assert [h["change"] for h in history] == ["registered", "updated"]
    assert history[1]["changed"] == ["unit_code", "supervisor_nip"]
    assert history[0]["unit_code"] == "BKPSDM.MUTASI" and history[1]["unit_code"] == "BKPSDM"
    again = post_csv(hr, GOOD).get_json()
    assert again["unchanged"] == 4 and again["registered"] == again["updated"] == 0


def test_the_dry_run_says_what_each_row_would_do_and_records_nothing(org, hr):
    before = org.events()
    bad = csv(
        f"{NEW_A};Agus Salim;KABID.APT;Kepala Bidang;ADMINISTRATOR;DISKOMINFO.APT;Bidang;DISKOMINFO;{NEW_HEAD};",
        "12345;Salah NIP;X;X;PELAKSANA;DISKOMINFO;Dinas;;;",
        f"{NEW_HEAD};Hendra Wijaya;KADIS;Kepala Dinas;JPT_PRATAMA;DISKOMINFO;Dinas Kominfo;;;",
    )
    r = hr.post("/imports/employees/check", data=bad.encode(), content_type="text/csv")
    assert r.status_code == 200, r.get_json()
    report = r.get_json()
    assert report["rows"] == 3 and report["accepted"] is False
    assert report["registered"] == report["updated"] == report["unchanged"] == 0
    assert [o["outcome"] for o in report["outcomes"]] == ["new", "refused", "new"]
    assert {"row": 3, "column": "NIP_BARU", "code": "invalid_nip"}.items() <= (
        next(p for p in report["problems"] if p["row"] == 3).items())
    # the import's own refusal names the same problems
    refused = post_csv(hr, bad).get_json()["rows"]
    assert {(p["row"], p["code"]) for p in refused} == {
        (p["row"], p["code"]) for p in report["problems"]}
    moved = csv(f"{people.PEER};Rudi Hartono;ANALIS;Analis SDM Aparatur;AHLI_PERTAMA;BKPSDM;BKPSDM;;"
                f"{people.HEAD};", f"{NEW_HEAD};Hendra Wijaya;KADIS;Kepala Dinas;JPT_PRATAMA;"
                f"DISKOMINFO;Dinas Kominfo;;;")
    report = hr.post("/imports/employees/check", data=moved.encode(),
                     content_type="text/csv").get_json()
    assert report["accepted"] is True
    assert [(o["nip"], o["outcome"], o["changed"]) for o in report["outcomes"]] == [
        (people.PEER, "changed", ["unit_code", "supervisor_nip"]), (NEW_HEAD, "new", [])]
    assert {k: report[k] for k in ("units", "positions", "registered", "updated", "unchanged")} == {
        "units": 0, "positions": 1, "registered": 1, "updated": 1, "unchanged": 0}
    assert org.events() == before, "the dry run recorded nothing"
    r = hr.post("/imports/employees/check", data=b"NIP;NAMA\n1;2\n", content_type="text/csv")
    assert r.status_code == 422 and "NIP_BARU" in r.get_json()["missing"]


def test_a_file_with_errors_changes_nothing_and_reports_every_row(org, hr):
    before = org.events()
    bad = csv(
        f"{NEW_A};Agus Salim;KABID.APT;Kepala Bidang;ADMINISTRATOR;DISKOMINFO.APT;Bidang;DISKOMINFO;{NEW_HEAD};",
        "12345;Salah NIP;X;X;PELAKSANA;DISKOMINFO;Dinas;;;",
        f"{NEW_B};Tanpa Jenjang;X2;X2;MENTERI;DISKOMINFO;Dinas;;{people.HEAD};",
        f"{NEW_HEAD};;KADIS;Kepala Dinas;JPT_PRATAMA;DISKOMINFO;Dinas;;199901012020121999;",
    )
    r = post_csv(hr, bad)
    assert r.status_code == 422 and r.get_json()["code"] == "import_rejected"
    found = {(e["row"], e["code"]) for e in r.get_json()["rows"]}
    assert {(3, "invalid_nip"), (4, "unknown_job_level"), (5, "missing_value"),
            (5, "unknown_supervisor")} <= found
    assert org.events() == before


def test_a_cycle_in_reporting_lines_is_refused(org, hr):
    before = org.events()
    cyclic = csv(
        f"{NEW_A};Agus Salim;KABID.APT;Kepala Bidang;ADMINISTRATOR;DISKOMINFO;Dinas;;{NEW_B};",
        f"{NEW_B};Citra Dewi;PRANATA;Pranata Komputer;TERAMPIL;DISKOMINFO;Dinas;;{NEW_A};",
    )
    r = post_csv(hr, cyclic)
    assert r.status_code == 422
    assert {e["code"] for e in r.get_json()["rows"]} == {"reporting_cycle"}
    # A cycle through an employee already registered: HEAD would report to EMPLOYEE.
    r = post_csv(hr, csv(f"{people.HEAD};Dr. Siti Rahmawati;KABAN;Kepala Badan;JPT_PRATAMA;"
                         f"BKPSDM;BKPSDM;;{people.EMPLOYEE};"))
    assert r.status_code == 422 and r.get_json()["rows"][0]["code"] == "reporting_cycle"
    assert org.events() == before


def test_import_needs_the_columns_and_csv(org, hr):
    r = post_csv(hr, "NIP;NAMA\n1;2\n")
    assert r.status_code == 422 and "NIP_BARU" in r.get_json()["missing"]
    r = hr.post("/imports/employees", json={"rows": []})
    assert r.status_code == 415


def test_changing_supervisor_moves_who_may_assess(org, hr):
    body = assessment()
    path = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor/submission"
    r = hr.patch(f"/employees/{people.EMPLOYEE}", json={"supervisor_nip": people.HEAD})
    assert r.status_code == 200 and r.get_json()["version"] == 2
    assert org.events("EmployeeUpdated")[0]["data"]["changed"] == ["supervisor_nip"]
    assert org.caller(people.SUPERVISOR, "employee").post(path, json=body).status_code == 403
    assert org.caller(people.HEAD, "employee").post(path, json=body).status_code == 201
    assert hr.patch(f"/employees/{people.EMPLOYEE}", json={"supervisor_nip": people.HEAD}).status_code == 200
    assert len(org.events("EmployeeUpdated")) == 1  # no change, no event


def test_the_officials_an_appraisal_form_names(org, hr):
    """The employee, the pejabat penilai and the atasan pejabat penilai with titles and unit
    names, and the agency; for a period, the one who assessed, even after the line changed."""
    path = f"/employees/{people.EMPLOYEE}/officials"
    mine = org.caller(people.EMPLOYEE, "employee").get(path).get_json()
    assert mine["employee"] == {
        "nip": people.EMPLOYEE, "name": "Ayu Lestari, S.Psi.", "position_code": "ANALIS",
        "position_title": "Analis SDM Aparatur", "job_level": "AHLI_PERTAMA",
        "unit_code": "BKPSDM.MUTASI", "unit_name": "Bidang Mutasi"}
    assert mine["appraising_official"]["nip"] == people.SUPERVISOR
    assert mine["appraising_official"]["position_title"] == "Kepala Bidang Mutasi"
    assert mine["official_superior"]["name"] == "Dr. Siti Rahmawati"
    assert mine["official_superior"]["unit_name"] == "Badan Kepegawaian dan Pengembangan SDM"
    assert mine["agency"] == {"unit_code": "BKPSDM",
                              "name": "Badan Kepegawaian dan Pengembangan SDM"}
    # the supervisor reads it for a report; the head, two levels up, and a peer may not
    assert org.caller(people.SUPERVISOR, "employee").get(path).status_code == 200
    assert org.caller(people.HEAD, "employee").get(path).status_code == 403
    assert org.caller(people.PEER, "employee").get(path).status_code == 403
    # the head of the agency has no official; nobody is above the supervisor's official
    top = hr.get(f"/employees/{people.HEAD}/officials").get_json()
    assert top["appraising_official"] is None and top["official_superior"] is None
    above = hr.get(f"/employees/{people.SUPERVISOR}/officials").get_json()
    assert above["appraising_official"]["nip"] == people.HEAD and above["official_superior"] is None
    # for a period: the official is the one who assessed, even after the line moved on
    submitted = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor/submission"
    assert org.caller(people.SUPERVISOR, "employee").post(submitted, json=assessment()).status_code == 201
    assert hr.patch(f"/employees/{people.EMPLOYEE}", json={"supervisor_nip": people.HEAD}).status_code == 200
    assert hr.get(path).get_json()["appraising_official"]["nip"] == people.HEAD
    then = hr.get(path, query_string={"period": PERIOD}).get_json()
    assert then["period_id"] == PERIOD and then["appraising_official"]["nip"] == people.SUPERVISOR
    assert then["official_superior"]["nip"] == people.HEAD
    missing = hr.get(path, query_string={"period": "2031-Q1"})
    assert missing.status_code == 404 and missing.get_json()["code"] == "unknown_period"


def test_me_lists_direct_reports(org):
    me = org.caller(people.SUPERVISOR, "employee").get("/me").get_json()
    assert me["employee"]["nip"] == people.SUPERVISOR
    assert [e["nip"] for e in me["direct_reports"]] == [people.EMPLOYEE, people.PEER]


def test_monitoring_shows_who_is_pending_and_the_predikat_spread(org, hr):
    org.caller(people.EMPLOYEE, "employee").post(
        f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self/submission", json=assessment())
    boss = org.caller(people.SUPERVISOR, "employee")
    for nip, result in ((people.EMPLOYEE, "DI_ATAS"), (people.PEER, "SESUAI")):
        r = boss.post(f"/periods/{PERIOD}/assessments/{nip}/supervisor/submission",
                      json=assessment(3, result, "DI_ATAS"))
        assert r.status_code == 201
    r = hr.get(f"/periods/{PERIOD}/progress?unit=BKPSDM&pending=self&page_size=1")
    assert r.status_code == 200
    assert [(p["nip"], p["self_status"]) for p in r.get_json()] == [(people.HEAD, "not_started")]
    assert '"total": 3' in r.headers["X-Pagination"]  # HEAD, SUPERVISOR, PEER
    worklist = org.caller(people.SUPERVISOR, "employee").get(f"/periods/{PERIOD}/my-reports")
    assert [(p["nip"], p["self_status"], p["supervisor_status"]) for p in worklist.get_json()] == [
        (people.EMPLOYEE, "submitted", "submitted"), (people.PEER, "not_started", "submitted")]
    r = hr.get(f"/periods/{PERIOD}/progress?unit=BKPSDM&subunits=false")
    assert [p["nip"] for p in r.get_json()] == [people.HEAD]
    spread = hr.get(f"/periods/{PERIOD}/predikat?unit=BKPSDM").get_json()
    assert spread["employees"] == 4 and spread["assessed"] == 2
    counts = {p["predikat"]: (p["count"], p["share"]) for p in spread["predikat"]}
    assert counts["SANGAT_BAIK"] == (1, 0.5) and counts["BAIK"] == (1, 0.5)
    listed = hr.get(f"/assessments?period={PERIOD}&role=supervisor&unit=BKPSDM.MUTASI").get_json()
    assert {a["nip"] for a in listed} == {people.EMPLOYEE, people.PEER}
    own = hr.get(f"/assessments?nip={people.EMPLOYEE}").get_json()  # one employee's, any period
    assert {(a["nip"], a["role"]) for a in own} == {(people.EMPLOYEE, "self"),
                                                     (people.EMPLOYEE, "supervisor")}
    assert hr.get("/periods/2030/progress").status_code == 404


def test_hr_adds_a_technical_competency_and_uses_it_in_a_standard(org, hr):
    levels = [{"level": n, "title": {"id": f"Level {n}", "en": f"Level {n}"},
               "indicators": [f"Menyusun laporan keuangan tingkat {n}"]} for n in range(1, 6)]
    r = hr.post("/competencies", json={"code": "T.KEU.01",
                                       "name": {"id": "Pengelolaan Keuangan Daerah", "en": "Regional Finance"},
                                       "definition": {"id": "Mengelola keuangan daerah.",
                                                      "en": "Manages regional finances."},
                                       "levels": levels})
    assert r.status_code == 201 and r.get_json()["kind"] == "technical"
    standard = [{"competency": "M.01", "required_level": 2}, {"competency": "T.KEU.01", "required_level": 3}]
    r = hr.put("/positions/ANALIS", json={"title": "Analis Keuangan", "job_level": "AHLI_PERTAMA",
                                          "standard": standard})
    assert r.status_code == 200 and r.get_json()["revision"] == 2
    employee = org.caller(people.EMPLOYEE, "employee")
    path = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self/submission"
    assert employee.post(path, json=assessment()).get_json()["code"] == "unknown_competency"
    body = assessment(codes=("M.01", "T.KEU.01"))
    r = employee.post(path, json=body)
    assert r.status_code == 201
    stored = employee.get(r.headers["Location"]).get_json()
    assert [x["required_level"] for x in stored["ratings"]] == [2, 3]
    assert len(hr.get("/competencies").get_json()) == 10


def test_an_import_may_be_larger_than_other_requests_but_not_unbounded(org, hr):
    big = "NIP;NAMA\n" + "x;y\n" * (2 * 1024 * 1024 // 4)   # 2 MiB: past the 1 MiB JSON limit
    r = post_csv(hr, big)
    assert r.status_code == 422 and r.get_json()["code"] == "import_rejected"
    r = post_csv(hr, "x" * (17 * 1024 * 1024))
    assert r.status_code == 413
