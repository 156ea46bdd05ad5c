"""Read-side queries: plain SQL on the projection tables, with who may see what (the reports are
in ``queries_reports``)."""
from __future__ import annotations

import psycopg

from services.feedback.contract import DIRECTIONS
from services.feedback.messages import MESSAGES
from shared.auth import AUDITOR, HR_ADMIN, Principal
from shared.errors import Forbidden, NotFound
from shared.i18n import Catalogue
from shared.sql import UNITS_BELOW, page, where

BLIND_SPOT, HIDDEN_STRENGTH = DIRECTIONS
READ_ALL = (HR_ADMIN, AUDITOR)
TEXTS = Catalogue(MESSAGES)
# The unit asked for and every unit below it; with no unit asked for, the filter lets all through.
IN_UNIT = "(%(unit)s::text IS NULL OR {} IN (SELECT code FROM tree))"


def check_can_see(conn: psycopg.Connection, principal: Principal, nip: str) -> dict:
    """HR and auditors see everyone; an employee sees themself, a supervisor their direct reports."""
    person = conn.execute("SELECT * FROM employees WHERE nip = %s", (nip,)).fetchone()
    if person is None:
        raise NotFound("unknown_employee", f"no employee {nip}")
    if not principal.has_any(READ_ALL) and principal.nip not in (nip, person["supervisor_nip"]):
        raise Forbidden("not_allowed_to_read", f"you may not see {nip}")
    return person


def _competency_names(conn: psycopg.Connection, language: str) -> dict[str, str]:
    return {r["code"]: r["name"].get(language) or r["name"]["id"]
            for r in conn.execute("SELECT code, name FROM competencies")}


def _labelled(row: dict, names: dict[str, str], language: str) -> dict:
    agenda = [{**item, "aspect_label": names.get(item["aspect"])
               or TEXTS.text(f"aspect.{item['aspect']}", language),
               "feedback": row["feedback"].get(str(item["item"]))} for item in row["agenda"]]
    return {**row, "agenda": agenda, "status_label": TEXTS.text(f"dialogue.{row['status']}", language)}


_DIALOGUES = "SELECT d.*, e.name FROM dialogues d LEFT JOIN employees e ON e.nip = d.nip"


def dialogue(conn: psycopg.Connection, principal: Principal, dialogue_id: str,
             language: str) -> dict:
    """One dialogue with its agenda labelled, for whoever may see the employee."""
    row = conn.execute(f"{_DIALOGUES} WHERE d.dialogue_id = %s", (dialogue_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_dialogue", f"no dialogue {dialogue_id}")
    check_can_see(conn, principal, row["nip"])
    return _labelled(row, _competency_names(conn, language), language)


def dialogues(conn: psycopg.Connection, filters: dict, pagination, language: str,
              **scope: str) -> list[dict]:
    """Dialogues by period, unit (and the units below it) and status, newest period first;
    ``scope`` narrows them to one employee (``nip``) or to a supervisor's current direct reports
    (``supervisor``)."""
    params = {"unit": None, **filters, **scope}
    clause = where(params, period="d.period_id", status="d.status", nip="d.nip",
                   supervisor="e.supervisor_nip")
    clause += f"{' AND' if clause else ' WHERE'} {IN_UNIT.format('d.unit_code')}"
    rows = page(conn, f"{UNITS_BELOW} {_DIALOGUES}{clause}"
                " ORDER BY d.period_id DESC, d.nip, d.comparison DESC", params, pagination)
    names = _competency_names(conn, language)
    return [_labelled(row, names, language) for row in rows]


def notes(conn: psycopg.Connection, nip: str) -> list[dict]:
    """An employee's notes, newest first."""
    return conn.execute("SELECT * FROM notes WHERE nip = %s ORDER BY recorded_at DESC, note_id",
                        (nip,)).fetchall()


def note(conn: psycopg.Connection, note_id: str) -> dict | None:
    """One note as it stands."""
    return conn.execute("SELECT * FROM notes WHERE note_id = %s", (note_id,)).fetchone()


def phrase_list(library: dict[str, dict], filters: dict, language: str) -> list[dict]:
    """The phrase library's entries that match ``filters``, in ``language``."""
    return [{**p, "text": p.get(language) or p["id"]} for p in library.values()
            if all(p[key] == value for key, value in filters.items())]


# Each comparison with the discrepancies it detected: {competency: direction}.
_COMPARISONS = """
SELECT c.*, coalesce((SELECT jsonb_object_agg(d.competency, d.direction) FROM discrepancies d
                       WHERE d.period_id = c.period_id AND d.nip = c.nip
                         AND d.comparison = c.comparison), '{}') AS detected
  FROM comparisons c WHERE c.nip = %s ORDER BY c.period_id DESC, c.comparison DESC"""


def comparisons(conn: psycopg.Connection, nip: str) -> list[dict]:
    """An employee's comparisons across periods, newest first, superseded ones included; each
    competency with the discrepancy the comparison detected on it, if any."""
    history = []
    for row in conn.execute(_COMPARISONS, (nip,)).fetchall():
        detected = row.pop("detected")
        compared = [{**c, "discrepancy": detected.get(c["competency"])} for c in row["competencies"]]
        directions = list(detected.values())
        history.append({**row, "competencies": compared,
                        "blind_spots": directions.count(BLIND_SPOT),
                        "hidden_strengths": directions.count(HIDDEN_STRENGTH)})
    return history
