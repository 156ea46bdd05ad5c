"""The portal's own settings, read from the environment once by the composition root."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from shared.config import LOCAL_DIR, Settings

SECRET_KEY_FILE = LOCAL_DIR / "keys" / "portal-secret.key"


def _read(path: Path) -> str:
    return path.read_text().strip() if path.exists() else ""


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class PortalSettings:
    """How the portal signs people in and where it keeps their sessions."""

    platform: Settings
    public_url: str = "http://127.0.0.1:8000"
    secret_key: str = ""
    dev_login: bool = False
    # OpenID Connect: the agency's identity provider (its discovery document) and this client.
    oidc_discovery_url: str | None = None
    oidc_client_id: str = "asn-portal"
    oidc_client_secret: str | None = None
    oidc_scope: str = "openid"
    session_idle_minutes: int = 60
    session_max_hours: int = 10
    api_timeout: float = 10.0
    # Dates and times are shown in the agency's zone (WIB, WITA or WIT).
    timezone: str = "Asia/Jakarta"
    # The printable form: the agency's name at its top (else the top unit above the employee's)
    # and the place on its signature lines (else a dotted line to write it in).
    agency_name: str = ""
    print_place: str = ""
    # Dasbor: seconds each (period, unit, language)'s figures are kept and shared by the people
    # looking (per process); 0 reads them for every page.
    dashboard_ttl: float = 5.0

    @classmethod
    def from_env(cls, platform: Settings | None = None) -> "PortalSettings":
        """ASN_PORTAL_* and ASN_OIDC_* variables; the platform's ASN_* as everywhere."""
        d = cls(platform=platform or Settings.from_env())
        return cls(
            platform=d.platform,
            public_url=os.environ.get("ASN_PORTAL_URL", d.public_url).rstrip("/"),
            secret_key=os.environ.get("ASN_PORTAL_SECRET_KEY") or _read(
                Path(os.environ.get("ASN_PORTAL_SECRET_KEY_FILE", SECRET_KEY_FILE))),
            dev_login=_flag("ASN_PORTAL_DEV_LOGIN"),
            oidc_discovery_url=os.environ.get("ASN_OIDC_DISCOVERY_URL") or None,
            oidc_client_id=os.environ.get("ASN_OIDC_CLIENT_ID", d.oidc_client_id),
            oidc_client_secret=os.environ.get("ASN_OIDC_CLIENT_SECRET") or None,
            oidc_scope=os.environ.get("ASN_OIDC_SCOPE", d.oidc_scope),
            session_idle_minutes=int(os.environ.get("ASN_PORTAL_SESSION_IDLE_MINUTES",
                                                    d.session_idle_minutes)),
            session_max_hours=int(os.environ.get("ASN_PORTAL_SESSION_MAX_HOURS",
                                                 d.session_max_hours)),
            timezone=os.environ.get("ASN_PORTAL_TIMEZONE",
                                    os.environ.get("ASN_TIMEZONE", d.timezone)),
            agency_name=os.environ.get("ASN_PORTAL_AGENCY_NAME", d.agency_name).strip(),
            print_place=os.environ.get("ASN_PORTAL_PRINT_PLACE", d.print_place).strip(),
            dashboard_ttl=float(os.environ.get("ASN_PORTAL_DASHBOARD_TTL", d.dashboard_ttl)),
        )

    @property
    def secure_cookies(self) -> bool:
        """Whether cookies are sent only over HTTPS: when the portal is served over HTTPS."""
        return self.public_url.startswith("https://")

    @property
    def database_url(self) -> str:
        """The portal's own database."""
        return self.platform.database_url("portal")
