"""Bearer JWTs: verified against the agency identity provider's keys; dev keys minted locally.

Which claims carry the caller's 18-digit NIP and their role names is configuration (ClaimMap):
``sub`` and ``roles`` for development tokens, e.g. ``nip`` and ``realm_access.roles`` for Keycloak.
"Supervisor" is not a role claim: it follows from the reporting line, which each service checks
against its own data.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.config import Settings
from shared.jwks import JwksKeys, KeyUnavailable, StaticKey

EMPLOYEE = "employee"          # pegawai
HR_ADMIN = "hr_admin"          # BKPSDM
TRAINING_ADMIN = "training_admin"
AUDITOR = "auditor"            # read-only
ROLES = (EMPLOYEE, HR_ADMIN, TRAINING_ADMIN, AUDITOR)


@dataclass(frozen=True)
class Principal:
    """Who is calling: their NIP and the roles the identity provider granted."""

    nip: str
    roles: frozenset[str]

    def has_any(self, roles) -> bool:
        """Whether the caller holds at least one of ``roles``."""
        return bool(self.roles & set(roles))


class AuthError(Exception):
    """A refused token (401) or a missing role (403); ``code`` names the message to show."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


@dataclass(frozen=True)
class ClaimMap:
    """Where a token's claims keep the NIP and the roles; dotted paths reach into objects."""

    nip: str = "sub"
    roles: str = "roles"

    @classmethod
    def from_settings(cls, settings: Settings) -> "ClaimMap":
        """The claim paths the settings name (ASN_JWT_NIP_CLAIM, ASN_JWT_ROLES_CLAIM)."""
        return cls(nip=settings.jwt_nip_claim, roles=settings.jwt_roles_claim)

    def principal_from(self, claims: Mapping) -> Principal:
        """The caller the (already verified) claims name; AuthError(401) without a NIP.

        Roles the platform does not know (Keycloak's ``offline_access``...) are left out.
        """
        nip = _at(claims, self.nip)
        if isinstance(nip, int) and not isinstance(nip, bool):
            nip = str(nip)
        if not isinstance(nip, str) or not nip.strip():
            raise AuthError(401, "token_invalid", f"the token carries no NIP in claim '{self.nip}'")
        roles = _at(claims, self.roles)
        roles = [] if roles is None else roles
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise AuthError(401, "token_invalid",
                            f"the roles claim '{self.roles}' must be a list of names")
        return Principal(nip=nip.strip(), roles=frozenset(roles) & frozenset(ROLES))


def _at(claims: Mapping, path: str):
    """The value at a dotted path (``realm_access.roles``), or None where any step is missing."""
    value = claims
    for step in path.split("."):
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


class TokenVerifier:
    """Verifies signature, expiry and (when configured) issuer and audience, then reads the claims.

    ``keys`` is a PEM public key (development) or a key source such as JwksKeys (the IdP's).
    """

    CACHE_SIZE = 10_000

    def __init__(self, keys, *, algorithms=("RS256",), issuer: str | None = None,
                 audience: str | None = None, leeway: int = 30,
                 claims: ClaimMap = ClaimMap()) -> None:
        self.keys = StaticKey(keys) if isinstance(keys, bytes) else keys
        self.algorithms = list(algorithms)
        self.issuer, self.audience, self.leeway, self.claims = issuer, audience, leeway, claims
        self._verified: dict[str, tuple[Principal, float, object]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenVerifier":
        """The IdP's JWKS when ASN_JWT_JWKS_URL is set, else the PEM key file (development)."""
        if settings.jwt_jwks_url:
            keys = JwksKeys(settings.jwt_jwks_url, cooldown=settings.jwt_jwks_cooldown)
        else:
            keys = settings.jwt_public_key_file.read_bytes()
        return cls(keys, algorithms=settings.jwt_algorithms, issuer=settings.jwt_issuer,
                   audience=settings.jwt_audience, claims=ClaimMap.from_settings(settings))

    def verify(self, token: str) -> Principal:
        """The principal a token names, or AuthError(401) saying why it is refused.

        A token that passed is remembered until it expires: a client sends the same token with
        every request, and checking an RSA signature again each time is the costliest step. It
        is remembered with the key set it was checked against and taken from memory only while
        that set is the current one: once the IdP's keys are fetched again (JwksKeys' lifespan)
        the token is checked again, so one whose key was rotated out is refused.
        """
        keys = self.keys.current_set()
        known = self._verified.get(token)
        if (known is not None and keys is not None and known[2] is keys
                and time.time() < known[1] + self.leeway):
            return known[0]
        principal, expires = self._decode(token)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()  # rare; cheaper and simpler than tracking recency
        if keys is None:  # none was current: the check fetched it (a refetch since: moments)
            keys = self.keys.current_set()
        self._verified[token] = (principal, expires, keys)
        return principal

    def _decode(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token, self.keys.key_for(token), algorithms=self.algorithms, issuer=self.issuer,
                audience=self.audience, leeway=self.leeway,
                options={"require": ["exp"], "verify_aud": self.audience is not None})
        except jwt.ExpiredSignatureError:
            raise AuthError(401, "token_expired", "the token has expired") from None
        except jwt.InvalidTokenError as exc:
            raise AuthError(401, "token_invalid", f"the token is not valid: {exc}") from None
        except KeyUnavailable as exc:
            raise AuthError(503, "idp_unavailable", str(exc)) from None
        return self.claims.principal_from(claims), float(claims["exp"])


def mint(private_key_pem: bytes, nip: str, roles, *, ttl_seconds: int = 8 * 3600,
         issuer: str | None = None, audience: str | None = None, now: float | None = None) -> str:
    """A signed RS256 token for development and tests (production tokens come from the IdP)."""
    issued = int(now if now is not None else time.time())
    claims = {"sub": nip, "roles": sorted(roles), "iat": issued, "exp": issued + ttl_seconds}
    if issuer:
        claims["iss"] = issuer
    if audience:
        claims["aud"] = audience
    return jwt.encode(claims, _private_key(private_key_pem), "RS256")


@lru_cache(maxsize=4)
def _private_key(pem: bytes):
    """The parsed key: parsing an RSA key costs ~40 ms, more than signing, and the demo mints
    a token per assessor."""
    return serialization.load_pem_private_key(pem, None)


def generate_keypair() -> tuple[bytes, bytes]:
    """A fresh RSA key pair as (private PEM, public PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def ensure_dev_keys(private_file: Path, public_file: Path) -> bool:
    """Write a development key pair unless one exists; True when it was created."""
    if private_file.exists() and public_file.exists():
        return False
    private, public = generate_keypair()
    private_file.parent.mkdir(parents=True, exist_ok=True)
    private_file.write_bytes(private)
    private_file.chmod(0o600)
    public_file.write_bytes(public)
    return True
