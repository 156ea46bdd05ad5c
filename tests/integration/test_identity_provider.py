"""The three services take the real Keycloak's access tokens: NIP and roles from the configured
claims, the wrong audience, issuer or realm refused, a rotated signing key picked up while running.

Each test session makes realms of its own from deploy/keycloak/realm-asn.json (the file `make up
SSO=keycloak` imports as realm asn) and removes them afterwards.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import jwt
import psycopg
import pytest

from demo.agency import generate
from demo.keycloak import sso_env
from services.assessment.app import create_app as assessment_app
from services.assessment.definition import SERVICE as ASSESSMENT
from services.feedback.app import create_app as feedback_app
from services.feedback.definition import SERVICE as FEEDBACK
from services.training.app import create_app as training_app
from services.training.definition import SERVICE as TRAINING
from tests.support import databases
from tests.support.keycloak import keycloak  # noqa: F401  (the session's Keycloak)

AGENCY = generate(employees=3, units=1, seed=7)
HEAD, HR, EMPLOYEE = AGENCY.employees  # HR is AGENCY.hr_head: hr_admin as well as employee
# (service, app factory, a path an employee may read only for themself, an HR/auditor-only path)
SERVICES = {"assessment": (ASSESSMENT, assessment_app, "/employees/{nip}", "/units"),
            "feedback": (FEEDBACK, feedback_app, "/employees/{nip}/notes", "/dialogues"),
            "training": (TRAINING, training_app, "/employees/{nip}/plan", "/opportunities")}
# The rows each service's employee projection holds once the organisation is published.
EXTRA_COLUMNS = {"assessment": (", version, registered_at, updated_at", ", 1, now(), now()"),
                 "feedback": (", updated_at", ", now()"), "training": ("", "")}


@pytest.fixture(scope="module")
def realm(keycloak):  # noqa: F811
    assert AGENCY.hr_head == HR
    name = keycloak.make_realm(AGENCY)
    keycloak.public_client(name, "asn-other")
    return name


@pytest.fixture(scope="module", params=sorted(SERVICES))
def service_db(request, infra, tmp_path_factory):
    """One service's database, set up once for this module, with the agency in its projection."""
    service = SERVICES[request.param][0]
    template = databases.template(service, infra, tmp_path_factory.mktemp(f"{service.name}-keys"))
    settings = next(template)
    columns, values = EXTRA_COLUMNS[service.name]
    with psycopg.connect(settings.database_url(service.name)) as conn:
        for person in AGENCY.employees:
            conn.execute(f"INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip"
                         f"{columns}) VALUES (%s, %s, %s, %s, %s{values})",
                         (person.nip, person.name, person.position.code, person.unit_code,
                          person.supervisor_nip))
    yield request.param, settings
    next(template, None)


@dataclass
class Running:
    """A service's real app verifying tokens with the IdP settings given."""

    app: object
    own_path: str
    hr_path: str

    def get(self, path: str, token: str):
        return self.app.test_client().get(path, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def start(service_db, keycloak):  # noqa: F811
    """Starts the service's app with settings for a realm (and changes); closed after the test."""
    name, settings = service_db
    service, create_app, own, hr = SERVICES[name]
    apps = []

    def make(realm_name: str, **changes) -> Running:
        app = create_app(keycloak.settings_for(settings, realm_name, **changes))
        apps.append(app)
        return Running(app, own, hr)
    yield make
    for app in apps:
        app.extensions["asn.pool"].close()


def test_sso_env_names_realm_asn_of_the_keycloak_it_names():
    env = sso_env()
    assert env["ASN_JWT_ISSUER"] == f"{env['ASN_KEYCLOAK_URL']}/realms/{env['ASN_KEYCLOAK_REALM']}"
    assert env["ASN_JWT_JWKS_URL"] == f"{env['ASN_JWT_ISSUER']}/protocol/openid-connect/certs"
    assert env["ASN_DEV_TOKEN_URL"] == f"{env['ASN_JWT_ISSUER']}/protocol/openid-connect/token"


def test_the_access_token_carries_nip_roles_and_audience(keycloak, realm):  # noqa: F811
    claims = jwt.decode(keycloak.token(realm, HR.nip), options={"verify_signature": False})
    assert claims["nip"] == HR.nip and claims["sub"] != HR.nip
    assert {"hr_admin", "employee", "offline_access"} <= set(claims["realm_access"]["roles"])
    assert "asn-api" in claims["aud"] and claims["iss"] == keycloak.issuer(realm)


def test_nip_and_roles_come_from_the_configured_claims(start, keycloak, realm):  # noqa: F811
    service = start(realm)
    employee, hr = keycloak.token(realm, EMPLOYEE.nip), keycloak.token(realm, HR.nip)
    assert service.get(service.own_path.format(nip=EMPLOYEE.nip), employee).status_code == 200
    refused = service.get(service.own_path.format(nip=HEAD.nip), employee)
    assert refused.status_code == 403 and refused.json["code"] == "not_allowed_to_read"
    assert service.get(service.hr_path, employee).status_code == 403
    assert service.get(service.hr_path, hr).status_code == 200


@pytest.mark.parametrize("changes", [{"jwt_audience": "another-api"},
                                     {"jwt_issuer": "http://localhost:8080/realms/asn"}])
def test_a_token_for_another_audience_or_from_another_issuer_is_refused(start, keycloak, realm,  # noqa: F811
                                                                          changes):
    service = start(realm, **changes)
    response = service.get(service.hr_path, keycloak.token(realm, HR.nip))
    assert response.status_code == 401 and response.json["code"] == "token_invalid"


def test_a_token_of_a_client_without_the_api_audience_is_refused(start, keycloak, realm):  # noqa: F811
    service = start(realm)
    response = service.get(service.hr_path, keycloak.token(realm, HR.nip, client_id="asn-other"))
    assert response.status_code == 401 and "audience" in response.json["detail"].lower()


def test_a_token_of_another_realm_is_refused(start, keycloak, realm):  # noqa: F811
    other = keycloak.make_realm(AGENCY, prefix="asnother")
    service = start(realm, jwt_jwks_cooldown=0)
    response = service.get(service.hr_path, keycloak.token(other, HR.nip))
    assert response.status_code == 401 and response.json["code"] == "token_invalid"
    assert service.get(service.hr_path, keycloak.token(realm, HR.nip)).status_code == 200


def test_a_rotated_signing_key_is_accepted_without_a_restart(start, keycloak):  # noqa: F811
    rotating = keycloak.make_realm(AGENCY, prefix="asnrotate")
    service = start(rotating, jwt_jwks_cooldown=1)
    before = keycloak.token(rotating, HR.nip)
    assert service.get(service.hr_path, before).status_code == 200
    keycloak.rotate_keys(rotating)
    after = keycloak.token(rotating, HR.nip)
    assert jwt.get_unverified_header(after)["kid"] != jwt.get_unverified_header(before)["kid"]
    time.sleep(1.1)  # the verifier refetches for an unknown kid at most once a cooldown
    response = service.get(service.hr_path, after)
    assert response.status_code == 200, response.json
