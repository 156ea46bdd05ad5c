"""The SIASN exports' records (tools/siasn.py): field shapes, months, codes from data."""
from __future__ import annotations

import json

import pytest

from tools import siasn

CODES = siasn.load_codes()
Q1 = {"period_id": "2026-Q1", "year": 2026, "starts_on": "2026-01-01", "ends_on": "2026-03-31"}
YEAR = {"period_id": "2026", "year": 2026, "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
PEOPLE = {"1": {"name": "Ani", "position_code": "ANALIS", "unit_code": "U1"},
          "9": {"name": "Budi", "position_code": "KABID", "unit_code": "U0"}}


def supervisors(nip="1", status="submitted", result="DI_ATAS", behaviour="SESUAI", predikat="BAIK"):
    return {"nip": nip, "role": "supervisor", "status": status, "assessor_nip": "9",
            "work_result": result, "work_behaviour": behaviour, "predikat": predikat}


def test_a_periodic_record_has_the_months_the_ratings_the_quadrant_and_the_official():
    [row] = siasn.kinerja_periodik(Q1, [supervisors()], PEOPLE, {"KABID": "Kepala Bidang"},
                                   {"U0": "Bidang Mutasi"}, CODES)
    assert row == {
        "nipBaru": "1", "nama": "Ani", "tahun": 2026, "bulanMulaiPenilaian": 1,
        "tahunMulaiPenilaian": 2026, "bulanSelesaiPenilaian": 3, "tahunSelesaiPenilaian": 2026,
        "hasilKinerja": "Di Atas Ekspektasi", "hasilKinerjaNilai": 1,
        "perilakuKerja": "Sesuai Ekspektasi", "perilakuKerjaNilai": 2,
        "kuadranKinerja": "Baik", "kuadranKinerjaNilai": 2, "penilaiNipNrp": "9",
        "penilaiNama": "Budi", "penilaiJabatanNama": "Kepala Bidang",
        "penilaiUnorNama": "Bidang Mutasi", "statusPenilai": "ASN"}
    assert tuple(row) == siasn.KINERJA_FIELDS


@pytest.mark.parametrize(("result", "behaviour", "predikat", "kuadran"), [
    ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK", 1), ("SESUAI", "SESUAI", "BAIK", 2),
    ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN", 3), ("SESUAI", "DI_BAWAH", "KURANG", 4),
    ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG", 5)])
def test_the_quadrant_follows_the_predikat_of_the_matrix(result, behaviour, predikat, kuadran):
    [row] = siasn.kinerja_periodik(YEAR, [supervisors(result=result, behaviour=behaviour,
                                                      predikat=predikat)], PEOPLE, {}, {}, CODES)
    assert (row["kuadranKinerjaNilai"], row["bulanMulaiPenilaian"], row["bulanSelesaiPenilaian"]) \
        == (kuadran, 1, 12)


def test_only_submitted_supervisor_assessments_become_records():
    given = [supervisors(status="reopened"), {**supervisors("2"), "role": "self"},
             supervisors("3", predikat=None), supervisors("4")]
    assert [r["nipBaru"] for r in siasn.kinerja_periodik(Q1, given, PEOPLE, {}, {}, CODES)] == ["4"]


def test_the_codes_are_the_agencys_data(tmp_path):
    corrected = tmp_path / "codes.yaml"
    corrected.write_text("rating: {DI_ATAS: 30, SESUAI: 20, DI_BAWAH: 10}\n"
                         "kuadran: {BAIK: 7}\nstatus_penilai: NON ASN\n")
    [row] = siasn.kinerja_periodik(Q1, [supervisors()], PEOPLE, {}, {},
                                   siasn.load_codes(corrected))
    assert (row["hasilKinerjaNilai"], row["kuadranKinerjaNilai"], row["statusPenilai"]) \
        == (30, 7, "NON ASN")
    (tmp_path / "bad.yaml").write_text("rating: {}\n")
    with pytest.raises(ValueError, match="no kuadran, status_penilai"):
        siasn.load_codes(tmp_path / "bad.yaml")


def test_a_course_record_per_completed_training_with_its_hours():
    assignments = [
        {"nip": "1", "name": "Ani", "programme_code": "P1", "status": "completed", "jp": 24,
         "completed_jp": 20, "year": 2026, "started_on": "2026-02-01",
         "completed_on": "2026-02-10", "certificate_number": "SERT/1"},
        {"nip": "1", "name": "Ani", "programme_code": "P1", "status": "assigned", "jp": 24,
         "year": 2026}]
    programmes = {"P1": {"title": "Pelatihan Analisis Kebijakan", "kind": "technical",
                         "provider": "BPSDM Provinsi"}}
    [row] = siasn.kursus(assignments, programmes)
    assert row == {"nipBaru": "1", "nama": "Ani", "namaKursus": "Pelatihan Analisis Kebijakan",
                   "jenisKursus": "technical", "institusiPenyelenggara": "BPSDM Provinsi",
                   "jumlahJam": 20, "tahunKursus": 2026, "tanggalKursus": "2026-02-01",
                   "tanggalSelesaiKursus": "2026-02-10", "nomorSertipikat": "SERT/1"}
    assert json.loads(siasn.json_bytes([row])) == [row]
    assert siasn.table("kursus", siasn.KURSUS_FIELDS, [row]).headers() == list(siasn.KURSUS_FIELDS)
