"""The three services' public APIs, called as the signed-in person, with their own token.

The portal decides nothing: every rule and access check is the services' own; their refusals
come back as ApiError (the problem+json body) and the pages show them in plain words.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import requests

from tools.apiclient import ApiError, Unreachable
from shared.requestid import HEADER as REQUEST_ID_HEADER


# Reads of one page run side by side: the page waits for the slowest, not for the sum.
_SIDE_BY_SIDE = ThreadPoolExecutor(max_workers=32, thread_name_prefix="portal-reads")


class Backend:
    """One connection-pooling HTTP session per process for all three services."""

    def __init__(self, urls: dict[str, str], timeout: float) -> None:
        self.urls, self.timeout = urls, timeout
        self.http = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32)
        self.http.mount("http://", adapter)
        self.http.mount("https://", adapter)

    def call(self, caller: "Api", service: str, method: str, path: str,
             body: Any = None, params: dict | None = None,
             file: tuple[bytes, str] | None = None) -> tuple[Any, dict]:
        """The parsed JSON answer and the headers, or ApiError / Unreachable. ``file`` sends
        (content, its media type) as the body instead of JSON (a CSV import)."""
        url = self.urls[service].rstrip("/") + path
        headers = {"Authorization": f"Bearer {caller.token}", "Accept": "application/json",
                   "Accept-Language": caller.language}
        if caller.requestid:  # one id from the browser's request into the service's events
            headers[REQUEST_ID_HEADER] = caller.requestid
        if file is not None:
            headers["Content-Type"] = file[1]
        try:
            response = self.http.request(method, url, json=body, headers=headers,
                                         data=file[0] if file is not None else None,
                                         params={k: v for k, v in (params or {}).items()
                                                 if v is not None}, timeout=self.timeout)
        except requests.RequestException as exc:
            raise Unreachable(self.urls[service], exc) from None
        payload = _json(response)
        if response.status_code >= 400:
            raise ApiError(method, url, response.status_code,
                           payload if isinstance(payload, dict) else {})
        return payload, response.headers


def _json(response: requests.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return {"detail": response.text[:200]}


@dataclass(frozen=True)
class Api:
    """The backend bound to one person and request: ``api.get("assessment", "/me")``. It holds
    no request context, so reads can run side by side in threads."""

    backend: Backend
    token: str
    language: str
    requestid: str | None = None

    def get(self, service: str, path: str, **params) -> Any:
        """GET ``path`` of ``service``; the parsed JSON answer."""
        return self.backend.call(self, service, "GET", path, params=params)[0]

    def get_all(self, service: str, path: str, **params) -> list:
        """Every item of a paged list (flask-smorest's X-Pagination header)."""
        items, page = [], 1
        while page:
            body, headers = self.backend.call(self, service, "GET", path,
                                              params={**params, "page": page, "page_size": 100})
            items.extend(body or [])
            page = json.loads(headers.get("X-Pagination") or "{}").get("next_page")
        return items

    def get_page(self, service: str, path: str, **params) -> tuple[list, dict]:
        """One page of a paged list and its X-Pagination header (total, total_pages, ...)."""
        body, headers = self.backend.call(self, service, "GET", path, params=params)
        return body or [], json.loads(headers.get("X-Pagination") or "{}")

    def read_many(self, calls: Sequence[tuple], absent: Callable[[ApiError], bool] = None) -> list:
        """The answers to several reads, made at once; each call is (service, path) or (service,
        path, True) for a paged list read whole. A refusal that ``absent`` accepts reads as None."""
        def one(call: tuple):
            service, path, *paged = call
            try:
                if paged and paged[0]:
                    return self.get_all(service, path)
                return self.get(service, path)
            except ApiError as error:
                if absent is not None and absent(error):
                    return None
                raise
        return list(_SIDE_BY_SIDE.map(one, calls))

    def send(self, service: str, method: str, path: str, body: Any = None) -> Any:
        """Send ``body`` as JSON to ``service``'s ``path`` with ``method``; the JSON answer."""
        return self.backend.call(self, service, method, path, body)[0]

    def upload(self, service: str, path: str, content: bytes, media_type: str = "text/csv") -> Any:
        """POST a file as the request's body (the services' CSV imports)."""
        return self.backend.call(self, service, "POST", path, file=(content, media_type))[0]
