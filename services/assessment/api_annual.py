"""HTTP API of the agency's periods: the period rules (which cadences HR may open)."""
from __future__ import annotations

from services.assessment.schemas_annual import PeriodRulesSchema
from shared.auth import ROLES
from shared.fastargs import Blueprint
from shared.transactions import context_on, reading
from shared.web import requires

blp = Blueprint("annual", __name__, description="The agency's periods: the periodic cadence"
                " (monthly or quarterly) and the annual appraisal")


@blp.route("/period-rules")
@requires(*ROLES)
@blp.response(200, PeriodRulesSchema)
def period_rules():
    """The agency's period rules (data/period_rules.yaml or ASN_PERIOD_RULES_FILE): the periodic
    cadences HR may open and whether the annual appraisal is held."""
    with reading() as conn:
        rules = context_on(conn).periods
    return {"periodic": list(rules.periodic), "annual": rules.annual}
