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
}
