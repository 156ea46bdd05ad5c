"""What a civil servant reads: Bahasa Indonesia by default, English when the request prefers it."""
from __future__ import annotations

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # Shared by the services: the organisation every service keeps a projection of.
    "not_your_report": {"id": "Pegawai ini bukan bawahan langsung Anda",
                        "en": "This employee is not your direct report"},
    "not_allowed_to_read": {"id": "Anda tidak berwenang melihat data ini",
                            "en": "You may not see this record"},
    "unknown_unit": {"id": "Unit kerja tidak ditemukan", "en": "Unknown work unit"},
    "unknown_employee": {"id": "Pegawai tidak ditemukan", "en": "Unknown employee"},
    "unknown_period": {"id": "Periode penilaian tidak ditemukan", "en": "Unknown appraisal period"},
    "bad_request": {"id": "Permintaan tidak valid", "en": "Bad request"},
    "unauthenticated": {"id": "Perlu masuk dengan token yang sah", "en": "Authentication required"},
    "token_expired": {"id": "Token sudah kedaluwarsa", "en": "The token has expired"},
    "token_invalid": {"id": "Token tidak sah", "en": "The token is not valid"},
    "forbidden": {"id": "Anda tidak berwenang melakukan ini", "en": "You may not do this"},
    "not_found": {"id": "Data tidak ditemukan", "en": "Not found"},
    "method_not_allowed": {"id": "Metode tidak diizinkan", "en": "Method not allowed"},
    "conflict": {"id": "Data sudah berubah; muat ulang lalu coba lagi",
                 "en": "The data has changed; reload and try again"},
    "payload_too_large": {"id": "Isi permintaan terlalu besar", "en": "Request body too large"},
    "unsupported_media_type": {"id": "Format isi tidak didukung; gunakan JSON",
                               "en": "Unsupported content type; send JSON"},
    "validation_failed": {"id": "Isian tidak valid", "en": "Validation failed"},
    "internal_error": {"id": "Terjadi kesalahan pada server", "en": "Internal server error"},
    "unavailable": {"id": "Layanan belum siap", "en": "Service not ready"},
    "bad_idempotency_key": {"id": "Idempotency-Key tidak valid", "en": "Invalid Idempotency-Key"},
    "idempotency_key_reused": {"id": "Idempotency-Key sudah dipakai untuk permintaan lain",
                               "en": "Idempotency-Key already used for another request"},
    "idp_unavailable": {"id": "Penyedia identitas tidak dapat dihubungi; coba lagi nanti",
                        "en": "The identity provider cannot be reached; try again later"},
    "stream_or_subject": {"id": "Sebutkan satu aliran (stream) atau satu subjek (NIP), tidak keduanya",
                          "en": "Name either a stream or a subject (NIP), not both"},
}

_BY_STATUS = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
              415: "unsupported_media_type", 422: "validation_failed", 500: "internal_error",
              503: "unavailable"}


class Catalogue:
    """The platform's messages and one service's own, handed to its web app by the composition root."""

    def __init__(self, *services: dict[str, dict[str, str]]) -> None:
        self.messages = dict(MESSAGES)
        for messages in services:
            for code, entry in messages.items():
                if code in self.messages and self.messages[code] != entry:
                    raise ValueError(f"message code {code!r} is already defined differently")
                if set(entry) != set(LANGUAGES):
                    raise ValueError(f"message {code!r} needs exactly the languages {LANGUAGES}")
                self.messages[code] = entry

    def text(self, code: str, language: str) -> str:
        """The message ``code`` in ``language`` (the generic refusal when the code is unknown)."""
        entry = self.messages.get(code) or self.messages["bad_request"]
        return entry.get(language) or entry[DEFAULT_LANGUAGE]


def pick_language(accept_language: str | None) -> str:
    """The first supported language in an Accept-Language header, else Indonesian."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE


def code_for_status(status: int) -> str:
    """The message code a bare HTTP status is explained with."""
    return _BY_STATUS.get(status, "internal_error" if status >= 500 else "bad_request")
