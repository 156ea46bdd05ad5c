"""The tables HR exports: a unit's assessment results, its training compliance, who has not
submitted, the assignments, the roles given and the talent grid (tools/exports.py writes them).

The rows are built from what the services' public APIs answer, so an export shows exactly what any
other client would see.
"""
from __future__ import annotations

from tools.exports import Column, Table

STATUS = {"not_started": ("belum mulai", "not started"), "draft": ("draf", "draft"),
          "submitted": ("terkirim", "submitted"), "reopened": ("dibuka kembali", "reopened"),
          "assigned": ("ditugaskan", "assigned"), "in_progress": ("berjalan", "in progress"),
          "completed": ("selesai", "completed"), "cancelled": ("dibatalkan", "cancelled")}



def status(code: str | None, lang: str) -> str | None:
    """A status code (not_started, submitted...) in words a civil servant reads."""
    words = STATUS.get(code or "")
    return (words[1] if lang == "en" else words[0]) if words else code


RESULT_COLUMNS = [Column("nip", "NIP", "NIP"), Column("name", "Nama", "Name"),
                  Column("position", "Jabatan", "Position"), Column("unit", "Unit Kerja", "Unit"),
                  Column("self_status", "Penilaian Diri", "Self-assessment"),
                  Column("supervisor_status", "Penilaian Atasan", "Supervisor assessment"),
                  Column("predikat", "Predikat", "Predikat"),
                  Column("below", "Kompetensi di Bawah Standar", "Competencies below required")]


DISCREPANCY_COLUMN = Column("discrepancies", "Selisih Diri dan Atasan",
                            "Self/supervisor discrepancies")


def results_table(progress: list[dict], employees: list[dict], assessments: list[dict],
                  lang: str = "id", discrepancies: dict[str, int | None] | None = None) -> Table:
    """One row per employee of a unit: how far each assessment is, and per competency the self
    and supervisor levels beside the required one (from ``GET /periods/<p>/progress``,
    ``GET /employees`` and ``GET /assessments``). With ``discrepancies`` (NIP -> how many
    competencies the feedback service found self and supervisor apart, from its comparisons), a
    column of them after the predikat."""
    positions = {e["nip"]: e.get("position_code") for e in employees}
    given = {(a["nip"], a["role"]): a for a in assessments}
    codes = sorted({r["competency"] for a in assessments for r in a.get("ratings") or ()})
    columns = list(RESULT_COLUMNS)
    if discrepancies is not None:
        columns.insert(columns.index(RESULT_COLUMNS[6]) + 1, DISCREPANCY_COLUMN)
    for code in codes:
        columns += [Column(f"{code}:self", f"{code} Diri", f"{code} self"),
                    Column(f"{code}:supervisor", f"{code} Atasan", f"{code} supervisor"),
                    Column(f"{code}:required", f"{code} Standar", f"{code} required")]
    table = Table("Hasil Penilaian" if lang != "en" else "Assessment results", columns)
    for p in progress:
        mine, boss = given.get((p["nip"], "self"), {}), given.get((p["nip"], "supervisor"), {})
        row = {"nip": p["nip"], "name": p["name"], "position": positions.get(p["nip"]),
               "unit": p["unit_code"], "self_status": status(p["self_status"], lang),
               "supervisor_status": status(p["supervisor_status"], lang),
               "predikat": boss.get("predikat_label") or boss.get("predikat"),
               "discrepancies": (discrepancies or {}).get(p["nip"])}
        for side, assessment in (("self", mine), ("supervisor", boss)):
            for r in assessment.get("ratings") or ():
                row[f"{r['competency']}:{side}"] = r["level"]
                row[f"{r['competency']}:required"] = r["required_level"]
        row["below"] = (sum(1 for r in boss["ratings"] or () if r["level"] < r["required_level"])
                        if boss else None)
        table.rows.append(row)
    return table


COMPLIANCE_COLUMNS = [Column("nip", "NIP", "NIP"), Column("name", "Nama", "Name"),
                      Column("unit", "Unit Kerja", "Unit"),
                      Column("completed_jp", "JP Selesai", "JP completed"),
                      Column("minimum_jp", "Target JP", "JP target"),
                      Column("shortfall", "Kekurangan JP", "JP shortfall"),
                      Column("open", "Penugasan Aktif", "Open assignments"),
                      Column("assignments", "Penugasan", "Assignments")]


MET = {True: ("ya", "yes"), False: ("belum", "not yet")}
MET_COLUMN = Column("met", "Memenuhi Target", "Target met")


def compliance_table(compliance: dict, assignments: list[dict], lang: str = "id") -> Table:
    """The employees of a unit under the yearly JP target (``GET /units/<u>/compliance``), each
    with the training assigned to them that year (``GET /assignments``); when the answer lists
    ``everyone`` (``everyone=true``), every employee, met or not, with a column saying which."""
    by_nip: dict[str, list[dict]] = {}
    for a in assignments:
        by_nip.setdefault(a["nip"], []).append(a)
    whole = "everyone" in compliance
    columns = list(COMPLIANCE_COLUMNS)
    if whole:
        columns.insert(columns.index(COMPLIANCE_COLUMNS[5]) + 1, MET_COLUMN)
    table = Table("Kepatuhan JP" if lang != "en" else "JP compliance", columns)
    for u in compliance["everyone"] if whole else compliance["under"]:
        mine = by_nip.get(u["nip"], [])
        table.rows.append({
            "nip": u["nip"], "name": u["name"], "unit": u["unit_code"],
            "completed_jp": u["completed_jp"], "minimum_jp": compliance["minimum_jp"],
            "shortfall": u["shortfall"],
            "met": MET[bool(u.get("met"))][1 if lang == "en" else 0],
            "open": sum(1 for a in mine if a["status"] in ("assigned", "in_progress")),
            "assignments": "; ".join(
                f"{a['programme_code']} {a['jp']} JP ({status(a['status'], lang)})" for a in mine)})
    return table


PENDING_COLUMNS = [Column("nip", "NIP", "NIP"), Column("name", "Nama", "Name"),
                   Column("position", "Jabatan", "Position"), Column("unit", "Unit Kerja", "Unit"),
                   Column("missing", "Belum Dikirim", "Not yet submitted"),
                   Column("self_status", "Penilaian Diri", "Self-assessment"),
                   Column("supervisor_status", "Penilaian Atasan", "Supervisor assessment"),
                   Column("supervisor", "Atasan Langsung", "Direct supervisor"),
                   Column("supervisor_nip", "NIP Atasan", "Supervisor's NIP")]
MISSING = {"self": ("penilaian diri", "self-assessment"),
           "supervisor": ("penilaian atasan", "supervisor assessment")}


def pending_table(progress: list[dict], lang: str = "id") -> Table:
    """Who has not submitted yet, one row per employee, from ``GET /periods/<p>/progress`` (its
    ``missing`` sides, names of position, unit and supervisor)."""
    table = Table("Belum Menilai" if lang != "en" else "Not submitted", list(PENDING_COLUMNS))
    for p in progress:
        table.rows.append({
            "nip": p["nip"], "name": p["name"],
            "position": p.get("position_title") or p.get("position_code"),
            "unit": p.get("unit_name") or p["unit_code"],
            "missing": "; ".join(MISSING[side][1 if lang == "en" else 0]
                                 for side in p.get("missing") or ()),
            "self_status": status(p["self_status"], lang),
            "supervisor_status": status(p["supervisor_status"], lang),
            "supervisor": p.get("supervisor_name"), "supervisor_nip": p.get("supervisor_nip")})
    return table


ASSIGNMENT_COLUMNS = [Column("nip", "NIP", "NIP"), Column("name", "Nama", "Name"),
                      Column("unit", "Unit Kerja", "Unit"),
                      Column("competency", "Kompetensi", "Competency"),
                      Column("programme", "Program", "Programme"),
                      Column("status", "Status", "Status"), Column("jp", "JP", "JP"),
                      Column("reason", "Alasan", "Reason"), Column("period", "Periode", "Period")]


def assignments_table(assignments: list[dict], lang: str = "id") -> Table:
    """Training assignments (``GET /assignments``, with the employee's name and unit), one row
    each; ``programme_title``, ``competency_name`` and ``reason_text`` are used when the caller
    has put them in words."""
    table = Table("Penugasan" if lang != "en" else "Assignments", list(ASSIGNMENT_COLUMNS))
    for a in assignments:
        competency = " ".join(v for v in (a["competency"], a.get("competency_name")) if v)
        table.rows.append({
            "nip": a["nip"], "name": a.get("name"),
            "unit": a.get("unit_name") or a.get("unit_code"), "competency": competency,
            "programme": " ".join(v for v in (a["programme_code"], a.get("programme_title")) if v),
            "status": status(a["status"], lang), "jp": a["jp"],
            "reason": a.get("reason_text") or (a.get("reason") or {}).get("kind"),
            "period": a.get("period_id")})
    return table


ROLE_COLUMNS = [Column("competency", "Kompetensi", "Competency"),
                Column("unit", "Unit Kerja", "Unit"), Column("nip", "NIP", "NIP"),
                Column("name", "Nama", "Name"), Column("role", "Peran", "Role"),
                Column("starts_on", "Mulai", "Starts on"),
                Column("programme", "Program", "Programme"), Column("note", "Catatan", "Note"),
                Column("decided_as", "Ditetapkan oleh", "Decided by"),
                Column("period", "Periode", "Period")]
DECIDED_AS = {"hr_admin": ("BKPSDM", "HR"), "supervisor": ("atasan langsung", "direct supervisor")}


def roles_table(roles: list[dict], lang: str = "id") -> Table:
    """The roles given for strengths (``GET /units/<u>/roles``' ``roles``), one row each, by
    competency and unit; ``competency_name`` is used when the caller has put it in words."""
    table = Table("Peran" if lang != "en" else "Roles", list(ROLE_COLUMNS))
    for r in roles:
        who = DECIDED_AS.get(r.get("decided_as") or "")
        table.rows.append({
            "competency": " ".join(v for v in (r["competency"], r.get("competency_name")) if v),
            "unit": r.get("unit_name") or r.get("unit_code"), "nip": r["nip"],
            "name": r.get("name"), "role": r.get("role"), "starts_on": r.get("starts_on"),
            "programme": r.get("programme_code"), "note": r.get("note"),
            "decided_as": (who[1] if lang == "en" else who[0]) if who else r.get("decided_as"),
            "period": r.get("period_id")})
    return table


TALENT_COLUMNS = [Column("box", "Kotak", "Box"), Column("performance", "Kinerja", "Performance"),
                  Column("potential", "Potensi", "Potential"), Column("nip", "NIP", "NIP"),
                  Column("name", "Nama", "Name"), Column("unit", "Unit Kerja", "Unit"),
                  Column("predikat", "Predikat", "Predikat"),
                  Column("share", "Kompetensi Memenuhi Standar (%)",
                         "Competencies Meeting the Standard (%)"),
                  Column("follow_up", "Tindak Lanjut", "Follow-up"),
                  Column("period", "Periode", "Period")]
PERFORMANCE = {"above": ("di atas ekspektasi", "above expectation"),
               "meets": ("sesuai ekspektasi", "meets expectation"),
               "below": ("di bawah ekspektasi", "below expectation")}
POTENTIAL = {"high": ("tinggi", "high"), "medium": ("menengah", "medium"), "low": ("rendah", "low")}


def talent_table(grid: dict, lang: str = "id") -> Table:
    """The 9-box of a unit (``GET /units/<u>/talent``): one row per placed employee, box 9 first,
    with the box's follow-up, so that each box's names can be read down the sheet."""
    def word(words: dict, code: str | None):
        found = words.get(code or "")
        return (found[1] if lang == "en" else found[0]) if found else code

    table = Table("Talenta" if lang != "en" else "Talent", list(TALENT_COLUMNS))
    follow_ups = {b["box"]: b.get("follow_up") for b in grid.get("boxes") or []}
    for p in sorted(grid.get("placed") or [], key=lambda p: (-p["box"], p.get("name") or "")):
        table.rows.append({
            "box": p["box"], "performance": word(PERFORMANCE, p.get("performance")),
            "potential": word(POTENTIAL, p.get("potential")), "nip": p["nip"],
            "name": p.get("name"), "unit": p.get("unit_name") or p.get("unit_code"),
            "predikat": p.get("predikat"), "share": p.get("share"),
            "follow_up": follow_ups.get(p["box"]), "period": grid.get("period_id")})
    return table
