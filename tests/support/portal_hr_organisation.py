"""Seeding for HR's organisation pages' tests: an agency of their own, and SIASN-style CSV files
of people no run has imported before (fresh NIPs, a fresh unit and position each time)."""
from __future__ import annotations

import random

from shared.config import Settings
from tests.support.portal import SmallAgency, seed

SEED = 9241  # taken by others: 31, 37, 4721, 5309, 6007, 7411, 8123
HEADER = ("NIP_BARU;NAMA;JABATAN_ID;JABATAN_NAMA;JENJANG_JABATAN;UNOR_ID;UNOR_NAMA;UNOR_INDUK_ID;"
          "NIP_ATASAN\n")


def organisation_agency(settings: Settings) -> SmallAgency:
    return seed(settings, employees=10, units=2, seed_value=SEED)


def fresh_nip(rng: random.Random) -> str:
    """An NIP whose parts make sense (birth date, appointment month, gender, serial), random
    enough that no earlier run registered it."""
    born = f"{rng.randint(1970, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"{rng.randint(2010, 2020)}{rng.randint(1, 12):02d}"
    return f"{born}{appointed}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"


def import_files(small: SmallAgency) -> dict:
    """Two new employees in a new unit below the head's, reporting to the head: a file with
    three problems (a bad NIP, an unknown supervisor, a job level nobody knows) and a good one."""
    rng = random.Random()
    tag = f"{rng.randint(0, 16 ** 6):06X}"
    first, second, unknown = (fresh_nip(rng) for _ in range(3))
    unit, position, head = f"IMP-{tag}", f"IMP-ANALIS-{tag}", small.head
    row = (f"{{nip}};{{name}};{position};Analis Impor {tag};AHLI_PERTAMA;{unit};Bidang Impor {tag};"
           f"{head.unit_code};{{boss}}\n")
    good = (HEADER + row.format(nip=first, name="Wulan Impor", boss=head.nip)
            + row.format(nip=second, name="Yoga Impor", boss=first))
    bad = (HEADER + row.format(nip=first, name="Wulan Impor", boss=head.nip)
           + row.format(nip="12345", name="Salah NIP", boss=head.nip)
           + row.format(nip=second, name="Yoga Impor", boss=unknown))
    return {"good": good, "bad": bad, "first": first, "second": second, "unit": unit,
            "position": position}
