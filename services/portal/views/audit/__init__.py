"""The auditor's pages (role auditor, read-only): an employee's history across the three services
and the replay verdicts."""
from services.portal.views.audit import history, replays  # noqa: F401  (their routes)
from services.portal.views.audit.common import blp

__all__ = ["blp"]
