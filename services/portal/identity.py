"""Who is signed in: their NIP, roles and token, kept in the server-side session.

Two ways in: the agency's identity provider (OpenID Connect, authorization code with PKCE,
through Authlib), and, only where ASN_PORTAL_DEV_LOGIN is set, a development sign-in that mints
a token with the local development key the way `asn token` does.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import jwt
import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from authlib.integrations.requests_client import OAuth2Session
from flask import session

from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, TRAINING_ADMIN, ClaimMap
from shared.config import Settings

# The order in which a person's roles are offered; the first they hold is where they start.
ROLE_ORDER = (EMPLOYEE, HR_ADMIN, TRAINING_ADMIN, AUDITOR)
REFRESH_MARGIN = 30  # seconds before expiry at which a token is renewed


@dataclass(frozen=True)
class Person:
    """The signed-in person as the portal shows them."""

    nip: str
    roles: tuple[str, ...]
    role: str
    via: str  # "sso" or "dev"


def remember(token: dict, via: str, settings: Settings) -> Person:
    """Start a session for the holder of ``token`` (an OAuth token dict).

    The access token's claims are read unverified: the portal only learns whom it names, to
    choose their pages, the same way the services do (ClaimMap); the services verify every token.
    """
    claims = jwt.decode(token["access_token"], options={"verify_signature": False})
    principal = ClaimMap.from_settings(settings).principal_from(claims)
    roles = tuple(r for r in ROLE_ORDER if r in principal.roles)
    session.clear()
    session.rotate()
    session.update(nip=principal.nip, roles=list(roles), role=roles[0] if roles else "", via=via,
                   access_token=token["access_token"],
                   refresh_token=token.get("refresh_token"), id_token=token.get("id_token"),
                   expires_at=float(token.get("expires_at") or claims.get("exp") or 0))
    return current_person()


def current_person() -> Person | None:
    """The signed-in person of this session, or None when nobody is."""
    if not session.get("access_token"):
        return None
    return Person(session["nip"], tuple(session["roles"]), session["role"], session["via"])


def switch_role(role: str) -> bool:
    """Act in another of one's own roles; False when the person does not hold it."""
    if role not in session.get("roles", []):
        return False
    session["role"] = role
    return True


def access_token(oauth: OAuth | None) -> str | None:
    """The session's access token, renewed with the refresh token when it is about to expire."""
    if not session.get("access_token"):
        return None
    if session.get("expires_at", 0) - REFRESH_MARGIN > time.time():
        return session["access_token"]
    if session.get("via") != "sso" or not session.get("refresh_token") or oauth is None:
        session.clear()
        return None
    client = oauth.create_client("agency")
    metadata = client.load_server_metadata()
    with OAuth2Session(client.client_id, client.client_secret) as http:
        try:
            token = http.refresh_token(metadata["token_endpoint"],
                                       refresh_token=session["refresh_token"])
        except (AuthlibBaseError, requests.RequestException):  # expired or revoked: sign in again
            session.clear()
            return None
    session.update(access_token=token["access_token"],
                   refresh_token=token.get("refresh_token", session["refresh_token"]),
                   expires_at=float(token.get("expires_at") or time.time() + 60))
    return session["access_token"]
