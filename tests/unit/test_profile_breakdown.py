"""bench.profile_breakdown: py-spy's collapsed stacks summed into the phases of a request."""
from __future__ import annotations

from bench.profile_breakdown import OTHER, breakdown, phase_of, table

HANDLE = "run (gunicorn/workers/sync.py:126);handle (gunicorn/workers/sync.py:135)"
VIEW = f"{HANDLE};handle_request (gunicorn/workers/sync.py:180);__call__ (flask/app.py:1536)"
LINES = [
    f"{VIEW};authorize (shared/web.py:103);verify (shared/auth.py:121) 5",
    f"{VIEW};run (shared/transactions.py:60);submit (services/assessment/api_assessments.py:70);"
    "submit (services/assessment/assessing.py:30);situation (services/assessment/store.py:100);"
    "execute (psycopg/connection.py:200);wait (psycopg/waiting.py:50) 8",
    f"{VIEW};run (shared/transactions.py:60);submit (services/assessment/assessing.py:30);"
    "record (shared/recording.py:40);append (shared/eventstore.py:60);"
    "_check (shared/eventstore.py:90);check (shared/events/registry.py:70) 3",
    f"{VIEW};run (shared/transactions.py:60);submit (services/assessment/assessing.py:30);"
    "record (shared/recording.py:40);append (shared/eventstore.py:60);"
    "execute (psycopg/connection.py:200) 4",
    f"{HANDLE};access (deploy/gunicorn.conf.py:60);dumps (json/__init__.py:200) 2",
    f"{HANDLE};parse (gunicorn/http/parser.py:30) 1",
    f"{HANDLE};handle_request (gunicorn/workers/sync.py:180) 2",
    "run (gunicorn/workers/sync.py:126);wait (gunicorn/workers/sync.py:40) 50",
    "_bootstrap (threading.py:1002);worker (psycopg_pool/pool.py:500) 40",
    "garbage line",
]


def test_each_sample_goes_to_the_deepest_named_phase():
    result = breakdown(LINES)
    assert result.requests == 25 and result.outside == 90
    assert result.phases == {"JWT verification": 5, "context query (situation)": 8,
                             "event: schema check": 3, "event: INSERT": 4, "access log": 2,
                             "HTTP: parse request": 1, OTHER: 2}


def test_a_sample_blocked_in_a_wait_counts_as_waiting_in_its_phase():
    result = breakdown(LINES)
    assert result.waiting == {"context query (situation)": 8}


def test_rows_are_ms_per_request_and_shares():
    rows = {name: (ms, share, waiting) for name, ms, share, waiting in
            breakdown(LINES).rows(rate=100, handled=10)}
    # 8 samples at 100/s are 80 ms over 10 requests: 8 ms each, 8 of the 25 request samples
    assert rows["context query (situation)"] == (8.0, 8 / 25, 1.0)
    assert rows["JWT verification"] == (5.0, 5 / 25, 0.0)


def test_a_stack_naming_no_phase_is_other():
    assert phase_of(["main (x.py:1)", "f (y.py:2)"]) == OTHER


def test_the_table_ends_with_the_whole_request():
    text = table(breakdown(LINES), rate=100, handled=10)
    assert text.splitlines()[-1].split()[-3:] == ["25.000", "100.0%", "32%"]


def test_library_code_counts_for_the_phase_that_called_it():
    assert phase_of(["situation (services/assessment/store.py:100)",
                     "execute (psycopg/cursor.py:1)", "loads (json/__init__.py:346)"]) == \
        "context query (situation)"
    assert phase_of(["wsgi_app (flask/app.py:1)", "execute (psycopg/cursor.py:1)"]) == \
        "psycopg (other)"
