"""One chaos run: own infrastructure, the whole platform, load, faults and poison, then the checks."""
from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.chaos import poison
from bench.chaos.checks import Findings, check_all
from bench.chaos.faults import ROUND, Injector, Outcome, schedule
from bench.chaos.infra import Infrastructure
from bench.chaos.load import Load
from demo import drive
from demo.agency import generate
from tools.apiclient import client_for, dev_token
from shared.config import SERVICES, Settings
from shared.lag import service_lag
from services.platform import definition as service_definition
from tests.support.platform import Platform



@dataclass
class Options:
    seconds: float = 300
    employees: int = 60
    units: int = 5
    rate: float = 15.0        # new submissions a second
    threads: int = 6
    pause: float = 2.0        # seconds a killed process stays down before its restart
    faults: int | None = None  # default: as many as the time allows, every kind at least once
    gap: float = 5.0          # seconds from one fault's recovery to the next fault
    overlap: bool = False     # faults evenly spread over the time, not waiting for recoveries
    keep: bool = False        # keep the temporary directory (logs, data) for a post-mortem
    seed: int = 1


@dataclass
class Result:
    options: Options
    findings: Findings
    figures: dict
    outcomes: list[Outcome] = field(default_factory=list)
    workdir: Path | None = None

    @property
    def ok(self) -> bool:
        return self.findings.ok


def say(text: str, out=None) -> None:
    print(text, file=out or sys.stdout, flush=True)


def run(options: Options, out=None) -> Result:
    """Everything, cleaned up at the end whatever happens (``keep`` keeps the files only)."""
    started = time.monotonic()
    infra = Infrastructure(keep=options.keep)
    say(f"==> own PostgreSQL and Kafka in {infra.root}", out)
    infra.start()
    platform = None
    try:
        say(f"    PostgreSQL 127.0.0.1:{infra.postgres.port}, Kafka {infra.kafka.bootstrap}"
            f" ({time.monotonic() - started:.1f} s)", out)
        settings = Settings().with_(pg_port=infra.postgres.port,
                                    kafka_bootstrap=infra.kafka.bootstrap,
                                    database_prefix="chaos_", topic_prefix="chaos.",
                                    topic_partitions=3)
        workdir = infra.root / "platform"
        workdir.mkdir()
        # Nothing of the caller's ASN_* settings may lead a process to the shared servers.
        clean = {k: v for k, v in os.environ.items() if not k.startswith("ASN_")}
        platform = Platform(settings, workdir, web_workers=2, base_env=clean)
        platform.setup()
        platform.start()
        say(f"==> platform up: {len(platform.processes)} processes"
            f" ({time.monotonic() - started:.1f} s)", out)
        return _drive(options, platform, infra, out, started)
    finally:
        if platform is not None:
            platform.stop()
        infra.close()


def _drive(options: Options, platform: Platform, infra: Infrastructure, out,
           started: float) -> Result:
    settings = platform.settings
    agency = generate(options.employees, options.units, options.seed)
    hr = client_for(settings, "assessment", dev_token(settings, agency.hr_head.nip, ["hr_admin"]))
    imported = drive.register(hr, agency)
    standards = {p["code"]: {r["competency"]: r["required_level"] for r in p["standard"]}
                 for p in hr.get("/positions")}
    say(f"==> agency: {len(agency.employees)} employees in {len(agency.units)} units ({imported})",
        out)
    load = Load(settings, agency, standards, hr, rate=options.rate, threads=options.threads,
                run_id=uuid.uuid4().hex[:8], seed=options.seed)
    faults = schedule(options.faults or 10_000)
    injector = Injector(platform, infra, pause=options.pause)
    poison_at = [0.3] if options.seconds < 180 else [0.3, 0.7]
    sent: list[poison.Sent] = []
    outcomes: list[Outcome] = []
    chaos_started = time.monotonic()
    deadline = chaos_started + options.seconds
    gap = options.seconds / ROUND if options.overlap else options.gap
    say(f"==> {options.seconds:.0f} s of load ({options.rate:g} submissions/s), faults in turn"
        + (f" every {gap:.0f} s, recoveries overlapping" if options.overlap else
           f" each {gap:g} s after the previous one has caught up")
        + f", {len(poison.POISON)} poison kinds", out)
    load.start()
    try:
        due = chaos_started + 3
        for i, fault in enumerate(faults):
            # At least every kind once; then as many as the time allows (or --faults).
            if i >= ROUND and (i >= (options.faults or 10_000) or due >= deadline):
                break
            while poison_at and chaos_started + options.seconds * poison_at[0] <= due:
                _wait_until(chaos_started + options.seconds * poison_at.pop(0))
                sent += _poison(settings, agency, standards, out, chaos_started)
            _wait_until(due)
            outcome = injector.inject(fault)
            outcomes.append(outcome)
            say(f"    {outcome.at:6.1f} s  {fault.label:<30} down {outcome.down:5.1f} s,"
                f" back {_s(outcome.back)}" + (f"  ({outcome.note})" if outcome.note else ""), out)
            if options.overlap:
                due = chaos_started + 3 + gap * (i + 1)
            else:
                injector.finish()
                say(f"            caught up {_s(outcome.caught_up)}", out)
                due = time.monotonic() + gap
        for at in poison_at:
            _wait_until(chaos_started + options.seconds * at)
            sent += _poison(settings, agency, standards, out, chaos_started)
        _wait_until(deadline)
    finally:
        say("==> load stops; submissions in hand are retried until acknowledged", out)
        load.stop()
    quiet = _wait_for_lag_zero(settings)
    injector.finish()
    say(f"==> every relay and consumer caught up ({_s(quiet)} after the load stopped)", out)
    say("==> checks", out)
    findings = check_all(platform, infra, load.acks, sent)
    figures = {"load": load.figures, "faults": outcomes, "poison": sent, "lag zero after": quiet,
               "total seconds": time.monotonic() - started, **findings.figures}
    result = Result(options, findings, figures, outcomes, infra.root if options.keep else None)
    report(result, out)
    return result


def _poison(settings, agency, standards, out, chaos_started) -> list[poison.Sent]:
    someone = agency.employees[1]
    required = standards[someone.position.code]
    competency = sorted(required)[0]
    ctx = poison.Context(someone.nip, someone.position.code, someone.unit_code,
                         someone.position.job_level, competency, required[competency])
    topics = {s: service_definition(s).events_topic(settings) for s in SERVICES}
    deadline = time.monotonic() + 120
    while True:
        try:
            sent = poison.produce(settings.kafka_bootstrap, topics, ctx)
            break
        except Exception as exc:  # noqa: BLE001 - the broker may be restarting: try again
            if time.monotonic() > deadline:
                raise
            say(f"    poison: {exc}; trying again", out)
            time.sleep(2)
    say(f"    {time.monotonic() - chaos_started:6.1f} s  poison: {len(sent)} records", out)
    return sent


def _wait_until(moment: float) -> None:
    time.sleep(max(moment - time.monotonic(), 0))


def _wait_for_lag_zero(settings: Settings, timeout: float = 300) -> float | None:
    """Seconds until every relay and consumer has nothing left, twice in a row."""
    t0, calm = time.monotonic(), 0
    while time.monotonic() - t0 < timeout:
        try:
            calm = calm + 1 if all(service_lag(service_definition(s), settings).caught_up
                                   for s in SERVICES) else 0
        except Exception:  # noqa: BLE001
            calm = 0
        if calm >= 2:
            return round(time.monotonic() - t0, 1)
        time.sleep(0.5)
    return None


def _s(seconds: float | None) -> str:
    return "NEVER" if seconds is None else f"{seconds:.1f} s"


def report(result: Result, out=None) -> None:
    f, figures = result.findings, result.figures
    load = figures["load"]
    say("", out)
    say("=" * 78, out)
    say("CHAOS RUN", out)
    say("=" * 78, out)
    say(f"requests sent {load.sent}, submissions acknowledged {load.acknowledged}"
        f" ({load.replayed} of them a replayed first answer), failed attempts"
        f" {sum(load.failed.values())} {dict(load.failed)}, refused {dict(load.refused) or 0},"
        f" given up {load.given_up}; periods {len(load.periods)}", out)
    kills: dict = {}
    for o in result.outcomes:
        kills.setdefault(o.fault.kind, []).append(o)
    say("faults (down = kill to restart; back = restart until it answers; caught up = restart"
        " until the backlog of that moment is applied)", out)
    for o in result.outcomes:
        say(f"  {o.at:6.1f} s  {o.fault.label:<30} down {o.down:5.1f} s  back {_s(o.back):>7}"
            f"  caught up {_s(o.caught_up):>7}" + (f"  {o.note}" if o.note else ""), out)
    say("kills by kind", out)
    for kind, items in kills.items():
        backs = [o.back for o in items if o.back is not None]
        ups = [o.caught_up for o in items if o.caught_up is not None]
        say(f"  {kind:<11} x{len(items)}  back {_range(backs, len(items))}"
            f"  caught up {_range(ups, len(items))}", out)
    say(f"lag 0 after the load stopped: {_s(figures['lag zero after'])}", out)
    if figures.get("ready only after retries"):
        say(f"/ready failed before it answered 200 at the end: {figures['ready only after retries']}"
            " (a pooled connection from before the PostgreSQL restart)", out)
    say(f"events stored: {figures['events']}", out)
    say(f"records published: {figures['published records']}; of them republished:"
        f" {figures['republished (duplicates on the topic)']}", out)
    say("dead letters by reason", out)
    for (consumer, kind, reason), n in sorted(figures["dead letters by reason"].items()):
        say(f"  {consumer:<9} {kind:<21} x{n}  {reason}", out)
    say("checks", out)
    for c in f.checks:
        mark = "ok      " if c.passed else "FAILED  "
        say(f"  {mark} {c.name}" + ("" if c.passed else f"\n           {c.detail}"), out)
    say(f"verdict: {'PASS' if f.ok else 'FAIL'} ({len(f.checks) - len(f.failed)} passed,"
        f" {len(f.failed)} failed; {figures['total seconds']:.0f} s in all)", out)
    if f.failed:
        say("failed: " + "; ".join(c.name for c in f.failed), out)


def _range(values: list[float], count: int) -> str:
    if not values:
        return "never"
    text = f"{min(values):.1f}-{max(values):.1f} s" if len(values) > 1 else f"{values[0]:.1f} s"
    return text + (f" ({count - len(values)} never)" if len(values) < count else "")
