"""The HTTP boundary of all three services refuses what PostgreSQL or UTF-8 cannot hold with a
422 naming the field, never a 500: U+0000 and lone surrogates in text (JSON and the CSV imports),
page numbers past any OFFSET, and integers sent as 2085.0 or 2085.5."""
from __future__ import annotations

import json

import pytest

from tests.support import people
from tests.support.apps import service_apps

EVERY_ROLE = ("employee", "hr_admin", "training_admin", "auditor")
SELF = f"/periods/{people.PERIOD}/assessments/{people.EMPLOYEE}/self/submission"


@pytest.fixture(scope="module")
def envs(infra, tmp_path_factory):
    with service_apps(infra, tmp_path_factory.mktemp("boundary-keys")) as found:
        yield found


def caller(env):
    return env.caller(people.HR, *EVERY_ROLE)


def refused(response, *path):
    """A 422 problem whose errors name ``path`` (location first: json, query...)."""
    assert response.status_code == 422, (response.status_code, response.get_data(as_text=True))
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    for step in path:
        errors = errors[step]
    assert errors
    return response.get_json()


def raw_json(env, path, text):
    return caller(env).post(path, data=text, content_type="application/json")


EMPLOYEE = {"nip": "199505052020122001", "position_code": "ANALIS", "unit_code": "BKPSDM"}
RATING = {"competency": "M.01", "level": 3, "comment": ""}


@pytest.mark.parametrize("bad", ["Ayu\x00", "\x00"], ids=["inside", "alone"])
def test_nul_in_text_is_a_422_naming_the_field(envs, bad):
    before = {name: len(env.events()) for name, env in envs.items()}
    hr = caller(envs["assessment"])
    refused(hr.post("/employees", json={**EMPLOYEE, "name": bad}), "json", "name")
    refused(hr.post("/units", json={"code": "X", "name": bad}), "json", "name")
    body = {"ratings": [{**RATING, "evidence": bad}], "work_result": "SESUAI"}
    refused(envs["assessment"].caller(people.EMPLOYEE, "employee").post(SELF, json=body),
            "json", "ratings", "0", "evidence")
    boss = envs["feedback"].caller(people.SUPERVISOR, "employee")
    refused(boss.post(f"/employees/{people.EMPLOYEE}/notes",
                      json={"competency": "M.01", "tone": "positive", "text": bad}), "json", "text")
    refused(caller(envs["training"]).post("/programmes/P1/retire", json={"reason": bad}),
            "json", "reason")
    assert {name: len(env.events()) for name, env in envs.items()} == before


def test_a_lone_surrogate_in_json_is_a_422_naming_the_field(envs):
    before = len(envs["assessment"].events())
    text = json.dumps({**EMPLOYEE, "name": "Ayu"}).replace('"Ayu"', '"Ayu \\ud800"')
    refused(raw_json(envs["assessment"], "/employees", text), "json", "name")
    reason = '{"reason": "\\udfff"}'
    refused(raw_json(envs["training"], "/programmes/P1/retire", reason), "json", "reason")
    assert len(envs["assessment"].events()) == before


CSV_HEAD = "NIP_BARU,NAMA,JABATAN_ID,JABATAN_NAMA,JENJANG_JABATAN,UNOR_ID,UNOR_NAMA,UNOR_INDUK_ID,NIP_ATASAN\n"
CSV_ROW = "199505052020122001,{name},ANALIS,Analis,AHLI_PERTAMA,BKPSDM,Badan,,\n"


@pytest.mark.parametrize("name, code", [("Ayu\x00", "invalid_text"), (b"Ayu \xed\xa0\x80", "not_utf8"),
                                        (b"Ayu \xff", "not_utf8")], ids=["nul", "surrogate", "latin1"])
def test_the_csv_imports_refuse_nul_and_what_is_not_utf8_naming_the_row(envs, name, code):
    before = len(envs["assessment"].events())
    hr = caller(envs["assessment"])
    row = CSV_ROW.encode().replace(b"{name}", name if isinstance(name, bytes) else name.encode())
    response = hr.post("/imports/employees", data=CSV_HEAD.encode() + row, content_type="text/csv")
    assert response.status_code == 422 and response.get_json()["code"] == "import_rejected"
    assert {(r["row"], r["code"]) for r in response.get_json()["rows"]} == {(2, code)}
    programmes = b"code,title_id\nP1,J" + (name if isinstance(name, bytes) else name.encode())
    response = caller(envs["training"]).post("/imports/programmes", data=programmes,
                                             content_type="text/csv")
    assert response.status_code == 422 and response.get_json()["rows"][0]["code"] == code
    assert len(envs["assessment"].events()) == before and envs["training"].rows(
        "SELECT * FROM events WHERE type LIKE '%%Programme%%' AND subject = 'P1'") == []


def test_the_importer_itself_refuses_nul_per_row_and_column(envs):
    from services.assessment.importing import check, parse

    rows = parse(CSV_HEAD + CSV_ROW.format(name="Ayu\x00"))
    assert [(e.row, e.column, e.code) for e in check(rows, _NoneKnown())
            if e.code == "invalid_text"] == [(2, "NAMA", "invalid_text")]


class _NoneKnown:
    units, positions, employees = {}, {}, {}


def paged_lists(app):
    """(path, query of the other required parameters) of every paged GET of the app."""
    spec = app.test_client().get("/api-docs/openapi.json").get_json()
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if operation and any(p["name"] == "page" for p in operation.get("parameters", [])):
            required = {p["name"]: "2026-Q1" for p in operation["parameters"]
                        if p["required"] and p["in"] == "query"}
            yield path.replace("{period_id}", people.PERIOD), required


@pytest.mark.parametrize("page", [str(2**63), str(2**64 + 1), "1.0", "0", "-1"])
def test_every_paged_list_of_every_service_refuses_a_page_out_of_bounds(envs, page):
    counted = 0
    for name, env in envs.items():
        for path, query in paged_lists(env.app):
            response = caller(env).get(path, query_string={**query, "page": page})
            refused(response, "query", "page")
            counted += 1
    assert counted >= 8, "the walk found the paged lists"


@pytest.mark.parametrize("year, query", [(2085.0, "2085.0"), (2085.5, "2085.5"),
                                         ("2085", " 2085"), (True, "true")])
def test_an_integer_is_an_integer(envs, year, query):
    hr = caller(envs["assessment"])
    refused(hr.post("/periods", json={"kind": "annual", "year": year}), "json", "year")
    assert envs["assessment"].rows("SELECT * FROM periods WHERE year = 2085") == []
    refused(caller(envs["training"]).get(f"/employees/{people.EMPLOYEE}/jp",
                                         query_string={"year": query}), "query", "year")


def test_a_whole_number_is_taken_as_it_is(envs):
    hr = caller(envs["assessment"])
    assert hr.post("/periods", json={"kind": "annual", "year": 2086}).status_code == 201
    response = caller(envs["training"]).get(f"/employees/{people.EMPLOYEE}/jp",
                                            query_string={"year": "2086"})
    assert response.status_code == 404  # the employee is unknown there: the year was taken


@pytest.mark.parametrize("body", [b'NIP_BARU,NAMA\n"199505052020122001,Ayu\n', b"NIP_BARU\rNAMA,x\n"],
                         ids=["open-quote", "bare-cr"])
def test_a_file_that_is_not_csv_is_refused_not_a_server_error(envs, body):
    for service, path in (("assessment", "/imports/employees"), ("training", "/imports/programmes")):
        response = caller(envs[service]).post(path, data=body, content_type="text/csv")
        assert response.status_code == 422, response.get_data(as_text=True)
        assert response.get_json()["code"] == "import_rejected"


def test_an_unknown_query_parameter_is_a_422_naming_it(envs):
    hr = caller(envs["assessment"])
    refused(hr.get("/employees", query_string={"unti": "BKPSDM"}), "query", "unti")
    assert hr.get("/employees", query_string={"unit": "BKPSDM", "page": "1"}).status_code == 200
    refused(caller(envs["feedback"]).get("/me/dialogues", query_string={"unit": "X"}),
            "query", "unit")


def test_the_documents_say_what_is_sent(envs):
    """Errors as application/problem+json; probes with their own schemas; X-Pagination as text."""
    for env in envs.values():
        spec = env.app.test_client().get("/api-docs/openapi.json").get_json()
        for name, response in spec["components"]["responses"].items():
            assert list(response.get("content", {PROBLEM: None})) == [PROBLEM], name
        health = spec["paths"]["/health"]["get"]["responses"]["200"]
        ready = spec["paths"]["/ready"]["get"]["responses"]
        assert health["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Health"}
        assert ready["503"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Ready"}
        paged = [op for item in spec["paths"].values() for op in item.values()
                 if isinstance(op, dict) and "X-Pagination" in op.get("responses", {}).get(
                     "200", {}).get("headers", {})]
        assert all(op["responses"]["200"]["headers"]["X-Pagination"]["schema"] == {"type": "string"}
                   for op in paged)


PROBLEM = "application/problem+json"
