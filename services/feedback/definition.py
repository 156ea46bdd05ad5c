"""The feedback service as the shared runtime sees it: migrations, topics read, projections."""
from pathlib import Path

from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="feedback",
    migrations=Path(__file__).resolve().parent / "migrations",
    consumes=("assessment",),
)
