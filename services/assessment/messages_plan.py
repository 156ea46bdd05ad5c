"""What users read of the plan's (SKP) refusals, in Bahasa Indonesia and English; ``messages.py``
hands them to the web app with the service's others."""

PLAN_MESSAGES = {
    # The titles of not_your_own and not_the_official when a plan's command is refused (their
    # codes stay; the service's other titles speak of self-assessment and calibration).
    "plan_not_your_own": {"id": "Hanya pegawai yang bersangkutan yang dapat menyusun, merevisi,"
                                 " dan melengkapi bukti rencana kinerjanya",
                          "en": "Only the employee writes, revises and evidences their own plan"},
    "plan_not_the_official": {"id": "Hanya pejabat penilai pegawai ini yang dapat menyetujui,"
                                     " mengembalikan, atau mencatat realisasi rencananya",
                              "en": "Only this employee's appraising official agrees, returns or"
                                    " records the realisation of their plan"},
    "period_closed": {"id": "Periode penilaian ini sudah ditutup", "en": "The period is closed"},
    "no_appraising_official": {"id": "Pegawai ini belum memiliki atasan langsung sebagai pejabat"
                                      " penilai",
                               "en": "The employee has no direct supervisor to appraise them"},
    "unknown_plan": {"id": "Rencana kinerja tidak ditemukan", "en": "No such plan"},
    "plan_agreed": {"id": "Rencana sudah disetujui; ubah dengan revisi beserta alasannya",
                    "en": "The plan is agreed; revise it with a reason"},
    "plan_not_agreed": {"id": "Rencana belum disetujui", "en": "The plan is not agreed yet"},
    "plan_not_proposed": {"id": "Rencana tidak sedang menunggu persetujuan",
                          "en": "The plan is not waiting for agreement"},
    "unknown_rhk": {"id": "RHK tidak ada dalam rencana", "en": "The RHK is not in the plan"},
    "unknown_superior_rhk": {"id": "RHK atasan tidak ada dalam rencana atasan",
                             "en": "The official's plan has no such RHK"},
    "empty_evidence": {"id": "Bukti dukung berupa keterangan, tautan, atau berkas",
                       "en": "Evidence is a note, a link or a file"},
    "empty_file": {"id": "Berkas kosong", "en": "The file is empty"},
    "file_too_large": {"id": "Berkas melebihi batas ukuran", "en": "The file is too large"},
    "file_type_not_allowed": {"id": "Jenis berkas tidak diizinkan",
                              "en": "This type of file is not allowed"},
    "unknown_file": {"id": "Berkas tidak ditemukan", "en": "No such file"},
    "bad_realisation": {"id": "Realisasi harus di atas, sesuai, atau di bawah target",
                        "en": "A realisation is above, meets or below its target"},
    "work_result_reason_required": {
        "id": "Penilaian hasil kerja berbeda dari usulan rencana kinerja; tulis alasannya",
        "en": "The work result rating differs from the plan's proposal; give the reason"},
}
