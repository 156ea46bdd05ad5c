"""Strengths put to use and the talent view. The supervisor (Peluang tim) and HR (Peluang dan
peran) see the open development opportunities and assign a role (the form, a check page, a
confirmation); HR reads who was given which role by competency and unit (and its CSV), and the
9-box of a unit (Talenta) and its succession group. Who may decide, and where each person is placed, is the training
service's: the portal shows its answers and its refusals."""
from services.portal.views.talent import (  # noqa: F401  (their routes)
    decline, opportunities, reports, succession)
from services.portal.views.talent.common import blp

__all__ = ["blp"]
