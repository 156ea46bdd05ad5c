"""The event catalogue: one schema per type and version."""
from __future__ import annotations

import pytest
from marshmallow import fields

from shared.events import EventSchema, EventTypeError, Registry


def test_a_type_and_version_is_registered_once():
    registry = Registry()

    @registry.event("demo.Happened", version=1)
    class V1(EventSchema):
        """It happened."""
        count = fields.Integer(required=True)

    with pytest.raises(ValueError, match="registered twice"):
        registry.event("demo.Happened", version=1)(V1)
    registry.event("demo.Happened", version=2)(V1)
    assert [t.ce_type for t in registry.types()] == ["demo.Happened.v1", "demo.Happened.v2"]
    assert registry.get("demo.Happened.v1").description == "It happened."


@pytest.mark.parametrize("name, version", [("demo.happened", 1), ("Happened", 1), ("demo.Happened", 0)])
def test_names_follow_the_convention(name, version):
    with pytest.raises(ValueError):
        Registry().event(name, version)


def test_encode_dumps_and_checks():
    registry = Registry()

    @registry.event("demo.Counted", version=1)
    class Counted(EventSchema):
        count = fields.Integer(required=True)

    assert registry.encode("demo.Counted.v1", {"count": 3}) == {"count": 3}
    with pytest.raises(EventTypeError, match="count"):
        registry.check("demo.Counted.v1", {"count": "three"})
    with pytest.raises(EventTypeError, match="unknown event type"):
        registry.check("demo.Missing.v1", {})
