"""What the portal's CSV imports share (the training admin's catalogue, HR's employees): the file
checked by the service's dry run before anything is applied, the file kept between the check and
the apply in the person's server-side session (never in the browser), and the service's row report
put in words. Each import names its service's two endpoints, its session key and its message
prefix; the pages stay with their blueprints."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app, request, session

from services.portal.pages import api, t
from services.portal.views.dialogue_support import refusal
from tools.apiclient import ApiError

_ALSO_IN_ROW = re.compile(r"row (\d+)")


@dataclass(frozen=True)
class CsvImport:
    """One import: ``prefix`` names its messages (``<prefix>.problem.<code>[.<column>]``,
    ``<prefix>.column.<column>``, ``<prefix>.error.file``, ``<prefix>.error.columns``)."""

    service: str
    path: str  # the import; its dry run is ``<path>/check``
    key: str  # where the file waits in the session
    prefix: str
    columns: tuple[str, ...]
    refusals: str  # the prefix of the service's refusals in words (``refusal()``)

    def problem_words(self, problem: dict) -> str:
        """One problem of a row in words: the portal's own for its code (and column), else the
        service's message."""
        code, column = problem.get("code") or "", problem.get("column") or ""
        texts = current_app.extensions["portal.texts"]
        for key in (f"{self.prefix}.problem.{code}.{column}", f"{self.prefix}.problem.{code}"):
            if texts.has(key):
                other = _ALSO_IN_ROW.search(problem.get("message") or "")
                return t(key, row=other.group(1) if other else "?")
        return problem.get("message") or code

    def column_words(self, column: str | None) -> str:
        """A problem's column in words: the import's own name for it, else "the whole line"."""
        if column in self.columns:
            return t(f"{self.prefix}.column.{column}")
        return t(f"{self.prefix}.column.file")

    def words(self) -> dict:
        """What the templates need to show a row report."""
        return {"problem_words": self.problem_words, "column_words": self.column_words,
                "prefix": self.prefix}

    def refusal_of_file(self, error: ApiError) -> str:
        """A file refused as a whole, in words for its field."""
        missing = error.problem.get("missing")
        if missing:
            return t(f"{self.prefix}.error.columns", columns=", ".join(missing))
        if error.status == 415:
            return t(f"{self.prefix}.error.file")
        return error.problem.get("detail") or refusal(error, self.refusals)

    def refused(self, error: ApiError) -> dict:
        """The upload page's arguments for a file the service refused as a whole."""
        return {"errors": {"file": self.refusal_of_file(error)},
                "refused": refusal(error, self.refusals), "rows": error.problem.get("rows") or []}

    def receive(self) -> dict | None:
        """Check the uploaded file with the service's dry run and keep it for the apply step.
        None when no file (or an empty one) came; ApiError 415/422 when the service refuses it as
        a whole (other refusals propagate)."""
        upload = request.files.get("file")
        content = upload.read() if upload else b""
        if not content:
            return None
        api().upload(self.service, f"{self.path}/check", content)
        session[self.key] = {"name": upload.filename or "", "text": content.decode("utf-8")}
        return session[self.key]

    def stored(self) -> dict | None:
        """The file kept in the session for this import, if any."""
        return session.get(self.key)

    def check(self, stored: dict) -> dict:
        """The service's dry run of the kept file, again (the registry may have moved)."""
        return api().upload(self.service, f"{self.path}/check", stored["text"].encode("utf-8"))

    def apply(self, stored: dict) -> dict:
        """Import the kept file; forget it once the service took it."""
        summary = api().upload(self.service, self.path, stored["text"].encode("utf-8"))
        session.pop(self.key, None)
        return summary
