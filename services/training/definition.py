"""The training service as the shared runtime sees it: migrations, topics read, projections,
decisions, the composition root and the seed. A leaf: nothing it lists imports it."""
from pathlib import Path

import psycopg

from services.assessment.contract import ABOUT_AN_ASSESSMENT
from services.assessment.contract import EVENTS as ASSESSMENT_EVENTS
from services.feedback.contract import EVENTS as FEEDBACK_EVENTS
from services.training.catalogue import seed_catalogue
from services.training.contract import EVENTS
from services.training.handlers import HANDLERS
from services.training.handlers_batch import BATCH_HANDLERS, LANES as HANDLER_LANES
from services.training.projections import PROJECTORS
from services.training.projections_batch import BATCH_PROJECTORS, LANES
from services.training.reactors import REACTORS
from services.training.reference import seeded_programmes
from services.training.store import PgStore
from services.training.wiring import wire
from shared.events import Registry
from shared.recording import Recorder
from shared.service import ServiceDefinition


def seed(conn: psycopg.Connection, recorder: Recorder) -> int:
    """Record the seeded catalogue's programmes the catalogue does not have yet."""
    return seed_catalogue(PgStore(conn), recorder, seeded_programmes())


SERVICE = ServiceDefinition(
    name="training",
    migrations=Path(__file__).resolve().parent / "migrations",
    registry=Registry.combine(EVENTS, ASSESSMENT_EVENTS, FEEDBACK_EVENTS),
    consumes=("assessment", "feedback"),
    handlers=HANDLERS,
    batch_handlers=BATCH_HANDLERS,
    projectors=PROJECTORS,
    batch_projectors=BATCH_PROJECTORS,
    lanes={**LANES, **HANDLER_LANES},
    reactors=REACTORS,
    refers={"assessment.AssessmentSubmitted.v1": ABOUT_AN_ASSESSMENT,
            # a predikat set after the submission (annual confirmation, calibration, objection)
            # waits with the submission it changes, for the same period
            "assessment.AnnualPredikatConfirmed.v1": ABOUT_AN_ASSESSMENT,
            "assessment.PredikatCalibrated.v1": ABOUT_AN_ASSESSMENT,
            "assessment.ObjectionDecided.v1": ABOUT_AN_ASSESSMENT},
    # Decisions on feedback's events build on those taken on their cause, an assessment event read
    # from another topic: they wait for it, so the order the two topics are read in changes nothing.
    after_cause=frozenset({"feedback.RatingDiscrepancyDetected.v1",
                           "feedback.DiscrepancyResolved.v1"}),
    wire=wire,
    seed=seed,
)
