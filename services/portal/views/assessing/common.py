"""The assessing pages' blueprint and what they all read from the assessment API: periods,
a position's standard with the dictionary's texts, drafts and submitted assessments."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, url_for

from services.portal.pages import api
from services.portal.texts import language
from tools.apiclient import ApiError

blp = Blueprint("assessing", __name__)
ASPECTS = ("work_result", "work_behaviour")  # hasil kerja, perilaku kerja
EXPECTATIONS = ("DI_ATAS", "SESUAI", "DI_BAWAH")
SUBMITTED = "submitted"


@dataclass(frozen=True)
class Side:
    """One assessment being written: the employee's own (self) or their supervisor's."""

    period: dict
    nip: str
    role: str
    name: str
    position_code: str

    @property
    def path(self) -> str:
        """The assessment's path in the assessment API."""
        return f"/periods/{self.period['period_id']}/assessments/{self.nip}/{self.role}"

    def url(self, step: str) -> str:
        """The page of ``step`` (form, save, check, submit, done) for this side."""
        if self.role == "self":
            endpoint = "self_assessment" if step == "form" else f"self_{step}"
            return url_for(f"assessing.{endpoint}", period_id=self.period["period_id"])
        return url_for(f"assessing.report_{step}", period_id=self.period["period_id"],
                       nip=self.nip)


def periods() -> list[dict]:
    """The appraisal periods, as the assessment API lists them."""
    return api().get("assessment", "/periods")


def open_period(known: list[dict] | None = None) -> dict | None:
    """The open period (the latest, should HR have opened two)."""
    opened = sorted((p for p in periods() if p["status"] == "open") if known is None else
                    (p for p in known if p["status"] == "open"),
                    key=lambda p: p["period_id"], reverse=True)
    return opened[0] if opened else None


def period(period_id: str | None, known: list[dict] | None = None) -> dict | None:
    """The named period (404 if there is none), or the open one when none is named."""
    known = periods() if known is None else known
    if period_id is None:
        return open_period(known)
    found = next((p for p in known if p["period_id"] == period_id), None)
    if found is None:
        abort(404)
    return found


def local(text: dict | None) -> str:
    """A dictionary text in the reader's language (Indonesian where there is no other)."""
    return (text or {}).get(language()) or (text or {}).get("id", "")


def slug(code: str) -> str:
    """A competency code as it can stand in an element id: M.01 -> m-01."""
    return code.replace(".", "-").lower()


def names() -> dict[str, str]:
    """Each competency's name in the reader's language, by code."""
    return {c["code"]: local(c["name"]) for c in api().get("assessment", "/competencies")}


def standard(position: dict, dictionary: list[dict]) -> list[dict]:
    """The position's competencies in its standard's order, with the dictionary's texts."""
    by_code = {c["code"]: c for c in dictionary}
    return [_competency(by_code[r["competency"]], r["required_level"])
            for r in position["standard"]]


def _competency(found: dict, required: int) -> dict:
    return {"code": found["code"], "slug": slug(found["code"]), "name": local(found["name"]),
            "definition": local(found["definition"]), "required": required,
            "levels": [{"level": level["level"], "title": local(level["title"]),
                        "indicators": level["indicators"]} for level in found["levels"]]}


def reads(*calls: tuple[str, str]) -> list:
    """Several reads of the services side by side; an assessment the API has not got (yet)
    reads as None."""
    return api().read_many(calls, absent=lambda error: error.status == 404
                           and error.code == "unknown_assessment")


def side_state(side: Side) -> tuple[list[dict], dict | None, dict | None]:
    """The side's standard, its submitted assessment and its draft (None where there is none)."""
    position, dictionary, record, saved = reads(
        ("assessment", f"/positions/{side.position_code}"), ("assessment", "/competencies"),
        ("assessment", side.path), ("assessment", f"{side.path}/draft"))
    return standard(position, dictionary), record, saved


def side_standard(side: Side) -> list[dict]:
    """The side's standard: its position's competencies with the dictionary's texts."""
    return standard(*reads(("assessment", f"/positions/{side.position_code}"),
                           ("assessment", "/competencies")))


def submitted(side: Side) -> dict | None:
    """The submitted (or reopened) assessment of this side, None before the first submission."""
    return reads(("assessment", side.path))[0]


def visible(side: Side) -> dict | None:
    """The other side's assessment where the API shows it now, None while it is blind to it."""
    try:
        return submitted(side)
    except ApiError as error:
        if error.status == 403 and error.code == "assessment_hidden":
            return None
        raise


def dialogue_url() -> str | None:
    """The dialogue pages, where that part of the portal is installed."""
    if "dialogue.dialogues" in current_app.view_functions:
        return url_for("dialogue.dialogues")
    return None
