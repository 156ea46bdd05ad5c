"""HR's pages (role hr_admin, BKPSDM): appraisal periods, monitoring by unit, reopening; the
organisation (employees, positions and standards, the dictionary), the employee import and the
exports."""
from services.portal.views.hr import (  # noqa: F401  (their routes)
    employee_import, exports, monitoring, organisation, periods, reopen)
from services.portal.views.hr.common import blp

__all__ = ["blp"]
