"""HTML to PDF with WeasyPrint. Each employee's form is laid out as a document of its own, so that
its pages are numbered "Halaman X dari Y" within the form; a unit's forms are then joined into
one PDF, each starting on a new page."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"


def _fetcher() -> URLFetcher:
    """Fetches nothing: the forms carry all they print, and text that came from a service (an
    employee's evidence, say) can never make the server open a URL or a file."""
    return URLFetcher(allowed_protocols=())


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    return CSS(filename=str(STYLESHEET), url_fetcher=_fetcher())


def pdf(forms: list[str], page_css: str, title: str) -> bytes:
    """One PDF of the forms (HTML documents), in order; ``page_css`` holds the page boxes' texts
    in the reader's language."""
    sheets = [_stylesheet(), CSS(string=page_css, url_fetcher=_fetcher())]
    documents = [HTML(string=form, url_fetcher=_fetcher(), base_url=None).render(
        stylesheets=sheets) for form in forms]
    joined = documents[0].copy([page for document in documents for page in document.pages])
    joined.metadata.title = title
    return joined.write_pdf()
