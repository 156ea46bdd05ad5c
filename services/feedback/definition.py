"""The feedback service as the shared runtime sees it: migrations, topics read, projections, reactors."""
from pathlib import Path

from services.feedback.comparing import REACTORS
from services.feedback.consumed import HANDLERS
from services.feedback.projections import PROJECTORS
from shared.events.assessment import ABOUT_AN_ASSESSMENT
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="feedback",
    migrations=Path(__file__).resolve().parent / "migrations",
    consumes=("assessment",),
    handlers=HANDLERS,
    projectors=PROJECTORS,
    reactors=REACTORS,
    refers={"assessment.AssessmentSubmitted.v1": ABOUT_AN_ASSESSMENT,
            "assessment.AssessmentReopened.v1": ABOUT_AN_ASSESSMENT},
)
