"""A test client with a caller's token, shared by the services' HTTP tests."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Caller:
    """Someone calling the API with a token of their own."""

    client: object
    token: str | None

    def _headers(self, headers) -> dict:
        auth = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**auth, **(headers or {})}

    def __getattr__(self, method: str):
        if method not in ("get", "post", "put", "patch", "delete"):
            raise AttributeError(method)
        return lambda path, headers=None, **kw: getattr(self.client, method)(
            path, headers=self._headers(headers), **kw)
