"""A small JSON client for the services' public HTTP APIs (the demo and the operator CLI use it).

It speaks exactly what any other system would: a bearer token, JSON bodies, problem+json errors.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from shared.auth import mint
from shared.config import Settings


class ApiError(Exception):
    """A 4xx or 5xx answer; ``problem`` is the RFC 9457 body (or what the server sent instead)."""

    def __init__(self, method: str, url: str, status: int, problem: dict) -> None:
        self.status, self.problem = status, problem
        self.code = problem.get("code")
        detail = problem.get("detail") or problem.get("title") or ""
        super().__init__(f"{method} {url} -> {status} {self.code or ''}: {detail}".rstrip(": "))


class Unreachable(Exception):
    """No answer at all from a service (refused, unknown host, timed out): probably not running."""

    def __init__(self, url: str, reason: object) -> None:
        self.url = url
        super().__init__(f"no answer from {url} ({reason}); is the service running? (`make up`,"
                         " or set ASN_<SERVICE>_URL)")


@dataclass
class ApiClient:
    """Calls one service: ``base_url`` such as http://127.0.0.1:8001, as the holder of ``token``."""

    base_url: str
    token: str | None = None
    language: str = "id"
    timeout: float = 30.0

    def get(self, path: str, **params) -> Any:
        """GET ``path`` with ``params`` as its query; the parsed JSON answer."""
        return self.call("GET", path, params=params)

    def get_all(self, path: str, page_size: int = 100, **params) -> list:
        """Every item of a paged list, page after page, as flask-smorest's X-Pagination tells."""
        items, page = [], 1
        while page:
            body, headers = self.exchange("GET", path, params={**params, "page": page,
                                                                "page_size": page_size})
            items.extend(body or [])
            page = json.loads(headers.get("X-Pagination") or "{}").get("next_page")
        return items

    def post(self, path: str, body: Any = None, **kwargs) -> Any:
        """POST ``body`` as JSON (or ``raw`` bytes) to ``path``; the parsed JSON answer."""
        return self.call("POST", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs) -> Any:
        """PUT ``body`` as JSON to ``path``; the parsed JSON answer."""
        return self.call("PUT", path, body, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs) -> Any:
        """PATCH ``body`` as JSON to ``path``; the parsed JSON answer."""
        return self.call("PATCH", path, body, **kwargs)

    def call(self, method: str, path: str, body: Any = None, *, params: dict | None = None,
             headers: dict | None = None, raw: bytes | None = None,
             content_type: str = "application/json") -> Any:
        """Send one request; the parsed JSON answer (None when empty), or ApiError."""
        return self.exchange(method, path, body, params=params, headers=headers, raw=raw,
                             content_type=content_type)[0]

    def exchange(self, method: str, path: str, body: Any = None, *, params: dict | None = None,
                 headers: dict | None = None, raw: bytes | None = None,
                 content_type: str = "application/json") -> tuple[Any, Any]:
        """Like ``call``, also returning the response headers (paging, Location)."""
        query = {k: v for k, v in (params or {}).items() if v is not None}
        url = self.base_url.rstrip("/") + path + (f"?{urllib.parse.urlencode(query, doseq=True)}"
                                                  if query else "")
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/json")
        request.add_header("Accept-Language", self.language)
        if data is not None:
            request.add_header("Content-Type", content_type)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload, answer_headers = response.read(), response.headers
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                problem = json.loads(payload) if payload else {}
            except ValueError:
                problem = {"detail": payload[:200].decode(errors="replace")}
            raise ApiError(method, url, exc.code, problem if isinstance(problem, dict) else {}) from None
        except (urllib.error.URLError, OSError) as exc:
            raise Unreachable(self.base_url, getattr(exc, "reason", exc)) from None
        return (json.loads(payload) if payload else None), answer_headers


def dev_token(settings: Settings, nip: str, roles, hours: int = 8) -> str:
    """A token signed with the local development key (``asn setup`` creates it); with
    ASN_DEV_TOKEN_URL set (SSO=keycloak), the IdP's own by password grant: the IdP grants roles."""
    if settings.dev_token_url:
        return idp_password_token(settings, nip)
    if not settings.jwt_private_key_file.exists():
        raise FileNotFoundError(f"no development key at {settings.jwt_private_key_file};"
                                " run `asn setup` first")
    return mint(settings.jwt_private_key_file.read_bytes(), nip, roles, ttl_seconds=hours * 3600,
                issuer=settings.jwt_issuer, audience=settings.jwt_audience)


def idp_password_token(settings: Settings, username: str) -> str:
    """An access token from the development IdP for a demo person (password grant, test client)."""
    form = urllib.parse.urlencode({"grant_type": "password", "client_id": settings.dev_client_id,
                                   "username": username, "password": settings.dev_password})
    request = urllib.request.Request(settings.dev_token_url, data=form.encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["access_token"]
    except urllib.error.HTTPError as exc:
        raise ApiError("POST", settings.dev_token_url, exc.code,
                       {"detail": exc.read()[:200].decode(errors="replace")}) from None
    except OSError as exc:
        raise Unreachable(settings.dev_token_url, getattr(exc, "reason", exc)) from None


def client_for(settings: Settings, service: str, token: str | None = None,
               language: str = "id") -> ApiClient:
    """A client of one of the platform's services at its configured URL (ASN_<SERVICE>_URL)."""
    return ApiClient(settings.service_urls[service], token, language)
