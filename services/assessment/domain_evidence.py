"""Evidence (bukti dukung, PermenPANRB 6/2022: documented evidence of the execution stage) per
RHK of an agreed plan: a text, a link, or a file within the agency's size limit and of an allowed
type. The file's content stays in the service's store; the event names it. Pure, like ``domain``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from services.assessment.domain_plan import PlanState, check_open
from shared.errors import Conflict, Forbidden, Invalid, NotFound


@dataclass(frozen=True)
class EvidenceRules:
    """The largest file kept, in bytes, and the media types allowed."""

    max_bytes: int = 5 * 1024 * 1024
    media_types: tuple[str, ...] = ("application/pdf", "image/png", "image/jpeg", "text/plain",
                                     "text/csv")


@dataclass(frozen=True)
class EvidenceFile:
    """A file as the command saw it: its new id, name, media type, size and SHA-256."""

    file_id: str
    name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class EvidenceAdded:
    TYPE: ClassVar[str] = "assessment.EvidenceAdded.v1"
    period_id: str
    nip: str
    evidence_id: str
    rhk: int
    kind: str
    text: str
    url: str | None = None
    file_id: str | None = None
    file_name: str | None = None
    media_type: str | None = None
    size: int | None = None
    sha256: str | None = None
    added_by: str = ""


def check_file(found: EvidenceFile, rules: EvidenceRules) -> None:
    """A file within the size limit, of an allowed media type, not empty."""
    if found.size == 0:
        raise Invalid("empty_file", "the file is empty")
    if found.size > rules.max_bytes:
        raise Invalid("file_too_large", f"a file is at most {rules.max_bytes} bytes",
                      max_bytes=rules.max_bytes)
    if found.media_type not in rules.media_types:
        raise Invalid("file_type_not_allowed", f"{found.media_type} is not allowed",
                      allowed=list(rules.media_types))


def add(state: PlanState, period_id: str, nip: str, caller: str, evidence_id: str, rhk: int,
        text: str, url: str | None = None, found: EvidenceFile | None = None,
        rules: EvidenceRules = EvidenceRules()) -> EvidenceAdded:
    """The employee's evidence of one RHK of their agreed plan, while the period is open."""
    if caller != nip:
        raise Forbidden("not_your_own", "only the employee adds evidence to their own plan",
                        message="plan_not_your_own")
    check_open(state, period_id, nip)
    if state.agreed_revision is None:
        raise Conflict("plan_not_agreed", "evidence is added to an agreed plan")
    if rhk not in state.results:
        raise NotFound("unknown_rhk", f"the plan has no RHK {rhk}", rhk=rhk)
    if found is not None:
        check_file(found, rules)
        return EvidenceAdded(period_id, nip, evidence_id, rhk, "file", text, None, found.file_id,
                             found.name, found.media_type, found.size, found.sha256, caller)
    if url is None and not text.strip():
        raise Invalid("empty_evidence", "evidence is a text, a link or a file")
    return EvidenceAdded(period_id, nip, evidence_id, rhk, "link" if url else "text", text, url,
                         added_by=caller)
