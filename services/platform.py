"""The platform's services, by name: what the operator tools, the demo and the benchmarks run.

The one place that lists them; the shared runtime is handed a definition and never looks one up.
"""
from __future__ import annotations

from services.assessment.contract import EVENTS as ASSESSMENT_EVENTS
from services.assessment.definition import SERVICE as ASSESSMENT
from services.feedback.contract import EVENTS as FEEDBACK_EVENTS
from services.feedback.definition import SERVICE as FEEDBACK
from services.training.contract import EVENTS as TRAINING_EVENTS
from services.training.definition import SERVICE as TRAINING
from shared.events import Registry
from shared.service import ServiceDefinition

DEFINITIONS: dict[str, ServiceDefinition] = {s.name: s for s in (ASSESSMENT, FEEDBACK, TRAINING)}
# Every event type the platform publishes (the catalogue, `asn follow`, subscribers' tests).
REGISTRY = Registry.combine(ASSESSMENT_EVENTS, FEEDBACK_EVENTS, TRAINING_EVENTS)


def definition(name: str) -> ServiceDefinition:
    """The definition of the service called ``name`` (KeyError names the ones there are)."""
    try:
        return DEFINITIONS[name]
    except KeyError:
        raise KeyError(f"no service {name!r}; there are {', '.join(DEFINITIONS)}") from None
