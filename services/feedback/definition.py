"""The feedback service as the shared runtime sees it: migrations, topics read, projections,
reactors and the composition root that hands them their context (a leaf: nothing it lists imports it)."""
from pathlib import Path

from services.feedback.contract import EVENTS
from services.feedback.handlers import HANDLERS
from services.feedback.handlers_batch import BATCH_HANDLERS, LANES as HANDLER_LANES
from services.feedback.projections import PROJECTORS
from services.feedback.projections_batch import BATCH_PROJECTORS, LANES
from services.feedback.reactors import REACTORS
from services.feedback.wiring import wire
from services.assessment.contract import ABOUT_AN_ASSESSMENT
from services.assessment.contract import EVENTS as ASSESSMENT_EVENTS
from shared.events import Registry
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="feedback",
    migrations=Path(__file__).resolve().parent / "migrations",
    registry=Registry.combine(EVENTS, ASSESSMENT_EVENTS),
    consumes=("assessment",),
    handlers=HANDLERS,
    batch_handlers=BATCH_HANDLERS,
    projectors=PROJECTORS,
    batch_projectors=BATCH_PROJECTORS,
    lanes={**LANES, **HANDLER_LANES},
    reactors=REACTORS,
    wire=wire,
    refers={"assessment.AssessmentSubmitted.v1": ABOUT_AN_ASSESSMENT,
            "assessment.AssessmentReopened.v1": ABOUT_AN_ASSESSMENT},
)
