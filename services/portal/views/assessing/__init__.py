"""The assessing pages: penilaian diri, the supervisor's Tim saya and Nilai, and Hasil."""
from services.portal.views.assessing import own, results, team  # noqa: F401  (their routes)
from services.portal.views.assessing.common import blp

__all__ = ["blp"]
