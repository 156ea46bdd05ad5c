"""The subscribers' catalogue in docs/catalogue is generated from the registry and kept current."""
from __future__ import annotations

import json

import fastjsonschema

from tools.catalogue import DEFAULT_DIR, asyncapi, render, stale
from services.platform import REGISTRY


def test_committed_catalogue_matches_the_schemas():
    assert stale(REGISTRY, DEFAULT_DIR) == [], "run `asn catalogue` and commit docs/catalogue"


def test_every_event_type_has_a_compilable_schema_and_an_asyncapi_message():
    files = render(REGISTRY)
    document = asyncapi(REGISTRY)
    for event_type in REGISTRY.types():
        schema = json.loads(files[f"schemas/{event_type.ce_type}.json"])
        fastjsonschema.compile(schema)
        channel = document["channels"][f"{event_type.name.split('.')[0]}.events"]
        assert event_type.ce_type in channel["messages"]
        assert document["components"]["messages"][event_type.ce_type]["payload"] == {
            "$ref": f"schemas/{event_type.ce_type}.json"}


def test_the_stale_check_notices_a_changed_file(tmp_path):
    for path, text in render(REGISTRY).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, "utf-8")
    assert stale(REGISTRY, tmp_path) == []
    (tmp_path / "README.md").write_text("edited by hand", "utf-8")
    (tmp_path / "schemas" / "gone.v1.json").write_text("{}", "utf-8")
    assert stale(REGISTRY, tmp_path) == ["README.md", "schemas/gone.v1.json"]
