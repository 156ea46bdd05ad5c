"""The organisation's rules: the competency dictionary, units, position standards, employees and
their reporting lines (atasan langsung); each decision returns the event to record (appraisal
periods: ``domain_periods``).

Pure, like ``domain``: the standard library, the contract and the refusals only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Mapping, Sequence

from services.assessment.contract import EMPLOYEE_FIELDS
from services.assessment.domain import nip_problem
from shared.errors import Conflict, Invalid, NotFound

TECHNICAL = "technical"


@dataclass(frozen=True)
class CompetencyDefined:
    TYPE: ClassVar[str] = "assessment.CompetencyDefined.v1"
    code: str
    kind: str
    name: Mapping[str, str]
    definition: Mapping[str, str]
    levels: tuple[Mapping, ...]


@dataclass(frozen=True)
class UnitRegistered:
    TYPE: ClassVar[str] = "assessment.UnitRegistered.v1"
    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class CompetencyStandardSet:
    TYPE: ClassVar[str] = "assessment.CompetencyStandardSet.v1"
    position_code: str
    title: str
    job_level: str
    standard: tuple[Mapping, ...]  # {competency, required_level}, in the standard's order


@dataclass(frozen=True)
class EmployeeRegistered:
    TYPE: ClassVar[str] = "assessment.EmployeeRegistered.v1"
    nip: str
    name: str
    position_code: str
    unit_code: str
    supervisor_nip: str | None


@dataclass(frozen=True)
class EmployeeUpdated:
    TYPE: ClassVar[str] = "assessment.EmployeeUpdated.v1"
    nip: str
    name: str
    position_code: str
    unit_code: str
    supervisor_nip: str | None
    changed: tuple[str, ...]


@dataclass(frozen=True)
class Employee:
    """An employee's registered state and the version of their stream."""

    nip: str
    name: str
    position_code: str
    unit_code: str
    supervisor_nip: str | None
    version: int = 0


@dataclass(frozen=True)
class Placement:
    """What the registry holds of where an employee is placed; ``chain``: the supervisor and
    the supervisors above them, nearest first."""

    position_known: bool
    unit_known: bool
    supervisor_known: bool
    chain: tuple[str, ...] = ()


def define_competency(data: Mapping, existing_kind: str | None) -> CompetencyDefined:
    """A technical competency of the agency; a core one is set by regulation, not by the agency."""
    if existing_kind is not None and existing_kind != TECHNICAL:
        raise Conflict("core_competency", f"{data['code']} is set by regulation, not by the agency")
    return competency(data, TECHNICAL)


def competency(data: Mapping, kind: str) -> CompetencyDefined:
    """A dictionary entry of ``kind`` (the seed's managerial and socio-cultural ones too)."""
    return CompetencyDefined(data["code"], kind, data["name"], data["definition"],
                             tuple(data["levels"]))


def register_unit(code: str, name: str, parent_code: str | None, exists: bool,
                  parent_known: bool) -> UnitRegistered:
    """A work unit (unit kerja), new, under a registered parent if it has one."""
    if exists:
        raise Conflict("unit_exists", f"unit {code} is already registered")
    if parent_code and not parent_known:
        raise Invalid("unknown_unit", f"parent unit {parent_code} is not registered")
    return UnitRegistered(code, name, parent_code)


def default_standard(required_level: int, core: Sequence[str]) -> list[dict]:
    """A position's default standard: every core competency at its job level's required level."""
    return [{"competency": code, "required_level": required_level} for code in core]


def check_job_level(job_level: str, levels: Mapping[str, int]) -> None:
    """Refuse a job level (jenjang jabatan) the agency does not know."""
    if job_level not in levels:
        raise Invalid("unknown_job_level", f"job level {job_level} is not known", known=sorted(levels))


def check_revision(code: str, revision: int, expected: int | None) -> None:
    """Refuse an edit of a position read at another revision than it now has (0: not there yet);
    ``expected`` None: the caller asked for no check (the last save wins)."""
    if expected is not None and expected != revision:
        raise Conflict("standard_changed", f"position {code} is at revision {revision}, not at"
                       f" revision {expected} as read", revision=revision)


def set_standard(code: str, title: str, job_level: str, standard: Sequence[Mapping],
                 known: set[str], revision: int = 0,
                 expected: int | None = None) -> CompetencyStandardSet:
    """A position's title, job level and whole standard: each competency once, every one in the
    dictionary; refused if the position changed since the caller read it at ``expected``."""
    check_revision(code, revision, expected)
    codes = [item["competency"] for item in standard]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise Invalid("duplicate_competency", f"listed twice: {', '.join(duplicates)}")
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise Invalid("unknown_competency", f"not in the dictionary: {', '.join(unknown)}")
    return CompetencyStandardSet(code, title, job_level, tuple(standard))


def check_placement(state: Mapping, placement: Placement, today: date) -> None:
    """The NIPs are valid, the position, unit and supervisor exist, and no reporting cycle."""
    for name in ("nip", "supervisor_nip"):
        problem = state[name] and nip_problem(state[name], today)
        if problem:
            raise Invalid("invalid_nip", f"{name}: {problem}", field=name)
    if not placement.position_known:
        raise Invalid("unknown_position", f"position {state['position_code']} has no standard yet")
    if not placement.unit_known:
        raise Invalid("unknown_unit", f"unit {state['unit_code']} is not registered")
    boss, chain = state["supervisor_nip"], list(placement.chain)
    if boss is None:
        return
    if boss == state["nip"]:
        raise Invalid("reporting_cycle", "an employee cannot be their own supervisor")
    if not placement.supervisor_known:
        raise Invalid("unknown_supervisor", f"supervisor {boss} is not registered")
    if state["nip"] in chain:
        raise Invalid("reporting_cycle", f"{boss} reports (indirectly) to {state['nip']}",
                      cycle=[state["nip"], *chain[:chain.index(state["nip"]) + 1]])


def register_employee(state: Mapping, current: Employee | None, placement: Placement,
                      today: date) -> EmployeeRegistered:
    """A new employee (ASN) with position, unit and direct supervisor (atasan langsung)."""
    check_placement(state, placement, today)
    if current is not None:
        raise Conflict("employee_exists", f"{state['nip']} is already registered")
    return EmployeeRegistered(state["nip"], *(state[f] for f in EMPLOYEE_FIELDS))


def employee_known(current: Employee | None, nip: str) -> Employee:
    """The employee, or the refusal of an unknown NIP."""
    if current is None:
        raise NotFound("unknown_employee", f"no employee with NIP {nip}")
    return current


def changed_fields(state: Mapping, current: Employee) -> list[str]:
    """The fields of ``state`` that differ from the employee's registered state."""
    return [f for f in EMPLOYEE_FIELDS if state[f] != getattr(current, f)]


def employee_recorded(state: Mapping, current: Employee | None
                      ) -> EmployeeRegistered | EmployeeUpdated | None:
    """An employee's checked new state: registered, updated (naming what changed) or, when
    nothing differs from ``current``, nothing."""
    values = [state[f] for f in EMPLOYEE_FIELDS]
    if current is None:
        return EmployeeRegistered(state["nip"], *values)
    changed = changed_fields(state, current)
    return EmployeeUpdated(state["nip"], *values, tuple(changed)) if changed else None
