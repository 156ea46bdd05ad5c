"""A stand-in for services/portal, served by Platform(portal=True, portal_app=...) in the
machinery tests: it shows which portal settings it received and whether it reaches a service."""
from __future__ import annotations

import os
import urllib.request

from flask import Flask, request


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/")
    def home():
        checks = {
            "dev-login": os.environ.get("ASN_PORTAL_DEV_LOGIN") == "1",
            "own-url": os.environ.get("ASN_PORTAL_URL") == request.host_url.rstrip("/"),
            "secret": len(os.environ.get("ASN_PORTAL_SECRET_KEY", "")) >= 32,
            "assessment": _ready(os.environ["ASN_ASSESSMENT_URL"]),
        }
        items = "".join(f"<li>{name}: {'ya' if ok else 'tidak'}</li>"
                        for name, ok in checks.items())
        return (f'<!doctype html><html lang="id"><head><title>Portal</title></head>'
                f"<body><main><h1>Portal uji</h1><ul>{items}</ul></main></body></html>")

    return app


def _ready(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/ready", timeout=5) as response:
        return response.status == 200
