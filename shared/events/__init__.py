"""The event catalogue's mechanism: versioned marshmallow schemas registered by CloudEvents type.

Each service publishes its events in its own contract module (``services.<name>.contract``, with
its ``EVENTS`` registry); a subscriber, the JSON Schema export and the AsyncAPI document read
those definitions. The platform only knows the mechanism.
"""
from shared.events.registry import EventSchema, EventTypeError, Registry

__all__ = ["EventSchema", "EventTypeError", "Registry"]
