"""A tiny web site for the machinery tests, served with a strict CSP on a free port."""
from __future__ import annotations

import threading
import urllib.parse
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from shared.config import REPO_ROOT

CSP = "default-src 'self'; script-src 'self'"
HEAD = ('<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{title}</title><script src="/app.js" defer></script></head><body><main>')
FORM = ('<h1>Penilaian kinerja</h1><p id="status">Belum dikirim</p>'
        '<form action="/hasil" method="get"><label for="nama">Nama lengkap</label>'
        '<input id="nama" name="nama" autocomplete="name" required>'
        '<button id="tandai" type="button">Tandai</button>'
        '<button type="submit">Kirim penilaian</button></form>')
# An image without alt text and an input without a label: two critical axe-core violations.
BAD = '<h1>Halaman buruk</h1><img src="/foto.png"><form><input name="nip"></form>'
# The width comes from a same-origin stylesheet: the CSP refuses inline style attributes.
WIDE = '<link rel="stylesheet" href="/lebar.css"><h1>Tabel lebar</h1><div class="lebar">Kolom</div>'
# htmx from the same origin, as deploy/vendor.sh vendors it; its indicator styles would be an
# inline <style>, which the CSP refuses, so the page turns them off (and styles indicators itself).
HTMX = REPO_ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"
HTMX_PAGE = ('<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>'
             '<script src="/htmx.min.js"></script><h1>Potongan</h1>'
             '<button hx-get="/potongan" hx-target="#hasil">Muat ringkasan</button>'
             '<div id="hasil" aria-live="polite"></div>')
INLINE = '<h1>Skrip sebaris</h1><script>document.title = "inline ran"</script>'
APP_JS = ("document.addEventListener('DOMContentLoaded', () => document.getElementById('tandai')"
          "?.addEventListener('click', () => { document.getElementById('status').textContent ="
          " 'Ditandai'; }));")


def _page(title: str, body: str) -> bytes:
    return (HEAD.format(title=title) + body + "</main></body></html>").encode()


HTML, JS = "text/html; charset=utf-8", "text/javascript"
# path -> (content type, body from the query string)
ROUTES = {
    "/": (HTML, lambda q: _page("Formulir", FORM)),
    "/hasil": (HTML, lambda q: _page("Terkirim",
                                     f"<h1>Terima kasih, {escape(q.get('nama', [''])[0])}</h1>")),
    "/buruk": (HTML, lambda q: _page("Buruk", BAD)),
    "/lebar": (HTML, lambda q: _page("Lebar", WIDE)),
    "/sebaris": (HTML, lambda q: _page("Sebaris", INLINE)),
    "/htmx": (HTML, lambda q: _page("htmx", HTMX_PAGE)),
    "/potongan": (HTML, lambda q: b"<p>Ringkasan dimuat</p>"),
    "/app.js": (JS, lambda q: APP_JS.encode()),
    "/htmx.min.js": (JS, lambda q: HTMX.read_bytes()),
    "/lebar.css": ("text/css", lambda q: b".lebar { width: 900px; }"),
}


def _response(path: str, query: dict[str, list[str]]) -> tuple[int, str, bytes]:
    if path == "/favicon.ico":  # Chromium asks for it; a 404 would be a console error
        return 204, "image/x-icon", b""
    if path not in ROUTES:
        return 404, "text/plain", b"not found"
    content_type, body = ROUTES[path]
    return 200, content_type, body(query)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        status, content_type, body = _response(url.path, urllib.parse.parse_qs(url.query))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass  # keep the test output quiet


def serve() -> ThreadingHTTPServer:
    """Start the site on a free port in a daemon thread; ``shutdown()`` stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
