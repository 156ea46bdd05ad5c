"""Tokens and access rules at the HTTP edge: 401 and 403 as problem+json, in Indonesian or English."""
from __future__ import annotations

import time

import jwt
import pytest
from flask_smorest import Blueprint

from shared.auth import (AUDITOR, EMPLOYEE, HR_ADMIN, AuthError, ClaimMap, Principal, TokenVerifier,
                         _private_key, generate_keypair, mint)
from shared.config import Settings
from shared.jwks import JwksKeys
from shared.web import public, requires, unguarded_endpoints
from shared.webapp import build_app

PRIVATE, PUBLIC_KEY = generate_keypair()
OTHER_PRIVATE, _ = generate_keypair()
NIP = "199203152019032001"


def make_app(extra_blueprint=None):
    app, api = build_app("test", TokenVerifier(PUBLIC_KEY), ready=lambda: {"database": True})
    blp = Blueprint("things", __name__)

    @blp.route("/things", methods=["GET"])
    @requires(HR_ADMIN, AUDITOR)
    def list_things():
        """HR and auditors read things."""
        return {"items": []}

    @blp.route("/me", methods=["GET"])
    @requires()
    def me():
        """Anyone signed in."""
        from shared.web import current_principal
        return {"nip": current_principal().nip}

    api.register_blueprint(blp)
    if extra_blueprint is not None:
        api.register_blueprint(extra_blueprint)
    return app


@pytest.fixture
def client():
    return make_app().test_client()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_the_right_role_gets_in(client):
    response = client.get("/things", headers=bearer(mint(PRIVATE, NIP, [AUDITOR])))
    assert response.status_code == 200


def test_missing_role_is_403_problem_json_in_indonesian_by_default(client):
    response = client.get("/things", headers=bearer(mint(PRIVATE, NIP, [EMPLOYEE])))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.json["title"] == "Anda tidak berwenang melakukan ini"
    assert response.json["status"] == 403
    assert "hr_admin" in response.json["detail"]


def test_english_on_request(client):
    response = client.get("/things", headers={**bearer(mint(PRIVATE, NIP, [])),
                                              "Accept-Language": "en-GB,en;q=0.8"})
    assert response.json["title"] == "You may not do this"
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize("headers, code", [
    ({}, "unauthenticated"),
    ({"Authorization": "Basic abc"}, "unauthenticated"),
    (bearer("not.a.token"), "token_invalid"),
    (bearer(mint(OTHER_PRIVATE, NIP, [HR_ADMIN])), "token_invalid"),
    (bearer(mint(PRIVATE, NIP, [HR_ADMIN], ttl_seconds=60, now=1_000_000)), "token_expired"),
])
def test_refused_tokens_are_401(client, headers, code):
    response = client.get("/me", headers=headers)
    assert response.status_code == 401
    assert response.json["code"] == code


def test_any_valid_token_for_views_without_roles(client):
    response = client.get("/me", headers=bearer(mint(PRIVATE, NIP, [])))
    assert response.json == {"nip": NIP}


def test_probes_are_public(client):
    assert client.get("/health").json == {"status": "ok"}
    assert client.get("/ready").status_code == 200


def test_unknown_path_is_404_problem_json(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_an_endpoint_without_an_access_rule_is_found_and_refused():
    blp = Blueprint("careless", __name__)

    @blp.route("/open", methods=["GET"])
    def forgotten():
        return {}

    app = make_app(blp)
    assert unguarded_endpoints(app) == ["GET /open"]
    assert app.test_client().get("/open").status_code == 403


def test_roles_claim_must_be_a_list():
    token = signed({"sub": NIP, "roles": "hr_admin"})
    with pytest.raises(AuthError, match="roles claim"):
        TokenVerifier(PUBLIC_KEY).verify(token)


def test_public_marks_a_view():
    def view():
        return {}
    assert public(view)._asn_access == ("public",)



def test_a_remembered_token_is_refused_once_it_expires():
    verifier = TokenVerifier(PUBLIC_KEY, leeway=0)
    token = mint(PRIVATE, NIP, [EMPLOYEE], ttl_seconds=1)
    assert verifier.verify(token).nip == NIP
    assert verifier.verify(token).nip == NIP  # from memory this time
    time.sleep(1.2)
    with pytest.raises(AuthError) as refused:
        verifier.verify(token)
    assert refused.value.code == "token_expired"


# --------------------------------------------------------------- where the NIP and roles sit

KEYCLOAK_CLAIMS = ClaimMap(nip="nip", roles="realm_access.roles")


def signed(claims: dict) -> str:
    return jwt.encode({"exp": 4_000_000_000, **claims}, _private_key(PRIVATE), "RS256")


def test_claims_read_at_dotted_paths_and_foreign_roles_left_out():
    claims = {"sub": "3f0c-uuid", "nip": NIP,
              "realm_access": {"roles": ["offline_access", "default-roles-asn", HR_ADMIN, EMPLOYEE]}}
    assert KEYCLOAK_CLAIMS.principal_from(claims) == Principal(NIP, frozenset({HR_ADMIN, EMPLOYEE}))


def test_only_foreign_roles_make_a_principal_without_roles():
    claims = {"nip": NIP, "realm_access": {"roles": ["uma_authorization"]}}
    assert KEYCLOAK_CLAIMS.principal_from(claims).roles == frozenset()


def test_no_roles_claim_is_no_roles():
    assert KEYCLOAK_CLAIMS.principal_from({"nip": NIP}).roles == frozenset()
    assert KEYCLOAK_CLAIMS.principal_from({"nip": NIP, "realm_access": "x"}).roles == frozenset()


@pytest.mark.parametrize("claims", [{"sub": NIP}, {"nip": ""}, {"nip": None}, {"nip": ["1"]},
                                    {"nip": True}])
def test_without_a_nip_the_claims_are_refused(claims):
    with pytest.raises(AuthError) as refused:
        KEYCLOAK_CLAIMS.principal_from(claims)
    assert refused.value.status == 401 and "nip" in refused.value.detail


def test_a_verifier_with_a_claim_map_reads_the_configured_claims():
    verifier = TokenVerifier(PUBLIC_KEY, claims=KEYCLOAK_CLAIMS)
    token = signed({"sub": "3f0c-uuid", "nip": NIP, "realm_access": {"roles": [AUDITOR, "x"]}})
    assert verifier.verify(token) == Principal(NIP, frozenset({AUDITOR}))


def test_a_token_without_the_nip_claim_is_401_at_the_http_edge():
    app, api = build_app("test", TokenVerifier(PUBLIC_KEY, claims=KEYCLOAK_CLAIMS),
                         ready=lambda: {})
    blp = Blueprint("me", __name__)

    @blp.route("/me", methods=["GET"])
    @requires()
    def me():
        """Anyone signed in."""
        return {}
    api.register_blueprint(blp)
    response = app.test_client().get("/me", headers=bearer(signed({"sub": NIP, "roles": []})))
    assert response.status_code == 401 and response.json["code"] == "token_invalid"
    assert "'nip'" in response.json["detail"]


def test_settings_name_the_claims_and_the_jwks(monkeypatch):
    monkeypatch.setenv("ASN_JWT_NIP_CLAIM", "nip")
    monkeypatch.setenv("ASN_JWT_ROLES_CLAIM", "realm_access.roles")
    monkeypatch.setenv("ASN_JWT_JWKS_URL", "http://127.0.0.1:9/certs")
    monkeypatch.setenv("ASN_JWT_ISSUER", "http://idp/realms/asn")
    verifier = TokenVerifier.from_settings(Settings.from_env())
    assert verifier.claims == KEYCLOAK_CLAIMS
    assert isinstance(verifier.keys, JwksKeys) and verifier.keys.url == "http://127.0.0.1:9/certs"
    assert verifier.issuer == "http://idp/realms/asn"


def test_without_a_jwks_url_the_pem_key_file_is_used(monkeypatch, tmp_path):
    (tmp_path / "public.pem").write_bytes(PUBLIC_KEY)
    monkeypatch.delenv("ASN_JWT_JWKS_URL", raising=False)
    monkeypatch.setenv("ASN_JWT_PUBLIC_KEY_FILE", str(tmp_path / "public.pem"))
    verifier = TokenVerifier.from_settings(Settings.from_env())
    assert verifier.claims == ClaimMap() and verifier.verify(mint(PRIVATE, NIP, [EMPLOYEE])).nip == NIP
