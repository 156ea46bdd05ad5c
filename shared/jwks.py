"""Where a token's signing key comes from: one static PEM key (development) or the identity
provider's JWKS endpoint (production), whose keys may rotate while the services run."""
from __future__ import annotations

import threading
import time

import jwt
from cryptography.hazmat.primitives import serialization


class KeyUnavailable(Exception):
    """The identity provider's keys cannot be had now: the caller is not at fault (503)."""


class StaticKey:
    """One RSA public key from a PEM file: the development option (tokens minted by `asn token`)."""

    def __init__(self, public_key_pem: bytes) -> None:
        self.key = serialization.load_pem_public_key(public_key_pem)

    def key_for(self, token: str):
        """The one development key, whatever the token names."""
        return self.key

    def current_set(self):
        """What a verified token is remembered with (TokenVerifier): the key never changes."""
        return self.key


class JwksKeys:
    """The keys the IdP publishes at its JWKS URL, fetched by PyJWT's PyJWKClient.

    The key set is cached for ``lifespan`` seconds. A token whose ``kid`` is not in the cached set
    makes the client fetch the set again (a rotated key), at most once per ``cooldown`` seconds so
    tokens with made-up ``kid`` values cannot hammer the IdP; after a failed fetch, requests fail
    fast for ``cooldown`` seconds instead of each waiting for a dead endpoint.
    """

    def __init__(self, url: str, *, lifespan: float = 300, cooldown: float = 10,
                 timeout: float = 5) -> None:
        self.url, self.cooldown = url, cooldown
        self.client = jwt.PyJWKClient(url, lifespan=lifespan, timeout=timeout,
                                      cooldown_duration=cooldown)
        self._failed_at: float | None = None
        self._lock = threading.Lock()

    def key_for(self, token: str):
        """The public key whose ``kid`` the token names; KeyUnavailable when the IdP is away."""
        self._fail_fast()
        try:
            self.client.get_signing_keys()  # from the cache unless it expired: an IdP fault here
        except (jwt.PyJWTError, ValueError) as exc:  # ValueError: the body was not JSON
            self._failed(exc)
        try:
            return self.client.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientConnectionError as exc:  # refetching for an unknown kid
            self._failed(exc)
        except (jwt.PyJWKClientError, jwt.PyJWKError, ValueError) as exc:
            raise jwt.InvalidTokenError(str(exc)) from None

    def current_set(self):
        """The key set fetched last while its lifespan lasts, else None (it will be fetched
        again): TokenVerifier takes a token from memory only while this is the set it was
        checked against."""
        cache = self.client.jwk_set_cache
        return cache.get() if cache is not None else None

    def _fail_fast(self) -> None:
        """Refuse at once while a recent fetch failed and no key set is cached."""
        with self._lock:
            failed = self._failed_at
        if failed is None or time.monotonic() - failed >= self.cooldown:
            return
        if self.client.jwk_set_cache is None or self.client.jwk_set_cache.get() is None:
            raise KeyUnavailable(f"the identity provider's keys at {self.url} could not be "
                                 "fetched a moment ago; try again shortly")

    def _failed(self, exc: Exception):
        """Remember the failure, then raise KeyUnavailable naming it."""
        with self._lock:
            self._failed_at = time.monotonic()
        raise KeyUnavailable(f"the identity provider's keys at {self.url} cannot be fetched: "
                             f"{exc}") from None
