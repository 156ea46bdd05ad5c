"""Every text the demo shows, in Bahasa Indonesia and English (``--lang en``)."""
from __future__ import annotations

TEXTS = {
    "id": {
        "agency": "==> Instansi demo: {employees} pegawai di {units} unit kerja (seed {seed})",
        "imported": "    impor pegawai: {registered} baru, {updated} diperbarui, {unchanged} tetap",
        "period_opened": "==> Periode {period} dibuka",
        "period_open": "==> Periode {period} sudah terbuka",
        "period_closed": "Periode {period} sudah ditutup; pilih periode lain dengan --period",
        "import_rejected": ("Impor instansi demo ditolak, tidak ada yang diimpor: data yang sudah ada"
                            " di platform bertentangan dengannya ({count} masalah):"),
        "import_row": "  baris {row} (NIP {nip}, {name}), kolom {column}: {code}: {message}",
        "afresh": ("Untuk mulai dari awal (ini menghapus SEMUA data platform; kata sandi basis"
                   " data: ASN_PG_PASSWORD, bawaan asn):"),
        "unreachable": "Layanan tidak dapat dihubungi ({reason}); jalankan `make up` terlebih dahulu",
        "submitting": "==> Penilaian diri dan penilaian atasan ({todo} dikirim, {done} sudah ada)",
        "bar": "penilaian",
        "waiting": "==> Menunggu layanan umpan balik dan pelatihan memproses semua peristiwa",
        "wait_bar": "peristiwa tertunda",
        "timeout": "Layanan belum selesai memproses setelah {seconds} detik: {lagging}",
        "title": "RINGKASAN PENILAIAN KOMPETENSI — periode {period}",
        "submissions": "Pengiriman",
        "self": "  Penilaian diri       : {done} dari {of} pegawai",
        "supervisor": "  Penilaian atasan     : {done} dari {of} pegawai yang memiliki atasan",
        "predikat": "Sebaran predikat kinerja ({assessed} dinilai)",
        "predikat_row": "  {label:<28} {count:>4}  {share:>5.1f}%",
        "discrepancies": ("Selisih penilaian (ambang {threshold} tingkat): {total} dari {compared}"
                          " rating dibandingkan ({rate:.1f}%), {blind} blind spot (diri > atasan),"
                          " {hidden} kekuatan tersembunyi (diri < atasan)"),
        "by_competency": "  Per kompetensi",
        "by_unit": "  Per unit kerja",
        "rate_row": "    {name:<56} {total:>4}  blind spot {blind:>3}  tersembunyi {hidden:>3}",
        "dialogues": "Dialog kinerja dibuka : {count} ({employees} pegawai dibandingkan)",
        "trainings": ("Pelatihan ditugaskan  : {count} penugasan untuk {people} pegawai,"
                      " {jp} JP direncanakan"),
        "top_programmes": "  Program terbanyak",
        "programme_row": "    {title:<52} {count:>4}",
        "opportunities": "Peluang pengembangan  : {count} (kekuatan untuk dimanfaatkan, {people} pegawai)",
        "compliance": ("Pemenuhan 20 JP/tahun : {compliant} dari {employees} pegawai sudah"
                       " menyelesaikan minimal {minimum} JP pada {year}"),
        "next": "Lihat selanjutnya",
        "api_row": "  {service:<11} API {url}   dokumentasi {url}/api-docs/",
        "portal": "  Portal      {url}   {how}",
        "portal_dev": "(pilih \"Masuk sebagai pegawai ini\", tanpa kata sandi)",
        "portal_sso": "(masuk dengan NIP dan kata sandi pengembangan {password})",
        "portal_employee": "    pegawai  {nip} {name}: penilaian dirinya belum diisi; isi dan kirim",
        "portal_employee_done": "    pegawai  {nip} {name}: lihat hasil, dialog kinerja dan pelatihannya",
        "portal_supervisor": ("    atasan   {nip} {name}: nilai pegawai tersebut, lalu lihat hasil"
                              " dan dialog kinerjanya"),
        "portal_supervisor_done": "    atasan   {nip} {name}: lihat Tim saya dan dialog kinerja bawahannya",
        "portal_hr": "    BKPSDM   {nip} {name} (peran: Pegawai dan BKPSDM)",
        "token_hint": "  Token HR: .venv/bin/asn token {nip} --role hr_admin",
        "elapsed": "Selesai dalam {seconds:.1f} detik.",
        "planning": ("==> Rencana kinerja (SKP): diajukan pegawai, disepakati pejabat penilai, bukti"
                     " dukung dan realisasi; catatan perilaku dan masukan rekan kerja"),
        "plans": "Rencana kinerja (SKP)",
        "plan_bar": "rencana",
        "plans_agreed": ("  Rencana disepakati   : {agreed} dari {plans} pegawai ({expectations} dengan"
                         " ekspektasi khusus pimpinan)"),
        "plans_realised": ("  Bukti dukung         : {evidence}; realisasi RHK dicatat: {realisations};"
                           " {proposed} rencana mengusulkan nilai hasil kerja"),
        "plans_notes": "  Catatan perilaku     : {notes}",
        "plans_input": ("  Masukan rekan kerja  : untuk {name} ({nip}), {answered} dari {invited}"
                        " rekan yang diundang menjawab"),
        "reviewing": "==> Kalibrasi dan keberatan",
        "review": "Kalibrasi dan keberatan",
        "calibration": ("  Kalibrasi            : predikat {name} ({nip}) diubah pejabat penilainya"
                        " dari {previous} menjadi {predikat}, dengan alasan: {reason}"),
        "objection": ("  Keberatan            : {name} ({nip}) keberatan atas predikat {predikat};"
                      " {superior}, atasan pejabat penilai, memutuskan: {decision}"),
        "objection_late": "  Keberatan            : {name} ({nip}): batas waktu keberatan sudah lewat",
        "decision.upheld": "hasil dipertahankan", "decision.changed": "predikat diubah",
        "SANGAT_BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH_PERBAIKAN": "Butuh Perbaikan",
        "KURANG": "Kurang/Misconduct", "SANGAT_KURANG": "Sangat Kurang",
    },
    "en": {
        "agency": "==> Demo agency: {employees} employees in {units} work units (seed {seed})",
        "imported": "    employee import: {registered} new, {updated} updated, {unchanged} unchanged",
        "period_opened": "==> Period {period} opened",
        "period_open": "==> Period {period} is already open",
        "period_closed": "Period {period} is closed; choose another with --period",
        "import_rejected": ("The demo agency's import was refused, nothing was imported: the platform"
                            " already holds data that contradicts it ({count} problem(s)):"),
        "import_row": "  row {row} (NIP {nip}, {name}), column {column}: {code}: {message}",
        "afresh": ("To start afresh (this removes ALL of the platform's data; the database password"
                   " is ASN_PG_PASSWORD, asn by default):"),
        "unreachable": "The services cannot be reached ({reason}); run `make up` first",
        "submitting": "==> Self and supervisor assessments ({todo} to send, {done} already in)",
        "bar": "assessments",
        "waiting": "==> Waiting for the feedback and training services to process every event",
        "wait_bar": "events pending",
        "timeout": "The services had not caught up after {seconds} s: {lagging}",
        "title": "COMPETENCY APPRAISAL SUMMARY — period {period}",
        "submissions": "Submissions",
        "self": "  Self-assessments      : {done} of {of} employees",
        "supervisor": "  Supervisor assessments: {done} of {of} employees with a supervisor",
        "predikat": "Performance predicate distribution ({assessed} assessed)",
        "predikat_row": "  {label:<28} {count:>4}  {share:>5.1f}%",
        "discrepancies": ("Rating discrepancies (threshold {threshold} levels): {total} of {compared}"
                          " ratings compared ({rate:.1f}%), {blind} blind spots (self > supervisor),"
                          " {hidden} hidden strengths (self < supervisor)"),
        "by_competency": "  By competency",
        "by_unit": "  By work unit",
        "rate_row": "    {name:<56} {total:>4}  blind spots {blind:>3}  hidden {hidden:>3}",
        "dialogues": "Dialogues opened      : {count} ({employees} employees compared)",
        "trainings": ("Trainings assigned    : {count} assignments for {people} employees,"
                      " {jp} JP planned"),
        "top_programmes": "  Most assigned programmes",
        "programme_row": "    {title:<52} {count:>4}",
        "opportunities": "Development opportunities: {count} (strengths to use, {people} employees)",
        "compliance": ("20 JP a year          : {compliant} of {employees} employees have completed"
                       " at least {minimum} JP in {year}"),
        "next": "Where to look next",
        "api_row": "  {service:<11} API {url}   docs {url}/api-docs/",
        "portal": "  Portal      {url}   {how}",
        "portal_dev": "(choose \"Sign in as this employee\", no password)",
        "portal_sso": "(sign in with the NIP and the development password {password})",
        "portal_employee": "    employee   {nip} {name}: has not self-assessed yet; fill in and send",
        "portal_employee_done": ("    employee   {nip} {name}: see the results, the dialogue and the"
                                 " training"),
        "portal_supervisor": ("    supervisor {nip} {name}: assess that employee, then see the"
                              " results and the dialogue"),
        "portal_supervisor_done": ("    supervisor {nip} {name}: see My team and the reports'"
                                   " dialogues"),
        "portal_hr": "    HR         {nip} {name} (role: Employee and HR)",
        "token_hint": "  An HR token: .venv/bin/asn token {nip} --role hr_admin",
        "elapsed": "Done in {seconds:.1f} s.",
        "planning": ("==> Performance plans (SKP): proposed by employees, agreed by their officials,"
                     " evidence and realisations; behaviour notes and peer input"),
        "plans": "Performance plans (SKP)",
        "plan_bar": "plans",
        "plans_agreed": ("  Plans agreed         : {agreed} of {plans} employees ({expectations} with"
                         " the official's special expectations)"),
        "plans_realised": ("  Evidence             : {evidence}; RHK realisations recorded:"
                           " {realisations}; {proposed} plans propose a hasil kerja rating"),
        "plans_notes": "  Behaviour notes      : {notes}",
        "plans_input": ("  Peer input           : on {name} ({nip}), {answered} of {invited}"
                        " invited colleagues answered"),
        "reviewing": "==> Calibration and objection",
        "review": "Calibration and objection",
        "calibration": ("  Calibration          : the predikat of {name} ({nip}) changed by their"
                        " appraising official from {previous} to {predikat}, because: {reason}"),
        "objection": ("  Objection            : {name} ({nip}) objected to the predikat {predikat};"
                      " {superior}, the official's superior, decided: {decision}"),
        "objection_late": "  Objection            : {name} ({nip}): the days to object have passed",
        "decision.upheld": "the result upheld", "decision.changed": "the predikat changed",
        "SANGAT_BAIK": "Very Good", "BAIK": "Good", "BUTUH_PERBAIKAN": "Needs Improvement",
        "KURANG": "Poor/Misconduct", "SANGAT_KURANG": "Very Poor",
    },
}


def texts(language: str) -> dict[str, str]:
    """The demo's texts in ``language`` (id or en)."""
    return TEXTS["en" if language == "en" else "id"]
