"""The text ``bench.agency`` prints at the end: stages, submissions, consumers, memory, lag peaks,
the ceilings measured in the same run, and each stage against its ceiling."""
from __future__ import annotations

import os

from bench import agency_cpu
from bench.http_load import figures
from demo.agency import Agency

LIMIT_MB = 500  # the target: no process above this resident


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:>12,.0f}" if seconds > 0 else f"{'-':>12}"


def _pct(result: dict) -> str:
    got = figures(result)
    return f"p50 {got['p50']:.1f}  p95 {got['p95']:.1f}  p99 {got['p99']:.1f} ms"


def stages(result: dict, agency: Agency, args) -> list[str]:
    count, seconds = result["tokens"]
    lines = [f"{'stage':<40}{'seconds':>9}{'count':>10}{'per second':>12}",
             f"{'(tokens, minted by the bench, untimed)':<40}{seconds:>9.1f}{count:>10,}"
             f"{_rate(count, seconds)}"]
    for stage in result["stages"]:
        timed = result["timed"].get(stage.name.split()[0])
        lines.append(f"{stage.name + ' (' + stage.unit + ')':<40}{stage.seconds:>9.1f}"
                     f"{stage.count:>10,}{_rate(stage.count, stage.seconds)}"
                     + (f"   {_pct(timed)}" if timed else ""))
    whole = result["ended"] - result["started"]
    both = {"seconds": sum(r["seconds"] for r in result["timed"].values()),
            "latencies": [v for r in result["timed"].values() for v in r["latencies"]],
            "failures": []}
    lines += [f"{'all submissions':<40}{both['seconds']:>9.1f}{len(both['latencies']):>10,}"
              f"{_rate(len(both['latencies']), both['seconds'])}   {_pct(both)}",
              f"{'WHOLE: import to last decision':<40}{whole:>9.1f}"]
    return lines


def decisions(result: dict) -> list[str]:
    """What each service recorded, when (seconds after the import began), and how fast the
    consumers drained what was left when the last submission was answered."""
    t0 = result["started"]
    lines = ["", f"{'recorded':<52}{'count':>9}{'first':>9}{'last':>9}  (s after the import began)"]
    for service, what in (("assessment", "AssessmentSubmitted"), ("feedback", "RatingsCompared"),
                          ("training", "decisions (assigned, opportunity, unmet)")):
        n, first, last = result["activity"][service]
        lines.append(f"{service + ' ' + what:<52}{n:>9,}{first - t0:>9.1f}{last - t0:>9.1f}")
    lines += ["", f"{'consumer':<10}{'records':>10}{'lag at the last answer':>24}"
                  f"{'applied after it':>18}{'in s':>8}{'records/s':>11}"]
    for service, drained, seconds in draining(result):
        rate = (f"{drained / seconds:>11,.0f}" if backlogged(result, service, seconds)
                else f"{'kept up':>11}")
        lines.append(f"{service:<10}{result['consumed'][service]:>10,}"
                     f"{result['lag_at_end'][service]:>24,}{drained:>18,}{seconds:>8.1f}{rate}")
    return lines


def backlogged(result: dict, service: str, seconds: float) -> bool:
    """Whether the consumer's own backlog made most of what it applied after the last answer
    (else it waited for the relays, and its rate says nothing about itself)."""
    applied = result["consumed"][service] - result["applied_at_end"][service]
    return seconds >= 1 and result["lag_at_end"][service] * 2 >= applied > 0


def draining(result: dict) -> list[tuple[str, int, float]]:
    """Each consumer's records applied after the last submission was answered, and the seconds
    from then to its service's last decision (what it does once HTTP no longer competes)."""
    return [(s, total - result["applied_at_end"][s],
             max(result["activity"][s][2] - result["submitted_at"], 0.0))
            for s, total in result["consumed"].items()]


def lag_peaks(result: dict) -> list[str]:
    samples = result["samples"]
    if not samples:
        return []
    lines = ["", "lag peaks (lines above, every few seconds):"]
    for label, field in (("relay backlog", "unpublished"), ("consumer lag", "consumer_lag")):
        for service in getattr(samples[0], field):
            top = max(samples, key=lambda s: getattr(s, field)[service])
            lines.append(f"  {label} {service:<11}{getattr(top, field)[service]:>10,}"
                         f"  at +{top.at:.0f} s")
    return lines


def memory(result: dict) -> list[str]:
    lines = ["", "peak resident memory (VmHWM), MB:"]
    for name, mb in result["memory"]:
        flag = f"  ABOVE {LIMIT_MB} MB" if mb > LIMIT_MB else ""
        lines.append(f"  {name:<40}{mb:>8.0f}{flag}")
    return lines


def replays(result: dict) -> list[str]:
    """Each service's replay: what it applied, how fast, and whether it equals the live."""
    lines = ["", f"{'replay (processes stopped)':<28}{'own events':>11}{'consumed':>10}"
                 f"{'seconds':>9}{'events/s':>10}  verdict"]
    for service, (own, consumed_, seconds, equal) in result["replays"].items():
        lines.append(f"{service:<28}{own:>11,}{consumed_:>10,}{seconds:>9.1f}"
                     f"{_rate(own + consumed_, seconds)[2:]:>10}  "
                     + ("equal to the live projections" if equal else "DIFFERENT"))
    return lines


def ceilings(result: dict, args) -> list[str]:
    c, bare = result["ceilings"], result["ceilings"]["bare"]
    return ["", "ceilings, same run, same broker and cluster, platform processes stopped:",
            f"  {'Kafka ProducerPerformance (Java)':<52}{c['java producer']:>10,.0f} records/s"
            f"  ({c['records']:,} values of {c['size']:,} B, the relay's producer settings)",
            f"  {'Kafka ConsumerPerformance (Java)':<52}{c['java consumer']:>10,.0f} records/s"
            f"  (those records, after joining its group)",
            f"  {'kafka-python producer':<52}{c['python producer']:>10,.0f} records/s"
            f"  ({c['records']:,} of the assessment topic's records, {c['sample']:,} different)",
            f"  {'kafka-python consumer':<52}{c['python consumer']:>10,.0f} records/s"
            f"  (those records, assigned)",
            f"  {'pgbench, one INSERT a transaction':<52}{c['pgbench']:>10,.0f} transactions/s"
            f"  ({args.clients} clients, the submission body as jsonb)",
            f"  {'bare one-INSERT app, 2 sync workers':<52}{bare['rps']:>10,.0f} requests/s"
            f"  p50 {bare['p50']:.1f}  p95 {bare['p95']:.1f}  p99 {bare['p99']:.1f} ms"]


def against(result: dict) -> list[str]:
    """Each stage's rate over its ceiling, lowest first: where the time goes."""
    c, by = result["ceilings"], {s.name: s for s in result["stages"]}
    sent = sum(s.count for s in result["stages"] if s.unit == "requests")
    http = sent / sum(s.seconds for s in result["stages"] if s.unit == "requests")
    pairs = [("HTTP submissions / bare INSERT app", http / c["bare"]["rps"]),
             ("HTTP submissions / pgbench INSERTs", http / c["pgbench"]),
             ("import rows / pgbench INSERTs", by["import"].count / by["import"].seconds
              / c["pgbench"])]
    pairs += [(f"{service} consumer draining / kafka-python consumer",
               drained / seconds / c["python consumer"])
              for service, drained, seconds in draining(result)
              if backlogged(result, service, seconds)]
    pairs += [("kafka-python producer / Java producer", c["python producer"] / c["java producer"]),
              ("kafka-python consumer / Java consumer", c["python consumer"] / c["java consumer"])]
    lines = ["", "each stage against its ceiling (lowest first):"]
    lines += [f"  {name:<52}{ratio:>6.2f}" for name, ratio in sorted(pairs, key=lambda p: p[1])]
    whole = result["ended"] - result["started"]
    share = sorted(result["stages"], key=lambda s: -s.seconds)
    lines.append("  share of the whole: " + ", ".join(f"{s.name} {s.seconds / whole:.0%}"
                                                      for s in share))
    return lines


def report(result: dict, agency: Agency, args) -> list[str]:
    supervisors = len({e.supervisor_nip for e in agency.employees if e.supervisor_nip})
    before, after = result["load"]
    head = ["", f"A period of an agency of {len(agency.employees):,} employees "
                f"({len(agency.units):,} units, {supervisors:,} supervisors, sections of "
                f"{args.span}) through the platform",
            f"{os.cpu_count()} CPUs shared by the client ({args.clients} threads), every service "
            f"process (2 sync web workers each), PostgreSQL and Kafka; {args.partitions} "
            f"partitions a topic; import files of {args.batch:,} rows",
            "load average (1, 5, 15 min) at the start " + ", ".join(f"{v:.1f}" for v in before)
            + "; at the end " + ", ".join(f"{v:.1f}" for v in after), ""]
    return (head + stages(result, agency, args) + decisions(result) + lag_peaks(result)
            + agency_cpu.table(result["cpu"]) + memory(result) + replays(result) + ceilings(result, args) + against(result))
