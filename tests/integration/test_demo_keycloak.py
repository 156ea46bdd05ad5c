"""demo.keycloak on the real Keycloak: a user per demo employee, reruns change only what differs."""
from __future__ import annotations

import jwt
import pytest

from demo.agency import generate
from demo.keycloak import KeycloakError, main, provision
from shared.auth import EMPLOYEE, HR_ADMIN
from tests.support.keycloak import keycloak  # noqa: F401  (the session's Keycloak)

AGENCY = generate(employees=6, units=2, seed=3)


def roles_of(kc, realm: str, nip: str) -> set[str]:
    user = kc.admin.call("GET", f"/realms/{realm}/users?username={nip}&exact=true")[0]
    return {r["name"] for r in kc.admin.call("GET", f"/realms/{realm}/users/{user['id']}/role-mappings/realm")}


def test_every_employee_can_sign_in_with_the_development_password(keycloak):  # noqa: F811
    realm = keycloak.make_realm(AGENCY)
    for person in AGENCY.employees:
        claims = jwt.decode(keycloak.token(realm, person.nip), options={"verify_signature": False})
        wanted = {EMPLOYEE, HR_ADMIN} if person == AGENCY.hr_head else {EMPLOYEE}
        assert claims["nip"] == person.nip
        assert set(claims["realm_access"]["roles"]) & {EMPLOYEE, HR_ADMIN, "auditor"} == wanted
        assert claims["given_name"] == person.name.split()[0]


def test_a_rerun_changes_nothing_then_repairs_what_was_changed_by_hand(keycloak):  # noqa: F811
    realm = keycloak.make_realm(AGENCY)
    assert provision(keycloak.admin, realm, AGENCY, keycloak.password) == {
        "created": 0, "updated": 0, "unchanged": len(AGENCY.employees), "role_changes": 0}
    staff, hr = AGENCY.employees[-1], AGENCY.hr_head
    user = keycloak.admin.call("GET", f"/realms/{realm}/users?username={staff.nip}&exact=true")[0]
    keycloak.admin.call("PUT", f"/realms/{realm}/users/{user['id']}",
                        {**user, "firstName": "Renamed", "attributes": {"nip": [hr.nip]}})
    rep = keycloak.admin.call("GET", f"/realms/{realm}/roles/{HR_ADMIN}")
    keycloak.admin.call("POST", f"/realms/{realm}/users/{user['id']}/role-mappings/realm", [rep])
    assert roles_of(keycloak, realm, staff.nip) >= {HR_ADMIN}
    counts = provision(keycloak.admin, realm, AGENCY, keycloak.password)
    assert (counts["created"], counts["updated"], counts["role_changes"]) == (0, 1, 1)
    assert HR_ADMIN not in roles_of(keycloak, realm, staff.nip)
    claims = jwt.decode(keycloak.token(realm, staff.nip), options={"verify_signature": False})
    assert (claims["nip"], claims["given_name"]) == (staff.nip, staff.name.split()[0])


def test_the_command_reports_its_counts(keycloak, capsys):  # noqa: F811
    realm = keycloak.make_realm(generate(employees=2, units=1))
    assert main(["--realm", realm, "--employees", "3", "--units", "1", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"realm {realm}: 1 people created, 0 updated, 2 unchanged" in out


def test_an_unknown_realm_is_a_clear_error(keycloak, capsys):  # noqa: F811
    with pytest.raises(KeycloakError, match="404"):
        provision(keycloak.admin, "no-such-realm", AGENCY, keycloak.password)
    assert main(["--realm", "no-such-realm", "--employees", "2"]) == 1
    assert "no-such-realm" in capsys.readouterr().err
