"""A position's standard decided without a database: title, job level and standard set together,
and an edit made on a position read at another revision refused (optimistic concurrency)."""
from __future__ import annotations

import pytest

from services.assessment import domain_organisation as rules
from shared.errors import Conflict, Invalid

STANDARD = ({"competency": "M.01", "required_level": 3}, {"competency": "SK.01", "required_level": 2})
KNOWN = {"M.01", "M.02", "SK.01"}


def test_the_title_job_level_and_standard_are_one_decision():
    decided = rules.set_standard("ANALIS", "Analis Kebijakan Ahli Muda", "AHLI_MUDA", STANDARD,
                                 KNOWN, revision=2, expected=2)
    assert decided == rules.CompetencyStandardSet("ANALIS", "Analis Kebijakan Ahli Muda",
                                                  "AHLI_MUDA", STANDARD)


@pytest.mark.parametrize("revision, expected", [(0, None), (5, None), (0, 0), (3, 3)])
def test_an_edit_of_the_revision_read_or_unchecked_is_decided(revision, expected):
    assert rules.set_standard("ANALIS", "Analis", "AHLI_PERTAMA", STANDARD, KNOWN, revision,
                              expected).standard == STANDARD


@pytest.mark.parametrize("revision, expected", [
    (3, 2),  # someone saved after the caller read it
    (1, 0),  # meant to create it, but someone else did first
    (0, 1),  # read at revision 1 of a position there is none of (another database)
])
def test_an_edit_of_a_position_changed_since_it_was_read_is_refused(revision, expected):
    with pytest.raises(Conflict) as refused:
        rules.set_standard("ANALIS", "Analis", "AHLI_PERTAMA", STANDARD, KNOWN, revision, expected)
    assert refused.value.code == "standard_changed"
    assert refused.value.extra == {"revision": revision}
    assert f"revision {revision}" in refused.value.detail


def test_a_stale_edit_is_refused_as_stale_before_its_content_is_judged():
    with pytest.raises(Conflict):
        rules.set_standard("ANALIS", "Analis", "AHLI_PERTAMA", [*STANDARD, *STANDARD], {"M.01"},
                           revision=4, expected=3)
    with pytest.raises(Invalid) as refused:
        rules.set_standard("ANALIS", "Analis", "AHLI_PERTAMA", [*STANDARD, *STANDARD], KNOWN,
                           revision=4, expected=4)
    assert refused.value.code == "duplicate_competency"


def test_a_job_level_the_agency_does_not_know_is_refused_with_the_known_ones():
    with pytest.raises(Invalid) as refused:
        rules.check_job_level("MENTERI", {"AHLI_MUDA": 3, "PELAKSANA": 2})
    assert refused.value.code == "unknown_job_level"
    assert refused.value.extra == {"known": ["AHLI_MUDA", "PELAKSANA"]}
