"""What users read from work behaviour's refusals, in Bahasa Indonesia and English (added to the
service's ``MESSAGES``)."""

BEHAVIOUR_MESSAGES = {
    "notes_not_shared": {"id": "Instansi tidak menampilkan catatan perilaku kepada pegawai",
                         "en": "The agency does not show employees these behaviour notes"},
    "unknown_value": {"id": "Nilai dasar BerAKHLAK tidak dikenal",
                      "en": "Unknown BerAKHLAK core value"},
    "unknown_note_kind": {"id": "Catatan bersifat positif atau perlu ditingkatkan",
                          "en": "A note is positive or to improve"},
    "observed_in_future": {"id": "Tanggal pengamatan tidak boleh setelah hari ini",
                           "en": "The day observed cannot be after today"},
    "observed_before_period": {"id": "Tanggal pengamatan sebelum periode penilaian dimulai",
                               "en": "The day observed is before the period began"},
    "unknown_invitee": {"id": "Pegawai yang diundang tidak terdaftar",
                        "en": "The invited employee is not registered"},
    "not_a_rater": {"id": "Undang rekan kerja atau bawahan, bukan pegawai itu sendiri atau Anda",
                    "en": "Invite peers or direct reports, not the employee or yourself"},
    "not_a_peer": {"id": "Pegawai ini bukan rekan kerja (menurut ketentuan instansi) atau bawahan"
                          " langsung",
                   "en": "This employee is neither a peer (by the agency's rule) nor a direct"
                         " report"},
    "already_invited": {"id": "Pegawai ini sudah diundang", "en": "This employee is already invited"},
    "not_invited": {"id": "Anda tidak diundang memberi masukan untuk pegawai ini",
                    "en": "You are not invited to give input on this employee"},
    "already_answered": {"id": "Masukan Anda sudah dikirim dan tidak dapat diubah",
                         "en": "Your input is sent and cannot change"},
    "answers_per_value": {"id": "Jawab setiap nilai dasar paling banyak sekali, sedikitnya satu",
                          "en": "Answer each core value at most once, at least one"},
    "unknown_choice": {"id": "Pilihan: di atas, sesuai, atau di bawah ekspektasi",
                       "en": "Choose above, meets or below expectation"},
}
