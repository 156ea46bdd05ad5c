"""The assessment service as the shared runtime sees it: migrations, projections, wiring, seed."""
from pathlib import Path

from services.assessment.contract import EVENTS
from services.assessment.organisation import seed
from services.assessment.projections import PROJECTORS
from services.assessment.projections_batch import BATCH_PROJECTORS, LANES
from services.assessment.wiring import wire
from shared.events import Registry
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="assessment",
    migrations=Path(__file__).resolve().parent / "migrations",
    registry=Registry.combine(EVENTS),
    consumes=(),
    projectors=PROJECTORS,
    batch_projectors=BATCH_PROJECTORS,
    lanes=LANES,
    seed=seed,
    wire=wire,
)
