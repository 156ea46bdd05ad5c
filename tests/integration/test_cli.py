"""The operator command line against the real services: their web apps on real ports, PostgreSQL,
Kafka; ``asn`` is called as ``main([...])`` with the environment pointing at them."""
from __future__ import annotations

import csv
import json
import threading
import time

import pytest
from openpyxl import load_workbook

from tools.apiclient import ApiClient, dev_token
from shared.auth import TokenVerifier
from tools.cli.main import main as asn
from tests.support import people
from tests.support.cli_stack import cli_stack

HEADER = "NIP_BARU;NAMA;JABATAN_ID;JABATAN_NAMA;JENJANG_JABATAN;UNOR_ID;UNOR_NAMA;UNOR_INDUK_ID;NIP_ATASAN\n"
ORG_CSV = HEADER + "".join(f"{row}\n" for row in (
    f"{people.HEAD};Dr. Siti Rahmawati;KABAN;Kepala Badan;JPT_PRATAMA;BKPSDM;Badan Kepegawaian;;",
    f"{people.SUPERVISOR};Budi Santoso;KABID;Kepala Bidang Mutasi;ADMINISTRATOR;BKPSDM.MUTASI;"
    f"Bidang Mutasi;BKPSDM;{people.HEAD}",
    f"{people.EMPLOYEE};Ayu Lestari;ANALIS;Analis SDM Aparatur;AHLI_MADYA;BKPSDM.MUTASI;"
    f"Bidang Mutasi;BKPSDM;{people.SUPERVISOR}",
    f"{people.PEER};Rudi Hartono;ANALIS;Analis SDM Aparatur;AHLI_MADYA;BKPSDM.MUTASI;"
    f"Bidang Mutasi;BKPSDM;{people.SUPERVISOR}"))
NEWCOMER = "199505052020012008"


@pytest.fixture(scope="module")
def stack(infra, tmp_path_factory):
    """Assessment and training serving on free ports; an organisation imported, a period opened,
    Ayu's self and supervisor assessments submitted, all relayed to and consumed by training."""
    with cli_stack(infra, tmp_path_factory.mktemp("cli-keys"), ("assessment", "training")) as s:
        hr = ApiClient(s.urls["assessment"], dev_token(s.settings, people.HR, ["hr_admin"]))
        hr.post("/imports/employees", raw=ORG_CSV.encode(), content_type="text/csv")
        hr.post("/periods", {"kind": "quarterly", "year": 2026, "quarter": 1})
        one = f"/periods/{people.PERIOD}/assessments/{people.EMPLOYEE}"
        ApiClient(s.urls["assessment"], dev_token(s.settings, people.EMPLOYEE, ["employee"])).post(
            f"{one}/self/submission", people.assessment(4))
        ApiClient(s.urls["assessment"], dev_token(s.settings, people.SUPERVISOR, ["employee"])).post(
            f"{one}/supervisor/submission", people.assessment(3, M_03=1))
        s.relay("assessment")
        s.consume("training")
        yield s


@pytest.fixture
def cli(stack, monkeypatch, capsys):
    """Runs ``asn`` on the stack: returns (exit code, stdout, stderr)."""
    for name, value in stack.environ().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ASN_TOKEN", raising=False)

    def run(*argv):
        code = asn([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_token_is_one_the_services_verify(cli, stack):
    code, out, _ = cli("token", people.HR, "--role", "hr_admin")
    assert code == 0
    principal = TokenVerifier(stack.settings.jwt_public_key_file.read_bytes()).verify(out.strip())
    assert principal.nip == people.HR and principal.roles == {"hr_admin"}


def _employees(stack, unit):
    return [r["nip"] for r in stack.rows("assessment", "SELECT nip FROM employees WHERE unit_code = %s"
                                         " ORDER BY nip", unit)]


def test_import_applies_a_good_file_and_reports_a_bad_one_row_by_row(cli, stack, tmp_path):
    good, bad = tmp_path / "pegawai.csv", tmp_path / "salah.csv"
    good.write_text(HEADER + f"{NEWCOMER};Nina Paramitha;ANALIS;Analis SDM Aparatur;AHLI_MADYA;"
                    f"DISKOMINFO;Dinas Komunikasi dan Informatika;;{people.HEAD}\n", encoding="utf-8")
    bad.write_text(HEADER + "12345;Tanpa NIP;ANALIS;Analis;AHLI_MADYA;DISKOMINFO;Dinas;;\n")
    code, out, _ = cli("import", "employees", good, "--dry-run")  # the service's own check
    assert code == 0 and "1 baris dapat diimpor" in out and "pegawai baru 1" in out
    assert _employees(stack, "DISKOMINFO") == []
    code, out, _ = cli("import", "employees", good)
    assert code == 0 and "pegawai baru 1" in out
    assert _employees(stack, "DISKOMINFO") == [NEWCOMER]
    before = stack.rows("assessment", "SELECT count(*) AS n FROM events")
    code, _, err = cli("import", "employees", bad, "--lang", "en")
    assert code == 1 and "import rejected, nothing changed" in err
    assert "NIP_BARU" in err and "invalid_nip" in err  # the row report: row, column, code, message
    assert stack.rows("assessment", "SELECT count(*) AS n FROM events") == before
    code, _, err = cli("import", "employees", bad, "--dry-run", "--lang", "en")
    assert code == 1 and "a check only; this file would be refused" in err
    assert "NIP_BARU" in err and "invalid_nip" in err
    assert stack.rows("assessment", "SELECT count(*) AS n FROM events") == before
    bad.write_text("NIP;NAMA\n199505052020012009;Tanpa Jabatan\n")
    code, _, err = cli("import", "employees", bad, "--dry-run")
    assert code == 1 and "missing columns: NIP_BARU" in err
    code, _, err = cli("import", "employees", tmp_path / "tidak-ada.csv")
    assert code == 2 and "tidak-ada.csv" in err


def test_period_open_list_close(cli, stack):
    code, out, _ = cli("period", "open", "2027-Q2")
    assert code == 0 and "periode 2027-Q2 dibuka (2027-04-01 s.d. 2027-06-30)" in out
    code, out, _ = cli("period", "list", "--lang", "en")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["2027-Q2", "quarterly", "2027-04-01", "2027-06-30", "open"] in lines
    assert code == 0 and lines.index(lines[2]) == 2 and lines[2][0] == "2027-Q2"  # newest first
    code, out, _ = cli("period", "close", "2027-Q2")
    assert code == 0 and "ditutup" in out
    assert stack.rows("assessment", "SELECT status FROM periods WHERE period_id = '2027-Q2'") == [
        {"status": "closed"}]
    code, _, err = cli("period", "open", "2027-Q5")
    assert code == 2 and "YYYY-Qn" in err
    code, _, err = cli("period", "close", "2031-Q1")
    assert code == 1 and "error 404" in err


def test_refusals_and_a_service_that_does_not_answer_say_what_to_do(cli, monkeypatch, stack):
    employee = dev_token(stack.settings, people.PEER, ["employee"])
    code, _, err = cli("period", "open", "2028", "--token", employee)
    assert code == 2 and "error 403" in err and "--token" in err
    monkeypatch.setenv("ASN_ASSESSMENT_URL", "http://127.0.0.1:9")
    code, _, err = cli("period", "list")
    assert code == 2 and "is the service running?" in err


def test_replay_gives_a_verdict_per_service(cli):
    code, out, _ = cli("replay", "assessment", "training", "--quiet")
    assert code == 0, out
    assert out.count("verdict: projections equal the replay") == 2
    assert "verdict: all 2 services equal their replay" in out


def test_lag_shows_each_partition_and_check_fails_until_caught_up(cli, stack):
    stack.relay("assessment")  # what the earlier tests stored
    stack.consume("training")
    code, out, _ = cli("lag", "training", "--check")
    assert code == 1 and "training: BEHIND; relay unpublished" in out  # its own events wait
    stack.relay("training")
    code, out, _ = cli("lag", "assessment", "training", "--check")
    assert code == 0 and "training: caught up; relay unpublished 0, consumer lag 0" in out, out
    assert f"{stack.settings.topic_prefix}assessment.events" in out
    cli("period", "open", "2029")
    code, out, _ = cli("lag", "assessment", "--check")
    assert code == 1 and "assessment: BEHIND; relay unpublished 1" in out
    stack.relay("assessment")
    code, out, _ = cli("lag", "training", "--check")
    assert code == 1 and "consumer lag 1" in out
    stack.consume("training")
    assert cli("lag", "--check", "assessment", "training")[0] == 0


def test_follow_prints_relayed_events_one_line_each(cli, stack):
    code, out, err = cli("follow", "assessment", "--from-beginning", "--type", "AssessmentSubmitted",
                         "--max", "2", "--idle", "10")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2, (out, err)
    assert all("assessment.AssessmentSubmitted.v1" in line and people.EMPLOYEE in line
               and "period_id=2026-Q1" in line for line in lines)
    assert "role=self" in lines[0] + lines[1] and "predikat=" in lines[0] + lines[1]
    code, out, _ = cli("follow", "assessment", "--from-beginning", "--subject", people.PEER,
                       "--json", "--idle", "3")
    assert code == 0 and '"type": "assessment.EmployeeRegistered.v1"' in out
    assert all(people.PEER in line for line in out.splitlines())


def test_follow_without_from_beginning_shows_only_new_events(cli, stack):
    stack.relay("assessment")  # what earlier tests stored is on the topic before following starts
    result = {}
    thread = threading.Thread(target=lambda: result.update(code=asn(
        ["follow", "assessment", "--max", "1", "--idle", "30"])))
    thread.start()
    try:
        time.sleep(2)  # the follower has settled at the end of the topic
        ApiClient(stack.urls["assessment"], dev_token(stack.settings, people.HR, ["hr_admin"])).post(
            "/periods", {"kind": "quarterly", "year": 2030, "quarter": 3})
        stack.relay("assessment")
    finally:
        thread.join(40)
    stack.consume("training")
    out = cli("lag", "assessment")[1]  # flush what the follower printed
    assert result == {"code": 0}
    assert "assessment.AppraisalPeriodOpened.v1  2030-Q3" in out and "2030-Q3" in out
    assert "EmployeeRegistered" not in out


def test_export_results_as_xlsx_and_csv(cli, tmp_path):
    target = tmp_path / "hasil.xlsx"
    code, out, _ = cli("export", "results", "--unit", "BKPSDM", "--period", people.PERIOD, "-o", target)
    assert code == 0 and f"4 baris ditulis ke {target}" in out
    sheet = load_workbook(target).active
    rows = list(sheet.values)
    header, by_nip = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert header[:7] == ("NIP", "Nama", "Jabatan", "Unit Kerja", "Penilaian Diri",
                          "Penilaian Atasan", "Predikat")
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert sorted(by_nip) == sorted([people.HEAD, people.SUPERVISOR, people.EMPLOYEE, people.PEER])
    ayu = by_nip[people.EMPLOYEE]
    assert (ayu["Nama"], ayu["Jabatan"], ayu["Unit Kerja"]) == ("Ayu Lestari", "ANALIS", "BKPSDM.MUTASI")
    assert (ayu["Penilaian Diri"], ayu["Penilaian Atasan"]) == ("terkirim", "terkirim")
    assert ayu["Predikat"] and ayu["M.03 Diri"] == 4 and ayu["M.03 Atasan"] == 1
    assert ayu["M.03 Standar"] > 1 and ayu["Kompetensi di Bawah Standar"] >= 1
    assert by_nip[people.PEER]["Penilaian Diri"] == "belum mulai"
    assert by_nip[people.PEER]["M.03 Atasan"] is None

    target = tmp_path / "results.csv"
    code, _, _ = cli("export", "results", "--unit", "BKPSDM.MUTASI", "--period", people.PERIOD,
                     "--format", "csv", "--lang", "en", "-o", target)
    assert code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert [r["NIP"] for r in rows] == sorted([people.SUPERVISOR, people.EMPLOYEE, people.PEER])
    ayu = next(r for r in rows if r["NIP"] == people.EMPLOYEE)
    assert (ayu["Self-assessment"], ayu["M.03 supervisor"]) == ("submitted", "1")


def test_export_compliance_lists_who_is_under_the_jp_target_with_their_training(cli, tmp_path):
    target = tmp_path / "kepatuhan.xlsx"
    code, out, _ = cli("export", "compliance", "--unit", "BKPSDM", "--year", 2026, "-o", target)
    assert code == 0 and "BKPSDM 2026: 0 dari 4 pegawai memenuhi 20 JP" in out
    rows = list(load_workbook(target).active.values)
    assert rows[0] == ("NIP", "Nama", "Unit Kerja", "JP Selesai", "Target JP", "Kekurangan JP",
                       "Penugasan Aktif", "Penugasan")
    by_nip = {r[0]: r for r in rows[1:]}
    assert sorted(by_nip) == sorted([people.HEAD, people.SUPERVISOR, people.EMPLOYEE, people.PEER])
    assert by_nip[people.EMPLOYEE][3:7] == (0, 20, 20, 1)
    assert "M.03" not in by_nip[people.EMPLOYEE][7] and "JP (ditugaskan)" in by_nip[people.EMPLOYEE][7]
    assert by_nip[people.PEER][6:] == (0, None)

    target = tmp_path / "compliance.csv"
    code, _, _ = cli("export", "compliance", "--unit", "BKPSDM.MUTASI", "--year", 2026,
                     "--format", "csv", "--lang", "en", "-o", target)
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert code == 0 and len(rows) == 3 and rows[0]["JP target"] == "20"


def test_export_siasn_writes_the_periods_results_in_siasn_fields(cli, tmp_path):
    target = tmp_path / "kinerja.json"
    code, out, _ = cli("export", "siasn-kinerja", "--period", people.PERIOD, "-o", target)
    records = json.loads(target.read_text())
    assert code == 0 and f"{len(records)} baris ditulis ke {target}" in out
    ayu = next(r for r in records if r["nipBaru"] == people.EMPLOYEE)
    assert (ayu["nama"], ayu["penilaiNipNrp"], ayu["bulanMulaiPenilaian"],
            ayu["bulanSelesaiPenilaian"]) == ("Ayu Lestari", people.SUPERVISOR, 1, 3)
    assert ayu["kuadranKinerjaNilai"] in range(1, 6) and ayu["statusPenilai"] == "ASN"
    assert people.PEER not in {r["nipBaru"] for r in records}, "no supervisor's assessment yet"
    code, _, err = cli("export", "siasn-kinerja", "--period", "1999-Q1", "-o", target)
    assert code == 1 and "no period 1999-Q1" in err
    target = tmp_path / "kursus.csv"
    code, _, _ = cli("export", "siasn-kursus", "--unit", "BKPSDM", "--year", 2026,
                     "--format", "csv", "-o", target)
    assert code == 0 and target.read_text(encoding="utf-8-sig").startswith("nipBaru,nama,namaKursus")


def test_the_client_reads_a_paged_list_to_its_end(stack):
    hr = ApiClient(stack.urls["assessment"], dev_token(stack.settings, people.HR, ["hr_admin"]))
    everyone = [e["nip"] for e in hr.get_all("/employees", page_size=2)]
    assert len(everyone) >= 5 and len(set(everyone)) == len(everyone)
    assert sorted(everyone) == sorted(e["nip"] for e in hr.get_all("/employees"))
