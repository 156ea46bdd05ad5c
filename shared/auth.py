"""Bearer JWTs: verified against the agency identity provider's public key; dev keys minted locally.

Claims: ``sub`` is the caller's 18-digit NIP, ``roles`` a list of role names. "Supervisor" is not a
role claim: it follows from the reporting line, which each service checks against its own data.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

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
        return bool(self.roles & set(roles))


class AuthError(Exception):
    """A refused token (401) or a missing role (403); ``code`` names the message to show."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


class TokenVerifier:
    """Verifies signature, expiry and (when configured) issuer and audience."""

    CACHE_SIZE = 10_000

    def __init__(self, public_key_pem: bytes, *, algorithms=("RS256",), issuer: str | None = None,
                 audience: str | None = None, leeway: int = 30) -> None:
        self.key = serialization.load_pem_public_key(public_key_pem)
        self.algorithms = list(algorithms)
        self.issuer, self.audience, self.leeway = issuer, audience, leeway
        self._verified: dict[str, tuple[Principal, float]] = {}

    def verify(self, token: str) -> Principal:
        """The principal a token names, or AuthError(401) saying why it is refused.

        A token that passed is remembered until it expires: a client sends the same token with
        every request, and checking an RSA signature again each time is the costliest step.
        """
        known = self._verified.get(token)
        if known is not None and time.time() < known[1] + self.leeway:
            return known[0]
        principal, expires = self._decode(token)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()  # rare; cheaper and simpler than tracking recency
        self._verified[token] = (principal, expires)
        return principal

    def _decode(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token, self.key, algorithms=self.algorithms, issuer=self.issuer,
                audience=self.audience, leeway=self.leeway,
                options={"require": ["exp", "sub"], "verify_aud": self.audience is not None})
        except jwt.ExpiredSignatureError:
            raise AuthError(401, "token_expired", "the token has expired") from None
        except jwt.InvalidTokenError as exc:
            raise AuthError(401, "token_invalid", f"the token is not valid: {exc}") from None
        roles = claims.get("roles", [])
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise AuthError(401, "token_invalid", "the roles claim must be a list of names")
        return Principal(nip=str(claims["sub"]), roles=frozenset(roles)), float(claims["exp"])


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
