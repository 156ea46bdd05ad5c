"""What users read from this service, in Bahasa Indonesia and English (handed to its web app with shared.i18n's)."""
from services.assessment.messages_plan import PLAN_MESSAGES

from services.assessment.messages_behaviour import BEHAVIOUR_MESSAGES

MESSAGES = {
    "unknown_expectation": {"id": "Penilaian harus Di Atas, Sesuai, atau Di Bawah Ekspektasi",
                            "en": "Ratings are Above, Meets or Below Expectations"},
    "duplicate_competency": {"id": "Kompetensi dinilai lebih dari sekali",
                             "en": "A competency is rated more than once"},
    "unknown_competency": {"id": "Kompetensi tidak ada dalam standar jabatan",
                           "en": "The competency is not in the standard"},
    "level_out_of_range": {"id": "Level kompetensi harus 1 sampai 5", "en": "Levels run from 1 to 5"},
    "incomplete_assessment": {"id": "Penilaian belum lengkap", "en": "The assessment is incomplete"},
    "not_your_own": {"id": "Penilaian diri hanya dapat diisi oleh pegawai yang bersangkutan",
                     "en": "Only the employee fills in their own self-assessment"},
    "assessment_hidden": {"id": "Penilaian pihak lain baru dapat dilihat setelah keduanya dikirim",
                          "en": "The other side's ratings are visible once both are submitted"},
    "period_not_open": {"id": "Periode penilaian tidak sedang dibuka",
                        "en": "The appraisal period is not open"},
    "already_submitted": {"id": "Penilaian sudah dikirim dan tidak dapat diubah",
                          "en": "The assessment is already submitted and cannot change"},
    "not_submitted": {"id": "Penilaian belum dikirim", "en": "The assessment is not submitted"},
    "bad_period": {"id": "Periode penilaian tidak valid", "en": "Invalid appraisal period"},
    "period_kind_not_used": {"id": "Jenis periode ini tidak dipakai instansi (aturan periode)",
                             "en": "The agency does not use this kind of period (period rules)"},
    "core_competency": {"id": "Kompetensi manajerial dan sosial kultural ditetapkan oleh peraturan",
                        "en": "Managerial and socio-cultural competencies are set by regulation"},
    "standard_changed": {"id": "Standar jabatan ini sudah diubah orang lain sejak Anda membukanya;"
                                " muat ulang lalu ubah lagi",
                         "en": "Someone changed this position's standard since you opened it;"
                               " reload it and change it again"},
    "unit_exists": {"id": "Unit kerja sudah terdaftar", "en": "The unit is already registered"},
    "unknown_job_level": {"id": "Jenjang jabatan tidak dikenal", "en": "Unknown job level"},
    "invalid_nip": {"id": "NIP tidak valid", "en": "Invalid NIP"},
    "unknown_position": {"id": "Jabatan belum memiliki standar kompetensi",
                         "en": "The position has no competency standard"},
    "reporting_cycle": {"id": "Garis atasan langsung membentuk lingkaran",
                        "en": "The reporting lines form a circle"},
    "unknown_supervisor": {"id": "Atasan langsung tidak ditemukan", "en": "Unknown supervisor"},
    "employee_exists": {"id": "Pegawai sudah terdaftar", "en": "The employee is already registered"},
    "period_exists": {"id": "Periode penilaian sudah pernah dibuka",
                      "en": "The appraisal period was already opened"},
    "unknown_assessment": {"id": "Penilaian tidak ditemukan", "en": "No such assessment"},
    "import_rejected": {"id": "Impor ditolak; tidak ada data yang diubah",
                        "en": "Import rejected; nothing was changed"},
    "predikat.SANGAT_BAIK": {"id": "Sangat Baik", "en": "Very Good"},
    "predikat.BAIK": {"id": "Baik", "en": "Good"},
    "predikat.BUTUH_PERBAIKAN": {"id": "Butuh Perbaikan", "en": "Needs Improvement"},
    "predikat.KURANG": {"id": "Kurang/Misconduct", "en": "Poor/Misconduct"},
    "predikat.SANGAT_KURANG": {"id": "Sangat Kurang", "en": "Very Poor"},
    "unit_predikat.ISTIMEWA": {"id": "Istimewa", "en": "Outstanding"},
    "unit_predikat.BAIK": {"id": "Baik", "en": "Good"},
    "unit_predikat.BUTUH_PERBAIKAN": {"id": "Butuh Perbaikan", "en": "Needs Improvement"},
    "unit_predikat.KURANG": {"id": "Kurang", "en": "Poor"},
    "unit_predikat.SANGAT_KURANG": {"id": "Sangat Kurang", "en": "Very Poor"},
    "unknown_unit_predicate": {"id": "Predikat unit tidak dikenal dalam tabel distribusi",
                               "en": "The distribution table has no such unit predikat"},
    "no_unit_predicate": {"id": "Predikat unit ini belum ditetapkan untuk periode ini",
                          "en": "This unit has no unit predikat for this period yet"},
    "curve_not_broken": {"id": "Sebaran predikat unit ini sudah sesuai pola; tidak perlu"
                                " pengecualian", "en": "This unit's predikat follow the pattern;"
                                " no exception is needed"},
    "curve_broken": {"id": "Periode belum dapat ditutup: sebaran predikat pegawai di unit"
                            " tertentu tidak sesuai pola distribusi predikat unitnya",
                     "en": "The period cannot close yet: in some units the employees' predikat"
                           " do not follow the distribution pattern of the unit's predikat"},
    "curve.clause.largest": {"id": "{band} paling banyak: ada {count} pegawai, predikat lain"
                                    " paling banyak {limit}",
                             "en": "{band} the largest group: {count} employees, the largest"
                                   " other {limit}"},
    "curve.clause.min_percent": {"id": "Paling sedikit {value}% {band}: perlu {limit} pegawai,"
                                        " ada {count}",
                                 "en": "At least {value}% {band}: {limit} employees needed,"
                                       " {count} now"},
    "curve.clause.max_percent": {"id": "Paling banyak {value}% {band}: boleh {limit} pegawai,"
                                        " ada {count}",
                                 "en": "At most {value}% {band}: {limit} employees allowed,"
                                       " {count} now"},
    "curve.clause.min_count": {"id": "Paling sedikit {value} pegawai {band}: ada {count}",
                               "en": "At least {value} employees {band}: {count} now"},
    "curve.clause.max_count": {"id": "Paling banyak {value} pegawai {band}: ada {count}",
                               "en": "At most {value} employees {band}: {count} now"},
    "calibration_open": {"id": "Sesi kalibrasi unit ini masih terbuka",
                         "en": "This unit's calibration session is still open"},
    "no_calibration_session": {"id": "Tidak ada sesi kalibrasi yang terbuka untuk unit ini",
                               "en": "No calibration session is open for this unit"},
    "not_assessed": {"id": "Pegawai ini belum memiliki penilaian atasan yang terkirim",
                     "en": "This employee has no submitted supervisor assessment"},
    "not_the_official": {"id": "Hanya pejabat penilai pegawai ini (atau BKPSDM, untuk kalibrasi)"
                                " yang dapat melakukannya",
                         "en": "Only this employee's appraising official (or HR, to calibrate)"
                               " may do this"},
    "unknown_predikat": {"id": "Predikat tidak dikenal", "en": "Unknown predikat"},
    "objection_exists": {"id": "Keberatan atas hasil ini sudah diajukan",
                         "en": "An objection to this result was already filed"},
    "objection_late": {"id": "Batas waktu pengajuan keberatan sudah lewat",
                       "en": "The time to object has passed"},
    "no_official_superior": {"id": "Pejabat penilai tidak memiliki atasan yang dapat memutus",
                             "en": "The appraising official has no superior to decide"},
    "unknown_objection": {"id": "Keberatan tidak ditemukan", "en": "No such objection"},
    "objection_decided": {"id": "Keberatan sudah diputus; keputusannya final",
                          "en": "The objection is decided; the decision is final"},
    "not_the_superior": {"id": "Hanya atasan pejabat penilai yang memutus keberatan",
                         "en": "Only the appraising official's superior decides"},
    "bad_decision": {"id": "Keputusan mengubah hasil memerlukan predikat lain",
                     "en": "A changed result needs another predikat"},
    **BEHAVIOUR_MESSAGES,
}

# The plan (SKP), its evidence and realisation (messages_plan.py).
MESSAGES = {**MESSAGES, **PLAN_MESSAGES}
