"""Keys from a JWKS endpoint: a real HTTP server on loopback that counts its requests."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from flask_smorest import Blueprint

from shared.auth import EMPLOYEE, AuthError, TokenVerifier, _private_key, generate_keypair
from shared.jwks import JwksKeys
from shared.web import requires
from shared.webapp import build_app

KEY_A, KEY_B = generate_keypair(), generate_keypair()
NIP = "199203152019032001"
ISSUER, AUDIENCE = "http://idp.test/realms/asn", "asn-api"


def jwk(keypair, kid: str) -> dict:
    public = _private_key(keypair[0]).public_key()
    return {**jwt.algorithms.RSAAlgorithm.to_jwk(public, as_dict=True), "kid": kid, "use": "sig",
            "alg": "RS256"}


def token(keypair, kid: str, **claims) -> str:
    body = {"sub": NIP, "roles": [EMPLOYEE], "exp": int(time.time()) + 300, "iss": ISSUER,
            "aud": AUDIENCE, **claims}
    return jwt.encode(body, _private_key(keypair[0]), "RS256", headers={"kid": kid})


class Idp:
    """Serves ``body`` at /certs with ``status``; ``fetches`` counts the requests."""

    def __init__(self) -> None:
        self.body, self.status, self.fetches = {"keys": [jwk(KEY_A, "a")]}, 200, 0
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                idp.fetches += 1
                payload = (idp.body if isinstance(idp.body, str) else json.dumps(idp.body)).encode()
                self.send_response(idp.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/certs"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def verifier(self, cooldown: float = 10) -> TokenVerifier:
        return TokenVerifier(JwksKeys(self.url, cooldown=cooldown), issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture
def idp():
    server = Idp()
    yield server
    server.server.shutdown()
    server.server.server_close()


def refused(verifier: TokenVerifier, raw: str) -> AuthError:
    with pytest.raises(AuthError) as caught:
        verifier.verify(raw)
    return caught.value


def test_the_key_named_by_kid_verifies_the_token(idp):
    idp.body = {"keys": [jwk(KEY_B, "b"), jwk(KEY_A, "a")]}
    verifier = idp.verifier()
    assert verifier.verify(token(KEY_A, "a")).nip == NIP
    assert verifier.verify(token(KEY_B, "b")).nip == NIP
    assert idp.fetches == 1  # the key set is cached


def test_a_token_signed_by_another_key_under_a_known_kid_is_refused(idp):
    assert refused(idp.verifier(), token(KEY_B, "a")).code == "token_invalid"


@pytest.mark.parametrize("claims", [{"aud": "another-api"}, {"iss": "http://idp.test/realms/other"}])
def test_wrong_audience_or_issuer_is_refused(idp, claims):
    assert refused(idp.verifier(), token(KEY_A, "a", **claims)).status == 401


def test_a_rotated_key_is_fetched_once_the_cooldown_has_passed(idp):
    verifier = idp.verifier(cooldown=0.5)
    assert verifier.verify(token(KEY_A, "a")).nip == NIP
    idp.body = {"keys": [jwk(KEY_B, "b")]}  # the IdP rotates its key
    assert refused(verifier, token(KEY_B, "b")).code == "token_invalid"  # within the cooldown
    assert idp.fetches == 1
    time.sleep(0.6)
    assert verifier.verify(token(KEY_B, "b")).nip == NIP
    assert idp.fetches == 2


def test_unknown_kids_refetch_at_most_once_per_cooldown(idp):
    verifier = idp.verifier(cooldown=0.5)
    verifier.verify(token(KEY_A, "a"))
    time.sleep(0.6)
    for i in range(20):
        assert refused(verifier, token(KEY_A, f"made-up-{i}")).code == "token_invalid"
    assert idp.fetches == 2


@pytest.mark.parametrize("status, body", [(500, {"error": "down"}), (200, "<html>not json"),
                                          (200, {"keys": []})])
def test_a_failing_idp_is_503_and_is_not_asked_again_at_once(idp, status, body):
    idp.status, idp.body = status, body
    verifier = idp.verifier(cooldown=5)
    first = refused(verifier, token(KEY_A, "a"))
    assert (first.status, first.code) == (503, "idp_unavailable") and idp.url in first.detail
    assert refused(verifier, token(KEY_A, "a")).status == 503
    assert idp.fetches == 1


def test_an_unreachable_idp_is_a_503_problem_at_the_http_edge(idp):
    url = idp.url
    idp.server.shutdown()
    idp.server.server_close()
    verifier = TokenVerifier(JwksKeys(url, timeout=2), issuer=ISSUER, audience=AUDIENCE)
    app, api = build_app("test", verifier, ready=lambda: {})
    blp = Blueprint("me", __name__)

    @blp.route("/me", methods=["GET"])
    @requires()
    def me():
        """Anyone signed in."""
        return {}
    api.register_blueprint(blp)
    response = app.test_client().get("/me", headers={"Authorization": f"Bearer {token(KEY_A, 'a')}",
                                                     "Accept-Language": "en"})
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.json["code"] == "idp_unavailable"
    assert response.json["title"] == "The identity provider cannot be reached; try again later"


def test_a_remembered_token_is_refused_once_its_key_is_rotated_out(idp):
    """The memory of verified tokens holds only while the key set it was checked with is current:
    fetched again (its lifespan over), the token is checked again and a removed key refuses it."""
    verifier = TokenVerifier(JwksKeys(idp.url, lifespan=0.5, cooldown=0.1), issuer=ISSUER,
                             audience=AUDIENCE)
    raw = token(KEY_A, "a")
    assert verifier.verify(raw).nip == NIP
    assert verifier.verify(raw).nip == NIP and idp.fetches == 1  # from memory
    idp.body = {"keys": [jwk(KEY_B, "b")]}  # the IdP rotates key "a" out
    time.sleep(0.6)
    assert refused(verifier, raw).code == "token_invalid"
    assert verifier.verify(token(KEY_B, "b")).nip == NIP


def test_a_remembered_token_is_not_checked_again_while_its_key_set_is_current(idp, monkeypatch):
    verifier, raw, decoded = idp.verifier(), token(KEY_A, "a"), []
    real = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: decoded.append(1) or real(*a, **k))
    for _ in range(5):
        assert verifier.verify(raw).nip == NIP
    assert len(decoded) == 1 and idp.fetches == 1
