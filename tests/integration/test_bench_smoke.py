"""The benchmarks still run end to end (tiny sizes: this checks they work, not how fast)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from shared.config import REPO_ROOT


@pytest.mark.parametrize("argv, says", [
    (["bench.submissions", "--requests", "20", "--repeats", "1", "--warmup", "5"],
     "service / bare INSERT"),
    (["bench.backbone", "--events", "300", "--repeats", "1", "--partitions", "2"], "relay"),
    (["bench.relay_tuning", "--events", "300", "--repeats", "1", "--partitions", "2",
      "--tunings", "-", "--against", "."], "relay / relay @other"),
    (["bench.feedback_replay", "--employees", "30", "--rounds", "1"], "comparisons / bookkeeping"),
    (["bench.training_replay", "--employees", "50", "--partitions", "2"], "ratio training / baseline"),
    (["bench.portal", "--clients", "3", "--employees", "12", "--rounds", "1", "--repeats", "1"],
     "ratio pages / static"),
    (["bench.portal_dashboard", "--clients", "2", "--employees", "12", "--rounds", "1",
      "--repeats", "1"], "ratio dashboard / static"),
    (["bench.copies", "--employees", "20", "--copies", "2", "--partitions", "2"],
     "consumer copies"),
    (["bench.agency", "--employees", "30", "--every", "2", "--ceiling-records", "500",
      "--ceiling-requests", "100"], "equal to the live projections"),
])
def test_benchmark_runs_and_reports(infra, argv, says):
    result = subprocess.run([sys.executable, "-m", *argv], cwd=REPO_ROOT, capture_output=True,
                            text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert says in result.stdout
