"""A period's results and the training completed, in the field shapes SIASN (BKN's civil-service
information system) takes, so an agency can feed them on: ``kinerjaperiodik`` (periodic
performance: the months and year, the two ratings, the quadrant, the appraising official) and
``kursus`` (training records with ``jumlahJam``). docs/siasn.md describes every field.

The rows are built from what the services' public APIs answer, as the other exports are; the
codes SIASN expects (ratings, quadrant) are data (tools/data/siasn_codes.yaml, or the agency's
copy named by ASN_SIASN_CODES_FILE). SIASN's own ids (pnsDinilaiId, periodikId, koefisienId,
penilaiGolongan) are looked up on SIASN's side from the NIP; this platform does not keep them.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from tools.exports import Column, Table

CODES_FILE = Path(__file__).resolve().parent / "data" / "siasn_codes.yaml"
FORMATS = ("json", "csv", "xlsx")
KINERJA_FIELDS = (
    "nipBaru", "nama", "tahun", "bulanMulaiPenilaian", "tahunMulaiPenilaian",
    "bulanSelesaiPenilaian", "tahunSelesaiPenilaian", "hasilKinerja", "hasilKinerjaNilai",
    "perilakuKerja", "perilakuKerjaNilai", "kuadranKinerja", "kuadranKinerjaNilai",
    "penilaiNipNrp", "penilaiNama", "penilaiJabatanNama", "penilaiUnorNama", "statusPenilai")
KURSUS_FIELDS = (
    "nipBaru", "nama", "namaKursus", "jenisKursus", "institusiPenyelenggara", "jumlahJam",
    "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus", "nomorSertipikat")
RATING_WORDS = {"DI_ATAS": "Di Atas Ekspektasi", "SESUAI": "Sesuai Ekspektasi",
                "DI_BAWAH": "Di Bawah Ekspektasi"}
PREDIKAT_WORDS = {"SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik",
                  "BUTUH_PERBAIKAN": "Butuh Perbaikan", "KURANG": "Kurang/Misconduct",
                  "SANGAT_KURANG": "Sangat Kurang"}


def load_codes(path: Path = CODES_FILE) -> dict:
    """The agency's SIASN reference codes (ratings, quadrant, status of the official)."""
    codes = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    missing = [k for k in ("rating", "kuadran", "status_penilai") if k not in (codes or {})]
    if missing:
        raise ValueError(f"{path}: no {', '.join(missing)}")
    return codes


def kinerja_periodik(period: dict, assessments: list[dict], people: dict[str, dict],
                     positions: dict[str, str], units: dict[str, str], codes: dict) -> list[dict]:
    """One record per employee whose supervisor's assessment stands in ``period`` (with its
    predikat). ``people``: NIP -> {name, position_code, unit_code}, the appraising officials
    included; ``positions``/``units``: code -> title/name."""
    starts, ends = date.fromisoformat(period["starts_on"]), date.fromisoformat(period["ends_on"])
    rows = []
    for a in sorted(assessments, key=lambda a: a["nip"]):
        if a["role"] != "supervisor" or a.get("status") != "submitted" or not a.get("predikat"):
            continue
        official = people.get(a["assessor_nip"], {})
        rows.append({
            "nipBaru": a["nip"], "nama": people.get(a["nip"], {}).get("name"),
            "tahun": period["year"], "bulanMulaiPenilaian": starts.month,
            "tahunMulaiPenilaian": starts.year, "bulanSelesaiPenilaian": ends.month,
            "tahunSelesaiPenilaian": ends.year,
            "hasilKinerja": RATING_WORDS[a["work_result"]],
            "hasilKinerjaNilai": codes["rating"][a["work_result"]],
            "perilakuKerja": RATING_WORDS[a["work_behaviour"]],
            "perilakuKerjaNilai": codes["rating"][a["work_behaviour"]],
            "kuadranKinerja": PREDIKAT_WORDS[a["predikat"]],
            "kuadranKinerjaNilai": codes["kuadran"][a["predikat"]],
            "penilaiNipNrp": a["assessor_nip"], "penilaiNama": official.get("name"),
            "penilaiJabatanNama": positions.get(official.get("position_code")),
            "penilaiUnorNama": units.get(official.get("unit_code")),
            "statusPenilai": codes["status_penilai"]})
    return rows


def kursus(assignments: list[dict], programmes: dict[str, dict]) -> list[dict]:
    """One record per training completed (``status`` completed), with its JP as ``jumlahJam``.
    ``programmes``: code -> the catalogue's programme (title, kind, provider)."""
    rows = []
    for a in sorted(assignments, key=lambda a: (a["nip"], a.get("completed_on") or "")):
        if a["status"] != "completed":
            continue
        programme = programmes.get(a["programme_code"], {})
        rows.append({
            "nipBaru": a["nip"], "nama": a.get("name"),
            "namaKursus": programme.get("title") or a["programme_code"],
            "jenisKursus": programme.get("kind"), "institusiPenyelenggara": programme.get("provider"),
            "jumlahJam": a.get("completed_jp") or a["jp"], "tahunKursus": a["year"],
            "tanggalKursus": a.get("started_on") or a.get("completed_on"),
            "tanggalSelesaiKursus": a.get("completed_on"),
            "nomorSertipikat": a.get("certificate_number")})
    return rows


def table(sheet: str, fields: tuple[str, ...], rows: list[dict]) -> Table:
    """The records as a spreadsheet whose headers are SIASN's field names (in both languages)."""
    return Table(sheet, [Column(name, name, name) for name in fields], list(rows))


def json_bytes(rows: list[dict]) -> bytes:
    """The records as the JSON array SIASN's web service takes, one object per record."""
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode()


def _text(value) -> str | None:
    """A title as SIASN takes it: the Bahasa Indonesia one of a bilingual text."""
    return value.get("id") if isinstance(value, dict) else value


def read_kinerja(get, get_all, period_id: str, unit: str | None, codes: dict) -> list[dict]:
    """``kinerja_periodik`` of a unit and the units below it (all of them without ``unit``), read
    with ``get(service, path, **query)`` and ``get_all`` (a paged list whole)."""
    period = next((p for p in get("assessment", "/periods") if p["period_id"] == period_id), None)
    if period is None:
        raise LookupError(f"no period {period_id}")
    progress = get_all("assessment", f"/periods/{period_id}/progress", unit=unit)
    codes_of_units = sorted({p["unit_code"] for p in progress})
    people = {e["nip"]: e for u in codes_of_units for e in get_all("assessment", "/employees", unit=u)}
    assessments = [a for u in codes_of_units
                   for a in get_all("assessment", "/assessments", period=period_id, unit=u)]
    for nip in sorted({a["assessor_nip"] for a in assessments} - people.keys()):
        people[nip] = get("assessment", f"/employees/{nip}")  # an official in another unit
    positions = {p["code"]: _text(p["title"]) for p in get("assessment", "/positions")}
    units = {u["code"]: u["name"] for u in get("assessment", "/units")}
    return kinerja_periodik(period, assessments, people, positions, units, codes)


def read_kursus(get, get_all, unit: str, year: int) -> list[dict]:
    """``kursus`` of a unit and the units below it in ``year``."""
    compliance = get("training", f"/units/{unit}/compliance", year=year, everyone="true")
    units = sorted({e["unit_code"] for e in compliance["everyone"]})
    assignments = [a for u in units for a in get_all("training", "/assignments", unit=u, year=year)]
    programmes = {p["code"]: {**p, "title": _text(p["title"])}
                  for p in get_all("training", "/programmes")}
    return kursus(assignments, programmes)
