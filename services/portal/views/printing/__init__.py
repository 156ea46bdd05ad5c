"""The printable appraisal form (PDF, WeasyPrint): one employee's, or a whole unit's for HR."""
from services.portal.views.printing.routes import blp

__all__ = ["blp"]
