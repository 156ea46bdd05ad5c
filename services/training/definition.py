"""The training service as the shared runtime sees it: migrations, topics read, projections."""
from pathlib import Path

from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="training",
    migrations=Path(__file__).resolve().parent / "migrations",
    consumes=("assessment", "feedback"),
)
