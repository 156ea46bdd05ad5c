"""The assessment service as the shared runtime sees it: migrations, projections, seeded dictionary."""
from pathlib import Path

import psycopg

from services.assessment.projections import PROJECTORS
from services.assessment.contract import EVENTS
from shared.events import Registry
from shared.service import ServiceDefinition


def seed(conn: psycopg.Connection, recorder) -> int:
    """Record the managerial and socio-cultural competencies the dictionary does not have yet."""
    from services.assessment.organisation import seed_dictionary
    from services.assessment.reference import seeded_competencies
    return seed_dictionary(conn, seeded_competencies())


SERVICE = ServiceDefinition(
    name="assessment",
    migrations=Path(__file__).resolve().parent / "migrations",
    registry=Registry.combine(EVENTS),
    consumes=(),
    projectors=PROJECTORS,
    seed=seed,
)
