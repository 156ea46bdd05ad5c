"""The demo agency (the Binawidya offices), generated from a seed: units in a tree, positions with
job levels, employees with valid NIPs and Indonesian names, and reporting lines.

Pure: nothing here talks to a server, so the same seed gives the same agency on every machine.
"""
from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

ROOT = "BWD"

# (code, name, parent): a head office, a secretariat and bidang under it, UPT under their bidang.
UNITS = (
    (ROOT, "Kantor Badan Kepegawaian Binawidya", None),
    ("BWD.SEKRETARIAT", "Sekretariat", ROOT),
    ("BWD.MUTASI", "Bidang Mutasi dan Promosi", ROOT),
    ("BWD.BANGKOM", "Bidang Pengembangan Kompetensi", ROOT),
    ("BWD.KINERJA", "Bidang Penilaian Kinerja dan Penghargaan", ROOT),
    ("BWD.INFORMASI", "Bidang Data dan Informasi Kepegawaian", ROOT),
    ("BWD.UPT-DIKLAT", "UPT Pendidikan dan Pelatihan", "BWD.BANGKOM"),
    ("BWD.UPT-ASESMEN", "UPT Penilaian Kompetensi (Assessment Center)", "BWD.KINERJA"),
    ("BWD.UPT-ARSIP", "UPT Arsip Kepegawaian", "BWD.INFORMASI"),
    ("BWD.UPT-LAYANAN", "UPT Layanan Kepegawaian Terpadu", "BWD.MUTASI"),
)

# (code, title, job level): the head of the agency, unit heads, then staff positions with weights.
HEAD_POSITION = ("KEPALA-BADAN", "Kepala Badan", "JPT_PRATAMA")
UNIT_HEAD_POSITIONS = {
    "BWD.SEKRETARIAT": ("SEKRETARIS", "Sekretaris", "ADMINISTRATOR"),
    "bidang": ("KEPALA-BIDANG", "Kepala Bidang", "ADMINISTRATOR"),
    "upt": ("KEPALA-UPT", "Kepala UPT", "PENGAWAS"),
}
STAFF_POSITIONS = (
    (("KASUBBAG", "Kepala Subbagian", "PENGAWAS"), 2),
    (("ASDM-MADYA", "Analis SDM Aparatur Ahli Madya", "AHLI_MADYA"), 1),
    (("ASDM-MUDA", "Analis SDM Aparatur Ahli Muda", "AHLI_MUDA"), 3),
    (("ASDM-PERTAMA", "Analis SDM Aparatur Ahli Pertama", "AHLI_PERTAMA"), 4),
    (("WIDYAISWARA-MUDA", "Widyaiswara Ahli Muda", "AHLI_MUDA"), 1),
    (("PRAKOM-MAHIR", "Pranata Komputer Mahir", "MAHIR"), 1),
    (("ARSIPARIS-TERAMPIL", "Arsiparis Terampil", "TERAMPIL"), 1),
    (("PENGELOLA-KEPEGAWAIAN", "Pengelola Data Kepegawaian", "PELAKSANA"), 4),
    (("PENGADMINISTRASI", "Pengadministrasi Perkantoran", "PELAKSANA"), 3),
)

MEN = ("Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Kurniawan", "Rizky",
       "Muhammad", "Nur", "Putu", "Rahmat", "Slamet", "Teguh", "Wahyu", "Yusuf", "Arif", "Bayu")
WOMEN = ("Ayu", "Dewi", "Fitri", "Indah", "Kartika", "Lestari", "Maya", "Nurul", "Putri", "Ratna",
         "Rina", "Sari", "Siti", "Sri", "Wulan", "Yuni", "Dian", "Endang", "Ika", "Novi")
FAMILY = ("Santoso", "Wijaya", "Saputra", "Hidayat", "Siregar", "Nasution", "Lubis", "Simanjuntak",
          "Pratama", "Setiawan", "Susanto", "Gunawan", "Halim", "Kusuma", "Harahap", "Purnomo",
          "Rahayu", "Wibowo", "Hakim", "Permana", "Nugroho", "Sihombing", "Tanjung", "Manurung")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class Position:
    code: str
    title: str
    job_level: str


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str
    position: Position
    unit_code: str
    supervisor_nip: str | None


@dataclass(frozen=True)
class Agency:
    units: tuple[Unit, ...]
    employees: tuple[Employee, ...]

    @property
    def head(self) -> Employee:
        return self.employees[0]

    @property
    def hr_head(self) -> Employee:
        """Who acts as HR in the demo: the secretary (the second person), or the head if alone."""
        return self.employees[1] if len(self.employees) > 1 else self.head

    @property
    def portal_employee(self) -> Employee | None:
        """Whose period the demo leaves for a person to do in the portal: the first employee
        with a supervisor and no reports of their own (not HR), or nobody in a tiny agency."""
        supervisors = {e.supervisor_nip for e in self.employees}
        return next((e for e in self.employees[2:] if e.supervisor_nip
                     and e.nip not in supervisors), None)

    def to_csv(self) -> str:
        """The agency as a SIASN-style export, the file HR sends to POST /imports/employees."""
        parents = {u.code: u for u in self.units}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["NIP_BARU", "NAMA", "JABATAN_ID", "JABATAN_NAMA", "JENJANG_JABATAN",
                         "UNOR_ID", "UNOR_NAMA", "UNOR_INDUK_ID", "NIP_ATASAN"])
        for e in self.employees:
            unit = parents[e.unit_code]
            writer.writerow([e.nip, e.name, e.position.code, e.position.title,
                             e.position.job_level, unit.code, unit.name, unit.parent_code or "",
                             e.supervisor_nip or ""])
        return out.getvalue()


def generate(employees: int = 200, units: int = 10, seed: int = 1) -> Agency:
    """``employees`` people in ``units`` units (a head office plus up to 9), the same for a seed."""
    units = max(1, min(units, len(UNITS)))
    employees = max(employees, units)
    rng = random.Random(f"binawidya:{seed}")
    tree = tuple(Unit(*u) for u in _tree(units))
    nips: set[str] = set()
    head = _person(rng, nips, Position(*HEAD_POSITION), ROOT, None, senior=True)
    people = [head]
    heads = {ROOT: head}
    for unit in tree[1:]:
        heads[unit.code] = _person(rng, nips, Position(*_head_position(unit.code)), unit.code,
                                   head.nip, senior=True)
        people.append(heads[unit.code])
    staff_positions = [Position(*p) for p, _ in STAFF_POSITIONS]
    weights = [w for _, w in STAFF_POSITIONS]
    for i in range(employees - len(people)):
        unit = tree[i % len(tree)] if i < len(tree) * 2 else rng.choice(tree)
        position = rng.choices(staff_positions, weights)[0]
        people.append(_person(rng, nips, position, unit.code, heads[unit.code].nip))
    return Agency(tree, tuple(people))


def _tree(count: int) -> list[tuple]:
    """The first ``count`` units, keeping only those whose parent is kept (UPT move up if not)."""
    kept = [u for u in UNITS[:count]]
    codes = {u[0] for u in kept}
    return [(c, n, p if p is None or p in codes else ROOT) for c, n, p in kept]


def _head_position(unit_code: str) -> tuple[str, str, str]:
    if unit_code in UNIT_HEAD_POSITIONS:
        return UNIT_HEAD_POSITIONS[unit_code]
    return UNIT_HEAD_POSITIONS["upt" if ".UPT-" in unit_code else "bidang"]


def _person(rng: random.Random, nips: set[str], position: Position, unit_code: str,
            supervisor: str | None, senior: bool = False) -> Employee:
    male = rng.random() < 0.55
    first = rng.choice(MEN if male else WOMEN)
    name = f"{first} {rng.choice(FAMILY)}"
    nip = _nip(rng, nips, male, senior)
    return Employee(nip, name, position, unit_code, supervisor)


def _nip(rng: random.Random, taken: set[str], male: bool, senior: bool) -> str:
    """Birth date, appointment year and month (21 = PPPK), gender, serial: a NIP not yet taken."""
    born = date(1966, 1, 1) + timedelta(days=rng.randrange(0, 365 * (14 if senior else 34)))
    appointed = min(born.year + rng.randint(22, 30), 2024)
    month = 21 if not senior and rng.random() < 0.1 else rng.choice((1, 3, 4, 10, 12))
    prefix = f"{born:%Y%m%d}{appointed}{month:02d}{1 if male else 2}"
    serial = rng.randint(1, 20)
    while f"{prefix}{serial:03d}" in taken:
        serial += 1
    taken.add(f"{prefix}{serial:03d}")
    return f"{prefix}{serial:03d}"
