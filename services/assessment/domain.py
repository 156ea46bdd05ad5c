"""The assessment rules: NIP, levels, completeness, the predikat matrix, blindness, reporting lines.

Pure: the standard library, the service's contract (its vocabulary) and the refusals only; a
broken rule raises one of the refusals in ``shared.errors``. The decisions built on these rules,
which return the events to record, are in ``domain_assessing.py`` and ``domain_organisation.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

from services.assessment.contract import ASSESSMENT_ROLES, EXPECTATIONS
from shared.errors import Conflict, Forbidden, Invalid

SELF, SUPERVISOR = ASSESSMENT_ROLES
MIN_LEVEL, MAX_LEVEL = 1, 5
ABOVE, MEETS, BELOW = EXPECTATIONS
EXPECTATION_LABELS = {ABOVE: "Di Atas Ekspektasi", MEETS: "Sesuai Ekspektasi",
                      BELOW: "Di Bawah Ekspektasi"}
# PermenPANRB 6/2022: (hasil kerja, perilaku kerja) -> predikat kinerja.
PREDIKAT_MATRIX = {
    (ABOVE, BELOW): "KURANG", (ABOVE, MEETS): "BAIK", (ABOVE, ABOVE): "SANGAT_BAIK",
    (MEETS, BELOW): "KURANG", (MEETS, MEETS): "BAIK", (MEETS, ABOVE): "BAIK",
    (BELOW, BELOW): "SANGAT_KURANG", (BELOW, MEETS): "BUTUH_PERBAIKAN",
    (BELOW, ABOVE): "BUTUH_PERBAIKAN",
}
NOT_STARTED, DRAFT, SUBMITTED, REOPENED = "not_started", "draft", "submitted", "reopened"


def predikat(work_result: str, work_behaviour: str) -> str:
    """The official predicate for a work-result and a work-behaviour rating."""
    try:
        return PREDIKAT_MATRIX[(work_result, work_behaviour)]
    except KeyError:
        raise Invalid("unknown_expectation",
                      f"ratings must be one of {', '.join(EXPECTATION_LABELS)}") from None


def nip_problem(nip: str, today: date | None = None) -> str | None:
    """Why ``nip`` is not a valid 18-digit NIP, or None.

    Layout: birth date (YYYYMMDD), appointment year and month (YYYYMM; month 21 marks PPPK),
    gender (1 or 2), serial number (001-999). Neither date may lie after ``today``.
    """
    today = today or date.today()
    if len(nip) != 18 or not nip.isdigit():
        return "a NIP has exactly 18 digits"
    try:
        born = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "the first 8 digits must be a birth date (YYYYMMDD)"
    if born > today:
        return "the first 8 digits are a birth date, which cannot lie after today"
    year, month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= month <= 12 or month == 21) or year < born.year:
        return "digits 9-14 must be the appointment year and month (YYYYMM, month 21 for PPPK)"
    if (year, month if month <= 12 else 1) > (today.year, today.month):
        return "digits 9-14 are the appointment year and month, which cannot lie after today"
    if nip[14] not in "12":
        return "digit 15 must be the gender code 1 or 2"
    if nip[15:] == "000":
        return "the last 3 digits are a serial number from 001"
    return None


@dataclass(frozen=True)
class Rating:
    """One competency's assessed level, with the evidence and a comment."""

    competency: str
    level: int
    evidence: str = ""
    comment: str = ""


def check_ratings(ratings: Sequence[Rating], standard: Mapping[str, int], *, complete: bool) -> None:
    """Refuse duplicate, unknown and out-of-range ratings; and missing ones when ``complete``."""
    seen: set[str] = set()
    for rating in ratings:
        if rating.competency in seen:
            raise Invalid("duplicate_competency", f"{rating.competency} is rated twice",
                          competency=rating.competency)
        seen.add(rating.competency)
        if rating.competency not in standard:
            raise Invalid("unknown_competency",
                          f"{rating.competency} is not in the position's competency standard",
                          competency=rating.competency)
        if not MIN_LEVEL <= rating.level <= MAX_LEVEL:
            raise Invalid("level_out_of_range", f"{rating.competency}: levels run from 1 to 5")
    missing = [code for code in standard if code not in seen]
    if complete and missing:
        raise Invalid("incomplete_assessment",
                      f"every required competency needs a rating; missing: {', '.join(missing)}",
                      missing=missing)


def check_complete(ratings: Sequence[Rating], standard: Mapping[str, int],
                   expectations: Mapping[str, str | None]) -> None:
    """Refuse a submission without a rating for every competency and both work ratings; the
    refusal names everything missing at once, so that a form can mark every field."""
    rated = {rating.competency for rating in ratings}
    missing = [code for code in standard if code not in rated]
    missing += [aspect for aspect, value in expectations.items() if not value]
    if missing:
        raise Invalid("incomplete_assessment", "every required competency and both work ratings"
                      f" need a rating; missing: {', '.join(missing)}", missing=missing)


def check_assessor(role: str, caller: str, nip: str, supervisor_nip: str | None) -> None:
    """Only the employee writes their self-assessment; only the current direct supervisor theirs."""
    if role == SELF and caller != nip:
        raise Forbidden("not_your_own", "only the employee writes their own self-assessment")
    if role == SUPERVISOR and (caller != supervisor_nip or caller == nip):
        raise Forbidden("not_your_report", f"{nip} is not your direct report")


def may_read(role: str, viewer: str, nip: str, supervisor_nip: str | None,
             both_submitted: bool) -> bool:
    """Blindness: each side sees the other's ratings only once both are submitted."""
    own_side = (viewer == nip and role == SELF) or (viewer == supervisor_nip and role == SUPERVISOR)
    other_side = viewer in (nip, supervisor_nip)
    return own_side or (other_side and both_submitted)


@dataclass(frozen=True)
class AssessmentState:
    """One assessment's history folded: its stream version, status and how often it was submitted."""

    version: int = 0
    status: str = NOT_STARTED
    submissions: int = 0


def fold(event_types: Iterable[str]) -> AssessmentState:
    """The state after the assessment's events (``...Submitted`` / ``...Reopened`` types)."""
    state = AssessmentState()
    for event_type in event_types:
        if ".AssessmentSubmitted." in event_type:
            state = AssessmentState(state.version + 1, SUBMITTED, state.submissions + 1)
        elif ".AssessmentReopened." in event_type:
            state = AssessmentState(state.version + 1, REOPENED, state.submissions)
    return state


def check_submittable(state: AssessmentState, period_status: str | None) -> None:
    """A submission needs an open period and an assessment not already submitted."""
    if period_status != "open":
        raise Conflict("period_not_open", "the appraisal period is not open")
    if state.status == SUBMITTED:
        raise Conflict("already_submitted",
                       "this assessment is already submitted; HR can reopen it with a reason")


def check_reopenable(state: AssessmentState) -> None:
    """Only a submitted assessment can be reopened."""
    if state.status != SUBMITTED:
        raise Conflict("not_submitted", "only a submitted assessment can be reopened")


def reporting_cycle(supervisor_of: Mapping[str, str | None]) -> list[str] | None:
    """A chain of NIPs that leads back to itself through direct supervisors, if there is one."""
    done: set[str] = set()
    for start in supervisor_of:
        path: list[str] = []
        on_path: set[str] = set()
        nip: str | None = start
        while nip is not None and nip not in done:
            if nip in on_path:
                return path[path.index(nip):] + [nip]
            path.append(nip)
            on_path.add(nip)
            nip = supervisor_of.get(nip)
        done.update(path)
    return None


def period_bounds(kind: str, year: int, quarter: int | None) -> tuple[str, date, date]:
    """The id and first and last day of a quarterly or annual period."""
    if kind == "annual":
        if quarter is not None:
            raise Invalid("bad_period", "an annual period has no quarter")
        return str(year), date(year, 1, 1), date(year, 12, 31)
    if quarter not in (1, 2, 3, 4):
        raise Invalid("bad_period", "a quarterly period needs a quarter from 1 to 4")
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return f"{year}-Q{quarter}", first, date.fromordinal(last.toordinal() - 1)
