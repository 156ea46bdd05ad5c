"""Where a web worker's time goes, from py-spy's collapsed stacks (``py-spy record --format raw``).

Each line of py-spy's raw output is one stack, root first, frames separated by ``;``, then the
number of samples (``handle (gunicorn/workers/sync.py:135);...;execute (psycopg/cursor.py:97) 12``).
A sample counts for a request when the stack passes through gunicorn's per-request ``handle``
(the sync worker's, or the gthread worker's); samples elsewhere (waiting for a connection, the
pool's and the metrics' threads) are left out. Each request sample goes to the phase of the
deepest frame that names one (``PHASES``; library code any phase calls, ``GENERIC``, only when
no frame names a phase), so a JWT check inside the access check counts as the JWT check, the
schema check inside the event append as the schema check, a jsonb parsed by psycopg inside the
context query as the context query.
A sample whose innermost frames wait on a socket is also counted as waiting, per phase:
for the phases that talk to PostgreSQL that is the round trip, the server's share of the time.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

# The phases of a request: (name, pattern on one frame "function (path:line)"). A sample goes to
# the phase of the deepest frame that matches one of PHASES, else of GENERIC (library code that
# any phase may call: it names a phase only when nothing more specific is on the stack).
PHASES: tuple[tuple[str, str], ...] = (
    ("JWT verification", r"\(shared/auth\.py|\(jwt/|\(shared/jwks\.py"),
    ("access check", r"(^|\.)authorize \(shared/web\.py"),
    ("body: JSON parse", r"(^|\.)(_raw_load_json|get_json) \("),
    ("body: check (JSON Schema / marshmallow)", r"\(shared/fastargs\.py|\(webargs/"),
    ("view: form and receipt", r"(^|\.)submit \(services/assessment/api_assessments\.py"),
    ("context query (situation)", r"(^|\.)situation \(services/assessment/store\.py"),
    ("domain decision", r"\(services/assessment/domain"),
    ("event: schema check", r"(^|\.)_check \(shared/eventstore\.py"),
    ("event: size check", r"(^|\.)_check_size \(shared/eventstore\.py"),
    ("event: INSERT", r"(^|\.)append \(shared/eventstore\.py"),
    ("event: from the domain's record", r"(^|\.)decided \(shared/recording\.py"),
    ("projections", r"\(services/assessment/projections\.py"),
    ("draft discard", r"(^|\.)discard_draft \("),
    ("idempotency key", r"(^|\.)(_claim|_request_hash) \(shared/transactions\.py"),
    ("commit", r"(^|\.)commit \(psycopg/|(^|\.)Pipeline\.__exit__ \(psycopg/"),
    ("pool: lend / return", r"\(psycopg_pool/"),
    ("response: marshmallow dump", r"(^|\.)dump \(marshmallow/"),
    ("response: JSON", r"\(flask/json/"),
    ("metrics", r"\(prometheus_client/"),
    ("request id, timing", r"\(shared/requestid\.py|(start|finish|forget) \(shared/webapp\.py"),
    ("access log", r"\(gunicorn/glogging\.py|gunicorn\.conf\.py"),
    ("bare INSERT app", r"\(bench/bare_insert\.py"),
)
GENERIC: tuple[tuple[str, str], ...] = (
    ("HTTP: parse request", r"\(gunicorn/http/(message|parser|unreader|body|__init__)\.py"),
    ("HTTP: write response", r"\(gunicorn/http/wsgi\.py|(^|\.)write \(gunicorn/util\.py"),
    ("HTTP: close (waits for the client)", r"(^|\.)close_graceful \(gunicorn/util\.py"),
    ("psycopg (other)", r"\(psycopg/"),
    ("logging (other)", r"\(logging/"),
    ("Flask / werkzeug / flask-smorest", r"\(flask/|\(werkzeug/|\(flask_smorest/"),
)
# Innermost frames that mean "blocked on a socket" (PostgreSQL's answer, the client's bytes).
WAITING = re.compile(r"(^|\.)(wait|_wait|wait_conn|select|poll|recv|recv_into|readinto|sendall"
                     r"|close_graceful|_communicate_gen|_fetch_gen) \(")
REQUEST = re.compile(r"(^|\.)handle \(gunicorn/workers/(sync|gthread)\.py")
OTHER = "other (gunicorn, Python)"
_COMPILED = tuple(tuple((name, re.compile(pattern)) for name, pattern in tier)
                  for tier in (PHASES, GENERIC))


@dataclass
class Breakdown:
    """Samples per phase (and of them waiting on a socket), the request samples and the others."""

    phases: Counter = field(default_factory=Counter)
    waiting: Counter = field(default_factory=Counter)
    requests: int = 0
    outside: int = 0

    def rows(self, rate: float, handled: int) -> list[tuple[str, float, float, float]]:
        """(phase, ms per request, share of the request time, share of it waiting), largest first.

        ``rate`` is py-spy's samples per second (one thread each), ``handled`` the requests
        answered while it sampled.
        """
        per = 1000 / rate / max(handled, 1)
        return [(name, count * per, count / max(self.requests, 1), self.waiting[name] / count)
                for name, count in self.phases.most_common()]


def phase_of(frames: list[str]) -> str:
    """The phase of the deepest frame that names one (PHASES before GENERIC); else OTHER."""
    for tier in _COMPILED:
        for frame in reversed(frames):
            for name, pattern in tier:
                if pattern.search(frame):
                    return name
    return OTHER


def breakdown(lines: Iterable[str]) -> Breakdown:
    """Sum py-spy's raw lines into phases; lines of other threads count as ``outside``."""
    result = Breakdown()
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames, samples = stack.split(";"), int(count)
        start = next((i for i, f in enumerate(frames) if REQUEST.search(f)), None)
        if start is None:
            result.outside += samples
            continue
        inner = frames[start:]
        phase = phase_of(inner)
        result.requests += samples
        result.phases[phase] += samples
        if WAITING.search(inner[-1]):
            result.waiting[phase] += samples
    return result


def table(result: Breakdown, rate: float, handled: int) -> str:
    """The breakdown as text: a row per phase, then the total per request."""
    lines = [f"{'phase':<42}{'ms/request':>11}{'share':>8}{'waiting':>9}"]
    for name, ms, share, waiting in result.rows(rate, handled):
        lines.append(f"{name:<42}{ms:>11.3f}{share:>8.1%}{waiting:>9.0%}")
    total = result.requests * 1000 / rate / max(handled, 1)
    waited = sum(result.waiting.values()) / max(result.requests, 1)
    lines.append(f"{'in a worker, per request':<42}{total:>11.3f}{1:>8.1%}{waited:>9.0%}")
    return "\n".join(lines)
