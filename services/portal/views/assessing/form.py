"""The one assessment form of both sides: the answers it holds (from a draft, a submitted
assessment or a posted form), the API body made of them, and the API's refusals at their fields."""
from __future__ import annotations

from services.portal.pages import t
from services.portal.views.assessing.common import ASPECTS, slug
from tools.apiclient import ApiError


def answers_of(record: dict | None) -> dict:
    """The answers held in a draft or a submitted assessment."""
    ratings = (record or {}).get("ratings") or []
    return {"levels": {r["competency"]: r["level"] for r in ratings},
            "evidence": {r["competency"]: r.get("evidence") or "" for r in ratings},
            **{aspect: (record or {}).get(aspect) for aspect in ASPECTS}}


def answers_posted(form, competencies: list[dict]) -> dict:
    """The answers a person sent; a level is passed on as sent, for the API to judge."""
    levels = {}
    for competency in competencies:
        raw = form.get(f"level-{competency['slug']}", "").strip()
        if raw:
            levels[competency["code"]] = int(raw) if raw.lstrip("-").isdigit() else raw
    return {"levels": levels,
            "evidence": {c["code"]: form.get(f"evidence-{c['slug']}", "") for c in competencies},
            **{aspect: form.get(aspect) or None for aspect in ASPECTS}}


def body_of(answers: dict, competencies: list[dict]) -> dict:
    """The API's body: a rating for every competency given a level, in the standard's order."""
    ratings = [{"competency": c["code"], "level": answers["levels"][c["code"]],
                "evidence": answers["evidence"].get(c["code"], "")}
               for c in competencies if c["code"] in answers["levels"]]
    return {"ratings": ratings, **{aspect: answers.get(aspect) for aspect in ASPECTS}}


def unsaved_evidence(answers: dict) -> list[str]:
    """Competencies with evidence but no level: the API keeps a rating only with its level."""
    return [code for code, text in answers["evidence"].items()
            if text.strip() and code not in answers["levels"]]


def field_id(name: str) -> str:
    """The element id of a competency's level choice, or of a work rating's."""
    return name if name in ASPECTS else f"level-{slug(name)}"


def refusal(error: ApiError, body: dict) -> tuple[dict[str, str], list[str]]:
    """The API's refusal as messages by field id, and the messages that concern no one field."""
    fields: dict[str, str] = {}
    for name in error.problem.get("missing") or []:
        fields[field_id(name)] = t(f"assessing.error.missing.{_kind(name)}")
    if error.problem.get("competency"):
        fields[field_id(error.problem["competency"])] = error.problem.get("title", "")
    title = error.problem.get("title") or t("error.bad_request.title")
    for path, message in _flatten(error.problem.get("errors") or {}):  # the API's own words
        fields.setdefault(_field_of(path, body) or "", f"{title}: {message}")
    general = [fields.pop("")] if "" in fields else []
    if not fields and not general:
        general.append(title)
    return fields, general


def _kind(name: str) -> str:
    return "aspect" if name in ASPECTS else "level"


def _flatten(errors, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Marshmallow's nested messages as (path, message) pairs."""
    if isinstance(errors, dict):
        return [pair for key, value in errors.items() for pair in _flatten(value, (*path, key))]
    if isinstance(errors, list) and all(isinstance(m, str) for m in errors):
        return [(path, " ".join(errors))]
    if isinstance(errors, list):
        return [pair for i, value in enumerate(errors) for pair in _flatten(value, (*path, i))]
    return [(path, str(errors))]


def _field_of(path: tuple, body: dict) -> str | None:
    """The field a message's path names: ratings.<i>.<evidence|level>, or a work rating."""
    parts = [str(part) for part in path]
    for aspect in ASPECTS:
        if aspect in parts:
            return aspect
    if "ratings" in parts and parts.index("ratings") + 1 < len(parts):
        index = parts[parts.index("ratings") + 1]
        ratings = body.get("ratings") or []
        if index.isdigit() and int(index) < len(ratings):
            code = ratings[int(index)]["competency"]
            return f"evidence-{slug(code)}" if "evidence" in parts else field_id(code)
    return None
