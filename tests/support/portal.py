"""The portal in tests: a small agency registered through the HR API, the portal app bound to a
running platform, and a browser-less client that signs in and sends forms with their CSRF token."""
from __future__ import annotations

import re
from dataclasses import dataclass

from demo.agency import Agency, generate
from demo.drive import current_quarter, ensure_period, register
from services.portal.__main__ import setup as setup_portal
from services.portal.app import create_app
from services.portal.settings import PortalSettings
from tools.apiclient import client_for, dev_token
from shared.auth import EMPLOYEE, HR_ADMIN
from shared.config import Settings

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class SmallAgency:
    """A registered agency with the current quarter open; the people a test plays."""

    agency: Agency
    period: str

    @property
    def head(self):
        return self.agency.head

    def reports_of(self, nip: str) -> list:
        return [e for e in self.agency.employees if e.supervisor_nip == nip]

    @property
    def supervisor(self):
        """Someone below the head who has direct reports of their own."""
        return next(e for e in self.agency.employees
                    if e.supervisor_nip and self.reports_of(e.nip))

    @property
    def employee(self):
        """Someone with a supervisor and no reports."""
        return self.reports_of(self.supervisor.nip)[0]


def seed(settings: Settings, employees: int = 8, units: int = 2, seed_value: int = 11) -> SmallAgency:
    """Register a generated agency and open the current quarter, as HR would."""
    agency = generate(employees=employees, units=units, seed=seed_value)
    hr = client_for(settings, "assessment",
                    dev_token(settings, agency.head.nip, [EMPLOYEE, HR_ADMIN]))
    register(hr, agency)
    period = current_quarter()
    ensure_period(hr, period)
    return SmallAgency(agency, period)


def portal_app(settings: Settings, **changes):
    """The portal's Flask app against ``settings``' services, development sign-in on."""
    portal = PortalSettings(**{"platform": settings, "secret_key": "test", "dev_login": True,
                               **changes})
    setup_portal(portal)
    app = create_app(portal)
    app.testing = True
    return app


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


class Browserless:
    """A Flask test client that behaves like a person's browser: cookies, forms, CSRF."""

    def __init__(self, app) -> None:
        self.client = app.test_client()

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def submit(self, page: str, action: str, data: dict, **kwargs):
        """Open ``page``, then send ``data`` to ``action`` with the page's CSRF token."""
        token = csrf_of(self.client.get(page).get_data(as_text=True))
        return self.client.post(action, data={"csrf_token": token, **data}, **kwargs)

    def sign_in(self, nip: str, role: str = "employee"):
        return self.submit("/masuk", "/masuk/dev", {"nip": nip, "role": role})
