"""The import's row checks without a database: every problem of every row, cycles across file and registry."""
from __future__ import annotations

import pytest

from services.assessment import importing
from shared.errors import Invalid

HEADER = "NIP_BARU,NAMA,JABATAN_ID,JABATAN_NAMA,JENJANG_JABATAN,UNOR_ID,UNOR_NAMA,UNOR_INDUK_ID,NIP_ATASAN"
BOSS = "197001011995031001"
A = "199003032015021003"
B = "199104042016052004"


class Known:
    def __init__(self, units=None, positions=None, employees=None):
        self.units = units or {"DINAS": None}
        self.positions = positions or {"ANALIS": "AHLI_PERTAMA"}
        self.employees = employees or {BOSS: {"supervisor_nip": None}}


def rows(*lines):
    return importing.parse("\n".join([HEADER, *lines]))


def codes(errors):
    return sorted((e.row, e.code) for e in errors)


def test_parse_accepts_semicolons_a_bom_and_extra_columns():
    parsed = importing.parse("\ufeffNIP_BARU;NAMA;JABATAN_ID;JABATAN_NAMA;JENJANG_JABATAN;UNOR_ID;"
                             f"UNOR_NAMA;GOLONGAN\n{A};Ayu;ANALIS;Analis;AHLI_PERTAMA;DINAS;Dinas;III/a\n")
    assert parsed == [{"nip": A, "name": "Ayu", "position_code": "ANALIS", "position_title": "Analis",
                       "job_level": "AHLI_PERTAMA", "unit_code": "DINAS", "unit_name": "Dinas",
                       "parent_unit_code": None, "supervisor_nip": None}]


@pytest.mark.parametrize("text, says", [
    ("NIP_BARU,NAMA\n1,2", "missing columns"), (HEADER + "\n", "no rows")])
def test_parse_refuses_a_file_it_cannot_read(text, says):
    with pytest.raises(Invalid) as refused:
        importing.parse(text)
    assert says in refused.value.detail


def test_a_clean_file_has_no_errors():
    assert importing.check(rows(f"{A},Ayu,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,{BOSS}",
                                f"{B},Rudi,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,{A}"), Known()) == []


def test_every_problem_of_every_row_is_reported():
    errors = importing.check(rows(
        f"{A},Ayu,ANALIS,Analis,AHLI_MUDA,DINAS,Dinas,,{BOSS}",          # job level differs
        f"{A},Ayu,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,{BOSS}",       # duplicate NIP
        "123,,X Y,X,PELAKSANA,BIDANG,Bidang,NOPE,",                      # NIP, name, code, parent
        f"{B},Rudi,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,199901012020121999",  # unknown boss
    ), Known())
    assert codes(errors) == [(2, "inconsistent_position"), (3, "duplicate_nip"),
                             (4, "invalid_code"), (4, "invalid_nip"), (4, "missing_value"),
                             (4, "unknown_unit"), (5, "unknown_supervisor")]


def test_a_cycle_through_the_registry_is_found_and_each_row_on_it_named():
    known = Known(employees={BOSS: {"supervisor_nip": A}})  # BOSS already reports to A
    errors = importing.check(rows(f"{A},Ayu,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,{B}",
                                  f"{B},Rudi,ANALIS,Analis,AHLI_PERTAMA,DINAS,Dinas,,{BOSS}"), known)
    assert {e.code for e in errors} == {"reporting_cycle"}
    assert {e.row for e in errors} == {0, 2, 3}  # row 0: BOSS, who is not in the file


def test_units_whose_parents_go_round_are_refused():
    errors = importing.check(rows(f"{A},Ayu,ANALIS,Analis,AHLI_PERTAMA,U1,Satu,U2,{BOSS}",
                                  f"{B},Rudi,ANALIS,Analis,AHLI_PERTAMA,U2,Dua,U1,{BOSS}"), Known())
    assert {e.code for e in errors} == {"unit_cycle"}
