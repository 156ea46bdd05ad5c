"""The training admin's pages (role training_admin): the programme catalogue (list, create, edit,
retire), the CSV import with its check before anything is applied, assignments by programme and
period with their CSV, and the verification of reported completions."""
from services.portal.views.training_admin import (  # noqa: F401  (their routes)
    assignments, catalogue, imports, reports, retiring)
from services.portal.views.training_admin.common import blp

__all__ = ["blp"]
