"""A large agency for ``bench.agency``: units in a tree, a head for each, teams of staff, and
reporting lines that follow the tree. Pure and deterministic for a seed.

demo/agency.py's generator has at most ten units and puts every staff member directly under one
of their heads: at 100,000 employees a head would have 10,000 direct reports. This one builds the
shape of a large agency instead: the head of the agency; as many bureaus (biro) as it takes, each
with ``BIDANG_PER_BIRO`` divisions (bidang) of ``SEKSI_PER_BIDANG`` sections (seksi); each section
a head and ``span`` staff. Every person reports to the head of their unit, a head to the head of
the unit above. It reuses the demo's records (``demo.agency.Agency`` writes the SIASN-style CSV),
staff positions and names. Rows come in tree order (every supervisor and parent unit before the
rows that name them), so any run of consecutive rows is an importable file.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import count

from demo.agency import FAMILY, MEN, STAFF_POSITIONS, WOMEN, Agency, Employee, Position, Unit

ROOT = "AGN"
ROOT_NAME = "Badan Kepegawaian Benchmark"
BIDANG_PER_BIRO, SEKSI_PER_BIDANG = 6, 8
HEAD = Position("KEPALA-BADAN", "Kepala Badan", "JPT_MADYA")
# (code letter, unit name, its head's position, how many under the unit above; None: as needed)
LEVELS = (("B", "Biro", Position("KEPALA-BIRO", "Kepala Biro", "JPT_PRATAMA"), None),
          ("D", "Bidang", Position("KEPALA-BIDANG", "Kepala Bidang", "ADMINISTRATOR"),
           BIDANG_PER_BIRO),
          ("S", "Seksi", Position("KEPALA-SEKSI", "Kepala Seksi", "PENGAWAS"), SEKSI_PER_BIDANG))
STAFF = [Position(*p) for p, _ in STAFF_POSITIONS]
STAFF_WEIGHTS = [w for _, w in STAFF_POSITIONS]
BIRTH_DAYS = 365 * 34  # birth dates from 1966 on; the serial number grows every BIRTH_DAYS people


class _Builder:
    """Collects units and people until ``total`` people are in."""

    def __init__(self, total: int, seed: int) -> None:
        self.total, self.rng = total, random.Random(f"bench-agency:{seed}")
        self.units: list[Unit] = []
        self.people: list[Employee] = []

    @property
    def full(self) -> bool:
        return len(self.people) >= self.total

    def unit(self, code: str, name: str, parent: str | None) -> str:
        self.units.append(Unit(code, name, parent))
        return code

    def person(self, position: Position, unit: str, boss: str | None) -> str:
        i, rng = len(self.people), self.rng
        male = rng.random() < 0.55
        name = f"{rng.choice(MEN if male else WOMEN)} {rng.choice(FAMILY)}"
        self.people.append(Employee(nip(i, male), name, position, unit, boss))
        return self.people[-1].nip


def nip(i: int, male: bool) -> str:
    """The ``i``-th person's NIP, unique by (birth date, serial): 7919 is prime to BIRTH_DAYS, so
    every birth date comes once in each run of BIRTH_DAYS people."""
    born = date(1966, 1, 1) + timedelta(days=i * 7919 % BIRTH_DAYS)
    appointed = min(born.year + 22 + i % 9, 2024)
    month = (1, 3, 4, 10, 12)[i % 5]
    return f"{born:%Y%m%d}{appointed}{month:02d}{1 if male else 2}{1 + i // BIRTH_DAYS:03d}"


def generate(employees: int, span: int = 20, seed: int = 1) -> Agency:
    """``employees`` people (at least one) in a tree of units, the same for a seed."""
    build = _Builder(max(employees, 1), seed)
    build.unit(ROOT, ROOT_NAME, None)
    _fill(build, ROOT, build.person(HEAD, ROOT, None), 0, span)
    return Agency(tuple(build.units), tuple(build.people))


def _fill(build: _Builder, parent: str, boss: str, depth: int, span: int) -> None:
    """The units of ``LEVELS[depth]`` under ``parent``, each with its head and what lies below;
    below the last level, ``span`` staff reporting to ``boss``."""
    if depth == len(LEVELS):
        for _ in range(span):
            if build.full:
                return
            position = build.rng.choices(STAFF, STAFF_WEIGHTS)[0]
            build.person(position, parent, boss)
        return
    letter, name, position, fanout = LEVELS[depth]
    for n in count(1) if fanout is None else range(1, fanout + 1):
        if build.full:
            return
        code = build.unit(f"{parent}.{letter}{n:02d}", f"{name} {n}", parent)
        _fill(build, code, build.person(position, code, boss), depth + 1, span)


def batches(agency: Agency, size: int) -> list[Agency]:
    """The agency in parts of at most ``size`` people each, in tree order (each part's
    ``to_csv`` is one import file)."""
    people = agency.employees
    return [Agency(agency.units, people[i:i + size]) for i in range(0, len(people), size)]
