"""HR's pages (role hr_admin, BKPSDM): appraisal periods, monitoring by unit, reopening; the
organisation (employees, positions and standards, the dictionary), the employee import and the
exports; the dashboards (which auditors may read too)."""
from services.portal.views.hr import (  # noqa: F401  (their routes)
    dashboard, employee_import, exports, monitoring, organisation, periods, plans, reopen, siasn,
    standards)
from services.portal.views.hr.common import blp

from services.portal.views.hr import calibration, curve  # noqa: F401  (their routes)

__all__ = ["blp"]
