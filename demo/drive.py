"""Drive one appraisal period through the public HTTP APIs, as HR and every civil servant would.

Reruns add nothing: the employee import leaves unchanged rows alone, a period is opened only when
missing, submissions already in are skipped, and each submission carries an Idempotency-Key derived
from the seed so a retry of one that got through is answered from the first response.
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tqdm import tqdm

from demo.agency import Agency
from demo.conflicts import ImportConflict
from demo.ratings import assessments
from tools.apiclient import ApiClient, ApiError, client_for, dev_token
from tools.cli.api import period_spec
from shared.config import SERVICES, Settings
from shared.lag import service_lag
from services.platform import definition as service_definition


def current_quarter(today: date | None = None) -> str:
    today = today or date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def period_year(period_id: str) -> int:
    return int(period_id[:4])


def register(hr: ApiClient, agency: Agency) -> dict:
    """Units, positions, employees and reporting lines in one SIASN-style CSV import; a refused
    file is an ImportConflict, which says every row at fault."""
    try:
        return hr.call("POST", "/imports/employees", raw=agency.to_csv().encode(),
                       content_type="text/csv")
    except ApiError as exc:
        if exc.code != "import_rejected":
            raise
        raise ImportConflict(agency, exc.problem) from None


def ensure_period(hr: ApiClient, period_id: str) -> bool:
    """Open the period unless it exists; True when it was opened now. A closed one is an error."""
    found = next((p for p in hr.get("/periods") if p["period_id"] == period_id), None)
    if found:
        if found["status"] != "open":
            raise PeriodClosed(period_id)
        return False
    hr.post("/periods", period_spec(period_id))  # 2026-M03, 2026-Q1 or 2026
    return True


class PeriodClosed(Exception):
    pass


def progress(hr: ApiClient, period_id: str, agency: Agency) -> dict[str, dict]:
    """Each of the agency's employees' row of HR's monitoring list, by NIP."""
    ours = {e.nip for e in agency.employees}
    return {r["nip"]: r for r in hr.get_all(f"/periods/{period_id}/progress")
            if r["nip"] in ours}


@dataclass(frozen=True)
class Submission:
    nip: str
    role: str
    assessor: str
    body: dict
    key: str | None


def pending_submissions(agency: Agency, rows: dict[str, dict], standards: dict[str, dict],
                        period_id: str, seed: int) -> list[Submission]:
    """What is not submitted yet: the employee's self-assessment, then the supervisor's."""
    todo = []
    for e in agency.employees:
        row = rows.get(e.nip, {})
        self_body, supervisor_body = assessments(standards[e.position.code], e.nip, seed)
        sides = [("self", e.nip, self_body)]
        if e.supervisor_nip:
            sides.append(("supervisor", e.supervisor_nip, supervisor_body))
        for role, assessor, body in sides:
            status = row.get(f"{role}_status", "not_started")
            if status != "submitted":   # a reopened one is submitted anew, under a fresh key
                key = None if status == "reopened" else f"demo-{seed}-{period_id}-{e.nip}-{role}"
                todo.append(Submission(e.nip, role, assessor, body, key))
    return todo


def submit_all(settings: Settings, period_id: str, todo: list[Submission], threads: int,
               label: str) -> None:
    """Send every submission as its assessor, ``threads`` at a time, with a progress bar."""
    if not todo:
        return
    # Each assessor's token is minted once, when first needed (a race only mints one twice).
    token = lru_cache(maxsize=None)(lambda nip: dev_token(settings, nip, ["employee"]))

    def send(s: Submission) -> None:
        client = client_for(settings, "assessment", token(s.assessor))
        try:
            client.post(f"/periods/{period_id}/assessments/{s.nip}/{s.role}/submission", s.body,
                        headers={"Idempotency-Key": s.key} if s.key else None)
        except ApiError as exc:
            if exc.code != "already_submitted":
                raise

    with ThreadPoolExecutor(threads) as pool, tqdm(total=len(todo), desc=label, unit="",
                                                   file=sys.stderr, mininterval=0.5) as bar:
        for done in as_completed([pool.submit(send, s) for s in todo]):
            done.result()
            bar.update()


def wait_until_processed(settings: Settings, caught_up_by_api, timeout: float,
                         label: str) -> list[str]:
    """Poll until every relay has published, every consumer has applied what is published and
    ``caught_up_by_api()`` agrees, twice in a row; the services still behind when time runs out."""
    deadline, calm, lagging = time.monotonic() + timeout, 0, list(SERVICES)
    with tqdm(desc=label, file=sys.stderr, bar_format="{desc}: {n} ({elapsed})",
              mininterval=0.5) as bar:
        while time.monotonic() < deadline:
            lags = [service_lag(service_definition(s), settings) for s in SERVICES]
            behind = sum(lag.unpublished + lag.consumer_lag for lag in lags)
            lagging = [lag.service for lag in lags if not lag.caught_up]
            bar.n = behind
            bar.refresh()
            calm = calm + 1 if not lagging and caught_up_by_api() else 0
            if calm >= 2:
                return []
            time.sleep(0.3)
    return lagging or ["api"]
