"""Where the cores go in ``bench.agency``: CPU seconds of each group of processes in each stage,
read from /proc (utime + stime) at the stages' ends.

Groups: each platform process (the web processes' workers together under ``<name> workers``),
PostgreSQL (the backends serving each platform process, by their application_name; the rest of
the cluster's processes together: on a shared machine, other clients' backends too), the
Kafka broker, the load generator itself, and "other": everything else the machine's total
(/proc/stat) shows, including the CPU of any process that ended within the stage (PostgreSQL's
short-lived backends, autovacuum workers).
"""
from __future__ import annotations

import os
from pathlib import Path

import psycopg

TICK = os.sysconf("SC_CLK_TCK")
POSTGRES, KAFKA, LOADGEN, OTHER = ("PostgreSQL, the rest", "Kafka broker",
                                   "bench.agency (the load generator)", "other")


def _seconds(pid: int | str) -> float:
    try:  # the fields after the command's closing parenthesis: utime and stime are 12th and 13th
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_seconds() -> float:
    """All CPU time spent on the machine (busy, not idle or waiting on I/O) since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / TICK  # without idle and iowait


def _outside(platform) -> dict[str, list[int]]:
    """PostgreSQL's processes, by the process they serve (its application_name, which the
    platform's processes set), and the Kafka broker's, found by their command."""
    found: dict[str, list[int]] = {POSTGRES: [], KAFKA: []}
    serving = _applications(platform.settings)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if command.startswith(b"postgres") or b"/bin/postgres" in command:
            app = serving.get(int(entry.name))
            found.setdefault(f"PostgreSQL for {app}" if app else POSTGRES, []).append(
                int(entry.name))
        elif b"kafka.Kafka" in command:
            found[KAFKA].append(int(entry.name))
    return found


def _applications(settings) -> dict[int, str]:
    """Each PostgreSQL backend's application_name, where it has one."""
    with psycopg.connect(settings.server_url(), autocommit=True) as conn:
        return {pid: app for pid, app in conn.execute(
            "SELECT pid, application_name FROM pg_stat_activity WHERE application_name <> ''")}


def snapshot(platform) -> dict[str, dict]:
    """CPU seconds so far of each group's processes (pid -> seconds)."""
    groups: dict[str, list[int]] = {}
    for name, process in list(platform.processes.items()):
        groups[name] = [process.pid]
        if name.endswith("-web"):
            groups[f"{name} workers"] = platform.workers(name)
    groups.update(_outside(platform))
    found = {label: {pid: _seconds(pid) for pid in pids} for label, pids in groups.items()}
    own = os.times()
    found[LOADGEN] = {os.getpid(): own.user + own.system}
    found[OTHER] = {0: _machine_seconds()}  # the machine's total, made relative in ``spent``
    return found


def spent(before: dict[str, dict], after: dict[str, dict]) -> dict[str, float]:
    """CPU seconds of each group between two snapshots, process by process (one that ended
    between them is left to ``other``: the machine's total less the groups')."""
    used = {label: sum(seconds - before.get(label, {}).get(pid, 0.0)
                       for pid, seconds in pids.items())
            for label, pids in after.items() if label != OTHER}
    used[OTHER] = max(0.0, after[OTHER][0] - before[OTHER][0] - sum(used.values()))
    return used


def table(marks: list[tuple[str, float, dict[str, float]]]) -> list[str]:
    """Lines: CPU seconds of each group in each stage (``marks``: a stage's name, its wall
    seconds and the snapshot at its end; the first mark is the start), and cores busy."""
    stages = [(name, wall, spent(marks[n][2], after))
              for n, (name, wall, after) in enumerate(marks[1:])]
    totals = {label: sum(used.get(label, 0.0) for _, _, used in stages)
              for _, _, used in stages for label in used}
    labels = sorted((label for label, total in totals.items() if total >= 0.05),
                    key=lambda label: -totals[label])
    lines = ["", "CPU seconds by process and stage (from /proc; the share of all busy CPU in"
                 " brackets; processes that used none left out)", f"  {'':<36}" + "".join(f"{name:>19}" for name, _, _ in stages)]
    for label in labels:
        cells = []
        for _, _, used in stages:
            total = sum(used.values()) or 1.0
            cells.append(f"{used.get(label, 0.0):>11.1f} ({100 * used.get(label, 0.0) / total:>3.0f}%)")
        lines.append(f"  {label:<36}" + "".join(cells))
    lines.append(f"  {'cores busy (CPU s / wall s)':<36}" + "".join(
        f"{sum(used.values()) / max(wall, 1e-9):>19.2f}" for _, wall, used in stages))
    return lines
