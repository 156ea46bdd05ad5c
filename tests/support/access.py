"""The access matrix tests' common steps: every route listed, the refused refused, the allowed let in."""
from __future__ import annotations

from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES, TRAINING_ADMIN
from tests.support import people

PUBLIC = {("GET", "/health"), ("GET", "/ready"), ("GET", "/metrics"),
          ("GET", "/api-docs/openapi.json"), ("GET", "/api-docs/"),
          ("GET", "/api-docs/assets/<path:filename>"), ("GET", "/static/<path:filename>")}
# Who calls with each role when the matrix names nobody in particular.
NIP_OF = {EMPLOYEE: people.OUTSIDER, HR_ADMIN: people.HR, TRAINING_ADMIN: people.PEER,
          AUDITOR: people.AUDITOR}


def send(caller, method: str, path: str, body):
    """A JSON body, or a CSV file when the body is text."""
    if isinstance(body, str):
        return getattr(caller, method.lower())(path, data=body, content_type="text/csv")
    return getattr(caller, method.lower())(path, json=body)


def routes(app) -> set[tuple[str, str]]:
    """Every (method, rule) of the app but the public probes and documents."""
    return {(m, r.rule) for r in app.url_map.iter_rules()
            for m in r.methods - {"HEAD", "OPTIONS"}} - PUBLIC


def assert_refused(env, method: str, path: str, body, allowed, codes=("forbidden",)) -> None:
    """No token: 401; a token without an allowed role (or with none): 403; nothing recorded."""
    before = len(env.events())
    response = send(env.caller(None), method, path, body)
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    for roles in [(role,) for role in ROLES if role not in allowed] + [()]:
        response = send(env.caller(people.OUTSIDER, *roles), method, path, body)
        assert response.status_code == 403, (roles, response.get_json())
        assert response.get_json()["code"] in codes, (roles, response.get_json())
    assert len(env.events()) == before


def caller_for(env, role: str, acting_nip: str | None):
    """The caller with ``role``: as ``acting_nip`` when an employee must be someone in particular."""
    nip = acting_nip if role == EMPLOYEE and acting_nip else NIP_OF[role]
    return env.caller(nip, role)
