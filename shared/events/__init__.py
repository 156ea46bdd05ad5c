"""The event catalogue: one versioned marshmallow schema per event type.

Each service's event schemas live in a module here (``shared.events.assessment`` ...), so a
subscriber, the JSON Schema export and the AsyncAPI document all read the same definitions.
"""
from shared.events.registry import REGISTRY, EventSchema, EventTypeError, Registry

__all__ = ["REGISTRY", "EventSchema", "EventTypeError", "Registry"]

# Each service's catalogue registers itself on import.
from shared.events import assessment, feedback, training  # noqa: E402,F401
