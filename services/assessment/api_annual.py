"""HTTP API of the agency's periods and the annual appraisal: the period rules; an employee's
year with the annual predikat proposed from the periodic results; the official's confirmation."""
from __future__ import annotations

from flask import g

from services.assessment import confirming_annual, queries_annual
from services.assessment.schemas_annual import (AnnualSchema, ConfirmInSchema, PeriodRulesSchema,
                                                ToConfirmSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("annual", __name__, description="The agency's periods (monthly or quarterly, and"
                " annual) and the annual predikat proposed from the year's periodic results")
ONE = "/periods/<period_id>/assessments/<nip>/supervisor/annual"


@blp.route("/period-rules")
@requires(*ROLES)
@blp.response(200, PeriodRulesSchema)
def period_rules():
    """The agency's period rules (data/period_rules.yaml or ASN_PERIOD_RULES_FILE): the periodic
    cadences HR may open, whether the annual appraisal is held, and the roll-up policy."""
    with reading() as conn:
        context = context_on(conn)
    return {"periodic": list(context.periods.periodic), "annual": context.periods.annual,
            "annual_policy": context.annual.name}


@blp.route(ONE)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, AnnualSchema)
def annual(period_id, nip):
    """The employee's year: the periodic results, the proposed annual predikat, the one standing
    and each confirmation (the employee, their direct supervisor, HR and auditors)."""
    with reading() as conn:
        return queries_annual.annual(conn, current_principal(), context_on(conn).annual,
                                     period_id, nip, request_language())


@blp.route(ONE, methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ConfirmInSchema)
@blp.response(201, AnnualSchema)
def confirm(body, period_id, nip):
    """The appraising official confirms the proposed annual predikat, or gives another with a
    reason; it stands on the annual assessment from then on."""
    context = command_context()
    confirming_annual.confirm(context, current_principal().nip, period_id, nip,
                              body["predikat"], body["reason"])
    return queries_annual.annual(g.conn, current_principal(), context.annual, period_id, nip,
                                 request_language())


@blp.route("/me/annual")
@requires(EMPLOYEE)
@blp.response(200, ToConfirmSchema(many=True))
def to_confirm():
    """The annual results the caller gave as appraising official in open annual periods, each
    saying whether its annual predikat was confirmed."""
    with reading() as conn:
        return queries_annual.to_confirm(conn, current_principal().nip)
