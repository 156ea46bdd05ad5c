"""The short chaos run (bench.chaos; docs/reliability.md): on a PostgreSQL cluster and a Kafka
broker of its own, never the shared ones, the whole platform under load while one process of each
kind, the broker and PostgreSQL are killed and restarted and every poison kind is written; every
check must pass. Its servers, processes and files are removed at the end, also on failure."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from bench.chaos import infra as chaos_infra
from bench.chaos.faults import ROUND
from bench.chaos.poison import POISON
from bench.chaos.run import Options, run

pytestmark = pytest.mark.integration


def _ours(root: Path) -> list[str]:
    """Processes whose command line names the run's temporary directory (its servers)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(root) in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


@pytest.mark.timeout(900)
def test_short_chaos_run_passes_every_check(monkeypatch):
    roots = []
    real = chaos_infra.Infrastructure.__init__

    def remember(self, *args, **kwargs):
        real(self, *args, **kwargs)
        roots.append(self.root)
    monkeypatch.setattr(chaos_infra.Infrastructure, "__init__", remember)

    out = io.StringIO()
    try:
        result = run(Options(seconds=75, employees=40, units=4, rate=12, faults=ROUND,
                                     overlap=True), out=out)
    finally:
        print(out.getvalue())  # shown by pytest when the test fails

    assert roots and roots[0].name.startswith("asn-chaos-")
    assert not roots[0].exists(), "the temporary directory is left behind"
    assert not _ours(roots[0]), "a server of the run still runs"
    kinds = {o.fault.kind for o in result.outcomes}
    assert kinds == {"web-worker", "web-master", "relay", "consumer", "broker", "postgres"}
    assert {s.kind for s in result.figures["poison"]} == {k.name for k in POISON}
    assert result.figures["load"].acknowledged > 0
    assert not result.findings.failed, "failed: " + "; ".join(
        f"{c.name}: {c.detail}" for c in result.findings.failed)
    assert re.search(r"verdict: PASS", out.getvalue())
