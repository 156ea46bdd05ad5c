"""Seeding the printable form's browser test: an agency of its own (seed 11213) with one employee
whose period went through all three services (both assessments far enough apart to be compared,
the dialogue held and acknowledged, a training assignment completed); and reading a PDF back with
poppler's pdftotext and pdfinfo."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from shared.auth import TRAINING_ADMIN
from shared.config import Settings
from tests.support.portal import SmallAgency, seed
from tests.support.portal_dialogue import GAP_LEVELS, Seeded, as_person, assess, assignments, hold

SEED = 11213  # taken by others: 31, 37, 4721, 5309, 5417, 6007, 7411, 8123, 9241, 10357
SUMMARY = "Laporan tertulis perlu lebih ringkas; koordinasi tim sudah baik."


@dataclass(frozen=True)
class Printed:
    small: SmallAgency
    person: object  # the demo Employee whose form is printed
    seeded: Seeded


def print_agency(settings: Settings) -> Printed:
    """The agency, and its first employee with a gap-level position taken through the period."""
    small = seed(settings, employees=10, units=2, seed_value=SEED)
    person = next(e for e in small.agency.employees
                  if e.supervisor_nip and e.position.job_level in GAP_LEVELS)
    seeded = assess(settings, small.period, person)
    hold(settings, seeded, person.supervisor_nip, SUMMARY)
    as_person(settings, "feedback", person.nip).post(
        f"/dialogues/{seeded.dialogue_id}/acknowledgement",
        {"agrees": True, "response": "Saya akan meringkas laporan tertulis."})
    done = assignments(settings, person.nip)[0]
    as_person(settings, "training", person.nip, TRAINING_ADMIN).post(
        f"/assignments/{done['assignment_id']}/complete",
        {"completed_on": date.today().isoformat(),  # UTC's today: never after Jakarta's
         "certificate_number": f"SERT/2026/{SEED}"})
    return Printed(small, person, seeded)


def text_of(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, one string; pages end with a form feed."""
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found, info
    return int(found.group(1))


def flat(text: str) -> str:
    """Whitespace as single spaces: a table cell may wrap over lines."""
    return re.sub(r"\s+", " ", text)
