"""The export tables: what HR opens in a spreadsheet, from what the APIs answer."""
from __future__ import annotations

import csv

from openpyxl import load_workbook

from tools import export_tables, exports

NIP, PEER = "199003032015021003", "199104042016052004"
PROGRESS = [{"nip": NIP, "name": "Ayu Lestari", "unit_code": "BKPSDM.MUTASI",
             "self_status": "submitted", "supervisor_status": "submitted"},
            {"nip": PEER, "name": "Rudi Hartono", "unit_code": "BKPSDM.MUTASI",
             "self_status": "draft", "supervisor_status": "not_started"}]
EMPLOYEES = [{"nip": NIP, "position_code": "ANALIS"}, {"nip": PEER, "position_code": "ANALIS"}]


def _assessment(role, levels, predikat=None):
    return {"nip": NIP, "role": role, "predikat": predikat, "predikat_label": predikat and "Baik",
            "ratings": [{"competency": c, "level": n, "required_level": 3} for c, n in levels.items()]}


ASSESSMENTS = [_assessment("self", {"M.01": 4, "M.02": 3}),
               _assessment("supervisor", {"M.01": 2, "M.02": 3}, "BAIK")]


def test_results_put_self_and_supervisor_levels_beside_the_required_one():
    table = export_tables.results_table(PROGRESS, EMPLOYEES, ASSESSMENTS)
    assert table.headers()[:8] == ["NIP", "Nama", "Jabatan", "Unit Kerja", "Penilaian Diri",
                                   "Penilaian Atasan", "Predikat", "Kompetensi di Bawah Standar"]
    assert table.headers()[8:11] == ["M.01 Diri", "M.01 Atasan", "M.01 Standar"]
    ayu, rudi = (dict(zip(table.headers(), row)) for row in table.values())
    assert (ayu["Jabatan"], ayu["Penilaian Diri"], ayu["Predikat"]) == ("ANALIS", "terkirim", "Baik")
    assert (ayu["M.01 Diri"], ayu["M.01 Atasan"], ayu["M.01 Standar"]) == (4, 2, 3)
    assert ayu["Kompetensi di Bawah Standar"] == 1
    assert (rudi["Penilaian Diri"], rudi["Penilaian Atasan"]) == ("draf", "belum mulai")
    assert rudi["M.01 Atasan"] is None and rudi["Kompetensi di Bawah Standar"] is None


def test_results_in_english():
    table = export_tables.results_table(PROGRESS, EMPLOYEES, ASSESSMENTS, "en")
    assert table.headers("en")[4:6] == ["Self-assessment", "Supervisor assessment"]
    assert "M.02 required" in table.headers("en")
    assert table.values()[1][5] == "not started"


COMPLIANCE = {"minimum_jp": 20, "employees": 3, "compliant": 1,
              "under": [{"nip": NIP, "name": "Ayu Lestari", "unit_code": "BKPSDM.MUTASI",
                         "completed_jp": 8, "shortfall": 12},
                        {"nip": PEER, "name": "Rudi Hartono", "unit_code": "BKPSDM.MUTASI",
                         "completed_jp": 0, "shortfall": 20}]}
ASSIGNMENTS = [{"nip": NIP, "programme_code": "PLT-PUBLIC-SPEAKING", "jp": 16, "status": "assigned"},
               {"nip": NIP, "programme_code": "PLT-WAWASAN", "jp": 8, "status": "completed"}]


def test_compliance_lists_the_shortfall_and_the_assigned_training():
    table = export_tables.compliance_table(COMPLIANCE, ASSIGNMENTS)
    assert table.values() == [
        [NIP, "Ayu Lestari", "BKPSDM.MUTASI", 8, 20, 12, 1,
         "PLT-PUBLIC-SPEAKING 16 JP (ditugaskan); PLT-WAWASAN 8 JP (selesai)"],
        [PEER, "Rudi Hartono", "BKPSDM.MUTASI", 0, 20, 20, 0, ""]]


def test_xlsx_has_a_bold_frozen_header_and_fitted_widths(tmp_path):
    table = export_tables.compliance_table(COMPLIANCE, ASSIGNMENTS)
    path = exports.write(table, tmp_path / "k.xlsx", "xlsx")
    sheet = load_workbook(path).active
    assert sheet.title == "Kepatuhan JP" and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold
    assert [c.value for c in sheet[1]][:3] == ["NIP", "Nama", "Unit Kerja"]
    assert sheet["D2"].value == 8  # numbers stay numbers
    assert sheet.column_dimensions["A"].width == len(NIP) + 2
    assert sheet.column_dimensions["H"].width == 60  # long cells are capped


def test_csv_is_utf8_with_a_bom_for_excel(tmp_path):
    table = export_tables.compliance_table(
        {**COMPLIANCE, "under": [{**COMPLIANCE["under"][0], "name": "Ayu Lestari Ṡ"}]}, [], "en")
    path = exports.write(table, tmp_path / "k.csv", "csv", "en")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNIP,Name,Unit,JP completed")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[1][:2] == [NIP, "Ayu Lestari Ṡ"] and len(rows) == 2


EVIL = ['=HYPERLINK("http://example.invalid/x","klik")', "+1+2", "-3+cmd|' /C calc'!A0",
        "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def _evil_tables():
    progress = [{**PROGRESS[0], "nip": f"1990030320150210{n:02d}", "name": name}
                for n, name in enumerate(EVIL)]
    compliance = {"minimum_jp": 20, "under": [
        {"nip": p["nip"], "name": p["name"], "unit_code": "=1+1", "completed_jp": 0,
         "shortfall": 20} for p in progress]}
    assignments = [{"nip": progress[0]["nip"], "programme_code": "=cmd", "jp": 8,
                    "status": "assigned"}]
    return [export_tables.results_table(progress, EMPLOYEES, []),
            export_tables.compliance_table(compliance, assignments)]


def test_no_exported_text_becomes_a_formula_in_xlsx(tmp_path):
    for n, table in enumerate(_evil_tables()):
        path = exports.write(table, tmp_path / f"t{n}.xlsx", "xlsx")
        sheet = load_workbook(path).active
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
        names = [c for c in cells if c.column == 2]
        # The text unchanged (XML reads a carriage return back as a line feed).
        assert [c.value for c in names] == [name.replace("\r", "\n") for name in EVIL]
        texts = [c for c in cells if isinstance(c.value, str)]
        assert texts and all(c.data_type == "s" for c in texts)
        assert all(c.quotePrefix for c in texts if c.value.startswith(exports.FORMULA_STARTS))


def test_no_exported_text_can_start_a_formula_in_csv(tmp_path):
    for n, table in enumerate(_evil_tables()):
        path = exports.write(table, tmp_path / f"t{n}.csv", "csv")
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))[1:]
        assert [r[1] for r in rows] == [f"'{name}" for name in EVIL]
        assert not any(v.startswith(exports.FORMULA_STARTS) for r in rows for v in r)


def test_talent_lists_the_names_per_box_with_the_follow_up_and_a_formula_as_text():
    grid = {"period_id": "2026-Q4", "boxes": [{"box": 9, "follow_up": "promosi"},
                                              {"box": 5, "follow_up": "pengembangan"}],
            "placed": [{"box": 5, "performance": "meets", "potential": "medium",
                        "nip": "1" * 18, "name": "=CMD() Budi", "unit_code": "U1",
                        "predikat": "BAIK", "share": 50.0},
                       {"box": 9, "performance": "above", "potential": "high", "nip": "2" * 18,
                        "name": "Sari", "unit_code": "U1", "unit_name": "Bagian Umum",
                        "predikat": "SANGAT_BAIK", "share": 100.0}]}
    table = export_tables.talent_table(grid)
    assert table.headers()[:5] == ["Kotak", "Kinerja", "Potensi", "NIP", "Nama"]
    assert [r["box"] for r in table.rows] == [9, 5]
    assert table.rows[0]["potential"] == "tinggi" and table.rows[0]["follow_up"] == "promosi"
    assert table.rows[0]["unit"] == "Bagian Umum"
    text = exports.csv_bytes(table).decode("utf-8-sig")
    assert "'=CMD() Budi" in text
    assert export_tables.talent_table(grid, "en").rows[1]["performance"] == "meets expectation"
