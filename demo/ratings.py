"""Realistic self and supervisor assessments for the demo, the same for a seed.

Most supervisors rate near the position's required level; some employees rate themselves two levels
above their supervisor on a competency or two (blind spots), a few below (hidden strengths), so the
feedback and training services have discrepancies, dialogues, gaps and strengths to work on.
"""
from __future__ import annotations

import random

SUPERVISOR_SHIFT = ((0, 60), (1, 18), (-1, 16), (-2, 6))        # level - required, weight
SELF_SHIFT = ((0, 70), (1, 18), (-1, 12))                        # self - supervisor, weight
BLIND_SPOT_SHARE, HIDDEN_STRENGTH_SHARE = 0.22, 0.08             # of employees
# (hasil kerja, perilaku kerja): mostly Baik, about one in eight Sangat Baik, a few below.
EXPECTATIONS = ((("SESUAI", "SESUAI"), 60), (("DI_ATAS", "SESUAI"), 10),
                (("SESUAI", "DI_ATAS"), 8), (("DI_ATAS", "DI_ATAS"), 12),
                (("DI_BAWAH", "SESUAI"), 7), (("SESUAI", "DI_BAWAH"), 2),
                (("DI_BAWAH", "DI_BAWAH"), 1))

EVIDENCE = {
    "M.01": "Menolak gratifikasi dari pemohon layanan mutasi dan melaporkannya ke atasan.",
    "M.02": "Aktif dalam tim penyusunan analisis jabatan bersama bidang lain.",
    "M.03": "Menyampaikan sosialisasi e-Kinerja kepada perangkat daerah dengan jelas.",
    "M.04": "Menyelesaikan verifikasi usulan kenaikan pangkat sebelum tenggat triwulan.",
    "M.05": "Menangani pengaduan layanan kepegawaian dalam waktu kurang dari tiga hari kerja.",
    "M.06": "Membimbing pegawai baru dalam penggunaan aplikasi SIASN.",
    "M.07": "Mendukung peralihan arsip kepegawaian ke layanan digital.",
    "M.08": "Mengambil keputusan penjadwalan ujian dinas dengan data yang lengkap.",
    "SK.01": "Menjaga suasana kerja yang inklusif di tengah keragaman latar belakang pegawai.",
}
SELF_NOTE = "Menurut saya sudah konsisten sepanjang triwulan."
SUPERVISOR_NOTE = "Berdasarkan pengamatan langsung dan capaian kerja triwulan ini."


def _pick(rng: random.Random, table):
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _clamp(level: int) -> int:
    return max(1, min(5, level))


def assessments(standard: dict[str, int], nip: str, seed: int) -> tuple[dict, dict]:
    """The (self, supervisor) request bodies of one employee, given the position's standard."""
    rng = random.Random(f"ratings:{seed}:{nip}")
    supervisor = {c: _clamp(required + _pick(rng, SUPERVISOR_SHIFT))
                  for c, required in sorted(standard.items())}
    self_levels = {c: _clamp(level + _pick(rng, SELF_SHIFT)) for c, level in supervisor.items()}
    codes = sorted(standard)
    if rng.random() < BLIND_SPOT_SHARE:
        for c in rng.sample(codes, k=min(len(codes), rng.randint(1, 3))):
            self_levels[c] = min(5, supervisor[c] + 2)
    elif rng.random() < HIDDEN_STRENGTH_SHARE / (1 - BLIND_SPOT_SHARE):
        for c in rng.sample(codes, k=min(len(codes), rng.randint(1, 2))):
            supervisor[c] = max(supervisor[c], 3)
            self_levels[c] = supervisor[c] - 2
    work_result, work_behaviour = _pick(rng, EXPECTATIONS)
    self_result = "DI_ATAS" if rng.random() < 0.3 else "SESUAI"
    return (_body(self_levels, SELF_NOTE, self_result, "SESUAI"),
            _body(supervisor, SUPERVISOR_NOTE, work_result, work_behaviour))


def _body(levels: dict[str, int], comment: str, work_result: str, work_behaviour: str) -> dict:
    return {"ratings": [{"competency": c, "level": level,
                         "evidence": EVIDENCE.get(c, "Bukti kinerja terlampir pada e-Kinerja."),
                         "comment": comment} for c, level in sorted(levels.items())],
            "work_result": work_result, "work_behaviour": work_behaviour}
