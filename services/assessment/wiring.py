"""The composition root of the assessment service: what every command is handed, built once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Mapping

import psycopg

from services.assessment.domain_annual import AnnualPolicy
from services.assessment.domain_behaviour import BehaviourRules
from services.assessment.domain_curve import CurveRules
from services.assessment.domain_evidence import EvidenceRules
from services.assessment.domain_objection import ObjectionRules
from services.assessment.domain_periods import PeriodRules
from services.assessment.domain_realisation import WorkResultRules
from services.assessment.reference import (BERAKHLAK_FILE, DISTRIBUTION_RULES_FILE,
                                          JOB_LEVELS_FILE, OBJECTION_RULES_FILE, CoreValue,
                                          JobLevel, core_values, distribution_rules, job_levels,
                                          objection_rules)
from services.assessment.reference_behaviour import BEHAVIOUR_RULES_FILE, behaviour_rules
from services.assessment.reference_periods import PERIOD_RULES_FILE, annual_policy, period_rules
from services.assessment.reference_plan import (EVIDENCE_RULES_FILE, WORK_RESULT_RULES_FILE,
                                               evidence_rules, work_result_rules)
from services.assessment.store import AssessmentStore, PgStore
from shared.clock import agency_today
from shared.config import Settings
from shared.recording import Recorder


@dataclass(frozen=True)
class Context:
    """A command's dependencies: the store it loads through, the recorder it records through,
    the agency's job levels, its today, its distribution table, its objection days, its time
    zone, its period rules, its annual roll-up policy, the BerAKHLAK values, its behaviour
    rules, its evidence files' limits and the hasil kerja proposal's rule."""

    store: AssessmentStore
    recorder: Recorder
    job_levels: Mapping[str, JobLevel]
    today: Callable[[], date]
    curve: CurveRules = field(default_factory=distribution_rules)
    objections: ObjectionRules = field(default_factory=objection_rules)
    zone: str = "Asia/Jakarta"
    periods: PeriodRules = field(default_factory=period_rules)
    annual: AnnualPolicy = field(default_factory=annual_policy)
    core_values: tuple[CoreValue, ...] = field(default_factory=core_values)  # BerAKHLAK
    behaviour: BehaviourRules = field(default_factory=behaviour_rules)
    evidence: EvidenceRules = field(default_factory=evidence_rules)  # evidence files
    work_results: WorkResultRules = field(default_factory=work_result_rules)  # the proposal

    def required_levels(self) -> dict[str, int]:
        """Each job level's default required level of the core competencies."""
        return {code: level.required_level for code, level in self.job_levels.items()}


def wire(definition, settings: Settings) -> Callable[[psycopg.Connection], Context]:
    """Read the rules once; return what builds a command's context on its connection."""
    levels = job_levels(settings.data_file("job_levels", JOB_LEVELS_FILE))
    curve = distribution_rules(settings.data_file("distribution_rules", DISTRIBUTION_RULES_FILE))
    objections = objection_rules(settings.data_file("objection_rules", OBJECTION_RULES_FILE))
    periods = period_rules(settings.data_file("period_rules", PERIOD_RULES_FILE))
    annual = annual_policy(settings.data_file("period_rules", PERIOD_RULES_FILE))
    values = core_values(settings.data_file("berakhlak", BERAKHLAK_FILE))
    behaviour = behaviour_rules(settings.data_file("behaviour_rules", BEHAVIOUR_RULES_FILE))
    evidence = evidence_rules(settings.data_file("evidence_rules", EVIDENCE_RULES_FILE))
    work_results = work_result_rules(settings.data_file("work_result_rules",
                                                        WORK_RESULT_RULES_FILE))

    def today() -> date:
        return agency_today(settings)

    def context(conn: psycopg.Connection) -> Context:
        return Context(PgStore(conn), definition.recorder(conn), levels, today, curve,
                       objections, settings.timezone, periods, annual, values, behaviour,
                       evidence, work_results)
    return context
