"""How ``asn dlq`` shows dead letters: one line each, or everything about one."""
from __future__ import annotations

import json
import shutil

from tools.cli import output
from tools.deadletters import DeadLetter

PREVIEW_BYTES = 256  # of a value that is not JSON, shown as text and as hex


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())  # a database error's newlines would break the table
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def list_table(letters: list[DeadLetter], width: int) -> str:
    """One line per dead letter; the reason, last, gets what the terminal's width leaves."""
    headers = ["service", "dlq", "original", "type", "subject", "value", "reason"]
    rows = [[d.service, d.spot, d.origin_text, d.header("ce_type") or "-",
             d.header("ce_subject") or "-", d.cut_text(), d.header("dlq_reason") or "-"]
            for d in letters]
    if rows:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
        room = max(width - sum(w + 2 for w in widths), 24)
        for row in rows:
            row[-1] = _cut(row[-1], room)
    return output.table(headers, rows)


def terminal_width() -> int:
    """The terminal's columns (120 when there is none)."""
    return shutil.get_terminal_size((120, 24)).columns


def counts(letters: list[DeadLetter], names: list[str]) -> list[str]:
    """A line per service: how many dead letters it has."""
    return [f"{name}: {sum(d.service == name for d in letters)} dead letter(s)" for name in names]


def value_text(value: bytes | None) -> str:
    """A value pretty-printed if it is JSON; else its length and a preview as text and hex."""
    if value is None:
        return "value: none (null)"
    try:
        return f"value ({len(value)} bytes, JSON):\n" + json.dumps(
            json.loads(value), indent=2, ensure_ascii=False)
    except (ValueError, UnicodeDecodeError):
        head = value[:PREVIEW_BYTES]
        more = f" (first {len(head)} shown)" if len(value) > len(head) else ""
        return (f"value ({len(value)} bytes, not JSON){more}:\n"
                f"  text: {head.decode('utf-8', 'replace')!r}\n  hex:  {head.hex(' ')}")


def describe(dead: DeadLetter) -> str:
    """Everything about one dead letter."""
    r = dead.record
    key = r.key.decode("utf-8", "replace") if r.key is not None else "(none)"
    lines = [f"dead letter {dead.service} {dead.spot} (topic {r.topic}, partition {r.partition},"
             f" offset {r.offset})",
             f"consumer:  {dead.header('dlq_consumer') or '-'}",
             f"reason:    {dead.header('dlq_reason') or '-'}",
             f"original:  {dead.origin_text}",
             f"key:       {key}"]
    if dead.whole:
        lines.append("whole:     yes, the dead letter holds the whole original record")
    else:
        kept = []
        if dead.truncated is not None:
            kept.append(f"the value was cut to {len(r.value or b'')} of {dead.truncated} bytes")
        if dead.headers_dropped:
            kept.append("the original headers and key were dropped")
        lines.append(f"whole:     no: {'; '.join(kept)}; the whole record is at"
                     f" {dead.origin_text} (re-drive it with --from-origin)")
    lines.append("headers:")
    width = max((len(k) for k, _ in r.headers or ()), default=0)
    lines += [f"  {k.ljust(width)}  {v.decode('utf-8', 'replace') if v is not None else '(none)'}"
              for k, v in r.headers or ()]
    return "\n".join(lines + [value_text(r.value)])
