"""HR's pages (role hr_admin, BKPSDM): appraisal periods, monitoring by unit, reopening, and the
dashboards (which auditors may read too)."""
from services.portal.views.hr import monitoring, periods, reopen  # noqa: F401  (their routes)
from services.portal.views.hr import dashboard  # noqa: F401  (its route)
from services.portal.views.hr.common import blp

__all__ = ["blp"]
