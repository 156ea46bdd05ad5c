"""How the command line shows things: aligned tables, one readable line per event, the words a
civil servant reads in Bahasa Indonesia (English with ``--lang en``)."""
from __future__ import annotations

import json
from datetime import timezone

from shared.envelope import Event
from shared.lag import ServiceLag

WORDS = {
    "row": ("baris", "row"), "column": ("kolom", "column"), "code": ("kode", "code"),
    "message": ("pesan", "message"),
    "imported": ("impor berhasil: {rows} baris; unit baru {units}, jabatan baru {positions},"
                 " pegawai baru {registered}, diperbarui {updated}, tidak berubah {unchanged}",
                 "imported {rows} rows: {units} new units, {positions} new positions,"
                 " {registered} new employees, {updated} updated, {unchanged} unchanged"),
    "rejected": ("impor ditolak, tidak ada yang berubah", "import rejected, nothing changed"),
    "dry_run": ("pemeriksaan layanan: {rows} baris dapat diimpor; unit baru {units}, jabatan baru"
                " {positions}, pegawai baru {registered}, diperbarui {updated}, tidak berubah"
                " {unchanged}; tidak ada yang diubah",
                "checked by the service: {rows} rows can be imported: {units} new units,"
                " {positions} new positions, {registered} new employees, {updated} updated,"
                " {unchanged} unchanged; nothing changed"),
    "dry_run_refused": ("pemeriksaan saja, berkas ini akan ditolak",
                        "a check only; this file would be refused"),
    "period_id": ("periode", "period"), "kind": ("jenis", "kind"), "starts_on": ("mulai", "starts"),
    "ends_on": ("selesai", "ends"), "status": ("status", "status"),
    "quarterly": ("triwulanan", "quarterly"), "annual": ("tahunan", "annual"),
    "monthly": ("bulanan", "monthly"),
    "open": ("dibuka", "open"), "closed": ("ditutup", "closed"),
    "period_opened": ("periode {period_id} dibuka ({starts_on} s.d. {ends_on})",
                      "period {period_id} opened ({starts_on} to {ends_on})"),
    "period_closed": ("periode {period_id} ditutup", "period {period_id} closed"),
    "no_periods": ("belum ada periode", "no periods yet"),
    "exported": ("{rows} baris ditulis ke {path}", "wrote {rows} rows to {path}"),
    "compliance": ("{unit} {year}: {compliant} dari {employees} pegawai memenuhi {minimum} JP",
                   "{unit} {year}: {compliant} of {employees} employees have {minimum} JP"),
}


def say(key: str, lang: str = "id", **values) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in (unknown keys are shown as given)."""
    words = WORDS.get(key)
    text = (words[1] if lang == "en" else words[0]) if words else key
    return text.format(**values) if values else text


def table(headers: list[str], rows: list[list]) -> str:
    """Columns aligned on the widest cell; numbers right-aligned."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(r[i], int) for r in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def import_problems(problem: dict, lang: str = "id") -> str:
    """A rejected import's row-by-row report (``rows`` of the problem+json body)."""
    head = f"{say('rejected', lang)}: {problem.get('detail') or problem.get('title') or ''}"
    rows = problem.get("rows") or []
    if not rows:
        return head
    return head + "\n" + table([say(k, lang) for k in ("row", "column", "code", "message")],
                               [[r["row"], r["column"], r["code"], r["message"]] for r in rows])


def periods(rows: list[dict], lang: str = "id") -> str:
    """The periods as a table: id, kind, start, end, status, in the language asked for."""
    if not rows:
        return say("no_periods", lang)
    keys = ("period_id", "kind", "starts_on", "ends_on", "status")
    return table([say(k, lang) for k in keys],
                 [[say(str(r[k]), lang) if k in ("kind", "status") else r[k] for k in keys]
                  for r in rows])


def lag(result: ServiceLag) -> str:
    """A service's relay backlog and, per consumed partition, applied / end / lag."""
    verdict = "caught up" if result.caught_up else "BEHIND"
    head = (f"{result.service}: {verdict}; relay unpublished {result.unpublished},"
            f" consumer lag {result.consumer_lag}")
    if result.relay_stuck:
        head += f"\n  relay STUCK: {result.relay_stuck}"
    if not result.partitions:
        return head + "\n  (consumes no topic)"
    body = table(["topic", "partition", "applied", "end", "lag"],
                 [[p.topic, p.partition, p.applied, p.end, p.lag] for p in result.partitions])
    return head + "\n" + "\n".join("  " + line for line in body.splitlines())


MAX_VALUE = 40


def _brief(value) -> str | None:
    """A data field shown in a line: scalars (shortened), lists and objects only as their size."""
    if isinstance(value, (list, dict)):
        return f"[{len(value)}]"
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 1] + "…"


def event_line(event: Event) -> str:
    """One event as one line: time, type, subject NIP, its key data fields, who did it."""
    when = event.time.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S") if event.time else "-"
    fields = " ".join(f"{k}={_brief(v)}" for k, v in (event.data or {}).items()
                      if v is not None and v != "" and v != event.subject)
    actor = event.metadata.get("actor")
    by = f"  by {actor}" if actor else ""
    return f"{when}  {event.type}  {event.subject or '-'}  {fields}{by}"


def event_json(event: Event) -> str:
    """One event as one JSON object: its envelope, data and metadata."""
    return json.dumps({"id": str(event.id), "type": event.type, "source": event.source,
                       "subject": event.subject,
                       "time": event.time.isoformat() if event.time else None,
                       "data": event.data, "metadata": event.metadata}, ensure_ascii=False)
