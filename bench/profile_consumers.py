"""Where a consumed record's and a decision's time goes: ``python -m bench.profile_consumers``.

The set-up of ``bench.feedback_replay`` (``--service feedback``: a period of N employees, the
runner with handlers, reactors and checks on a fresh database, records fed by a plain consumer
loop) or ``bench.training_replay`` (``--service training``: the runner's own loop in a thread),
run once while py-spy (pinned in requirements.txt) samples this very process from outside
(``--idle``: a sample counts wherever the thread is, running or waiting on a socket). The
samples of the consuming thread are summed into phases (``PHASES``: the first rule whose
patterns all appear in a sample's stack names it), in microseconds per decision (a comparison,
or an assignment) and per consumed record, with the share spent waiting on a socket.

py-spy's CPU comes out of the same cores, so the rates printed here are not the benchmark's;
read the shares. Needs ptrace rights (root, or kernel.yama.ptrace_scope 0).
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import psycopg
from psycopg.rows import dict_row

from bench import feedback_replay as fr
from bench import training_replay as tr
from bench.profile_submissions import PY_SPY
from services.training.definition import SERVICE as TRAINING
from shared.config import Settings
from shared.db import drop_database
from shared.runtime import setup
from shared.topics import delete_topics, ensure_topics

# (phase, patterns that must all appear in the stack); the first rule that matches names it.
PHASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("consumed: schema check", (r"from_record \(shared/envelope",
                                r"(check|check_decoded|accepted) \(shared/events/")),
    ("consumed: decode (headers, JSON, Event)", (r"from_record \(shared/envelope",)),
    ("decided: schema check", (r"append \(shared/eventstore", r"check \(shared/events/")),
    ("decided: size check", (r"_check_size \(shared/eventstore",)),
    ("decided: append, other (rows kept behind)", (r"append \(shared/eventstore",)),
    ("decided: event rows' multi-row INSERT", (r"flush \(shared/batchview",)),
    ("decided: projector statements", (r"\(services/\w+/projections",)),
    ("decided: domain event to data", (r"decided \(shared/recording",)),
    ("reactor: state load (batch query)", (r"\(services/\w+/store(_batch)?\.py",)),
    ("reactor: domain decision", (r"\(services/\w+/domain",)),
    ("reactor: other", (r"\(services/\w+/(reactors|wiring)\.py",)),
    ("consumed: handler statements", (r"\(services/\w+/handlers(_batch)?\.py",)),
    ("kept events' runs (shared/projecting)", (r"\(shared/projecting\.py",)),
    ("runner: prerequisites and parking",
     (r"\(shared/(prerequisites|seen|parking)\.py",)),
    ("runner: ledger (offsets, event ids)", (r"\(shared/ledger\.py",)),
    ("runner: metrics", (r"\(prometheus_client/|count \(shared/batch\.py",)),
    ("runner: pipeline sync and commit", (r"(__exit__|commit|_exit_gen) \(psycopg/",)),
    ("Kafka fetch (poll)", (r"\(kafka/",)),
    ("runner: lag and commit to Kafka", (r"(report_lag|commit_quietly) \(shared/",)),
    ("runner: other", (r"\(shared/(consumer|batch|batchview)\.py",)),
)
WAITING = re.compile(r"(^|\.)(wait|_wait|wait_conn|select|poll|recv|recv_into|readinto|sendall"
                     r"|_communicate_gen|_fetch_gen|epoll|sleep) \(")
# The consuming thread's timed loop: feedback_replay's ``consume``, the runner's own ``run``.
LOOP = re.compile(r"consume \(bench/feedback_replay\.py|run \(shared/consumer\.py")
OTHER = "other"


def phase_of(stack: str) -> str:
    """The first phase whose patterns all appear in ``stack`` (frames joined by ``;``)."""
    for name, patterns in PHASES:
        if all(re.search(p, stack) for p in patterns):
            return name
    return OTHER


def breakdown(lines) -> tuple[Counter, Counter, int]:
    """Samples per phase and of them waiting, from py-spy's raw lines of the consuming loop."""
    phases, waiting, total = Counter(), Counter(), 0
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit() or not LOOP.search(stack):
            continue
        name, samples = phase_of(stack), int(count)
        phases[name] += samples
        total += samples
        if WAITING.search(stack.split(";")[-1]):
            waiting[name] += samples
    return phases, waiting, total


def table(phases: Counter, waiting: Counter, total: int, rate: int, decisions: int,
          records: int) -> str:
    """A row per phase: us per decision, us per consumed record, share, share waiting."""
    per = 1e6 / rate
    lines = [f"{'phase':<44}{'us/decision':>12}{'us/record':>11}{'share':>8}{'waiting':>9}"]
    for name, count in phases.most_common():
        lines.append(f"{name:<44}{count * per / decisions:>12.1f}{count * per / records:>11.1f}"
                     f"{count / total:>8.1%}{waiting[name] / count:>9.0%}")
    lines.append(f"{'the consuming thread':<44}{total * per / decisions:>12.1f}"
                 f"{total * per / records:>11.1f}{1:>8.1%}"
                 f"{sum(waiting.values()) / max(total, 1):>9.0%}")
    return "\n".join(lines)


class Spy:
    """py-spy sampling this process into ``out`` until the block ends."""

    def __init__(self, out: Path, rate: int) -> None:
        self.out, self.rate = out, rate
        self.proc = subprocess.Popen(
            [PY_SPY, "record", "--pid", str(os.getpid()), "--rate", str(rate), "--format", "raw",
             "--output", str(out), "--idle", "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(1.5)  # py-spy attaches

    def stop(self) -> list[str]:
        """Stop sampling; py-spy's raw lines."""
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=60)
        if not self.out.exists():
            raise RuntimeError(f"py-spy wrote nothing: {err.decode()[-500:]}")
        return self.out.read_text().splitlines()


@contextmanager
def spying(rate: int) -> Iterator[list[str]]:
    """Sample this process while the block runs; the list it yields gets py-spy's raw lines."""
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        spy = Spy(Path(tmp) / "profile.txt", rate)
        try:
            yield lines
        finally:
            lines.extend(spy.stop())


def feedback(employees: int, rate: int) -> tuple[int, int, float, list[str]]:
    """One comparisons measure of bench.feedback_replay, sampled: decisions, records, seconds,
    py-spy's lines."""
    run = uuid.uuid4().hex[:8]
    settings = Settings.from_env().with_(database_prefix=f"asnbench_{run}_",
                                            topic_prefix=f"bench.{run}.")
    topic = settings.topic("assessment.events")
    ensure_topics(settings.kafka_bootstrap, [topic], settings.topic_partitions)
    try:
        events = fr.period_events(employees)
        fr.publish(settings.kafka_bootstrap, topic, events)
        with spying(rate) as lines:
            seconds, made = fr.measure(settings, topic, "comparisons")
        return made, len(events), seconds, lines
    finally:
        delete_topics(settings.kafka_bootstrap, [topic])


def training(employees: int, rate: int) -> tuple[int, int, float, list[str]]:
    """The training run of bench.training_replay, sampled: assignments, records, seconds,
    py-spy's lines."""
    unique = uuid.uuid4().hex[:8]
    settings = Settings.from_env().with_(topic_prefix=f"bench.{unique}.",
                                            database_prefix=f"asnbench_{unique}_training_")
    topic = settings.topic("assessment.events")
    try:
        setup(TRAINING, settings)
        ensure_topics(settings.kafka_bootstrap, [topic], settings.topic_partitions,
                         settings.topic_replication)
        events = tr.workload(employees)
        tr.publish(settings, topic, events)
        with spying(rate) as lines:
            seconds = tr.time_runner(settings, topic, len(events), decide=True)
        with psycopg.connect(settings.database_url(TRAINING.name), row_factory=dict_row) as conn:
            made = conn.execute("SELECT count(*) AS n FROM events"
                                " WHERE type = 'training.TrainingAssigned.v1'").fetchone()["n"]
        return made, len(events), seconds, lines
    finally:
        drop_database(settings.server_url(), settings.database_name(TRAINING.name))
        delete_topics(settings.kafka_bootstrap, [topic] + TRAINING.topics(settings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_consumers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", choices=("feedback", "training"), default="feedback")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second (250)")
    parser.add_argument("--raw", type=Path, help="also keep py-spy's raw lines in this file")
    args = parser.parse_args(argv)
    run = feedback if args.service == "feedback" else training
    made, records, seconds, lines = run(args.employees, args.rate)
    if args.raw:
        args.raw.write_text("\n".join(lines) + "\n")
    phases, waiting, total = breakdown(lines)
    kind = "comparisons" if args.service == "feedback" else "assignments"
    print(f"\n{args.service}: {args.employees:,} employees, {records:,} records, {made:,} {kind}"
          f" in {seconds:.2f} s while sampled ({made / seconds:,.0f} {kind}/s, not the"
          f" benchmark's rate), {total:,} samples of the consuming thread\n")
    print(table(phases, waiting, total, args.rate, made, records))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
