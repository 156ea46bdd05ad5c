"""deploy/infra.sh's PostgreSQL start on a running cluster, run as bash with pg_ctlcluster and
psql stood in for: a running cluster is never restarted; changed settings are reloaded and the
restart they need is said, with its command."""
from __future__ import annotations

import re
import subprocess

from shared.config import REPO_ROOT

SCRIPT = REPO_ROOT / "deploy" / "infra.sh"


def leave_running(tmp_path, changed: int, port_changed: int, hba: int, pending: str = "shared_buffers"):
    calls = tmp_path / "calls"
    program = f"""
        source {SCRIPT}
        pg_ctlcluster() {{ echo "pg_ctlcluster $*" >>{calls}; }}
        pg_psql_admin() {{ echo "psql $*" >>{calls}; printf '%s' '{pending}'; }}
        pg_leave_running 16 {changed} {port_changed} {hba}
        echo "STATE=$PG_STATE"
        echo "ADVICE=$PG_ADVICE"
    """
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=30)
    return done, calls.read_text().splitlines() if calls.exists() else []


def test_changed_settings_are_reloaded_and_the_needed_restart_is_said_not_done(tmp_path):
    done, calls = leave_running(tmp_path, changed=1, port_changed=0, hba=0)
    assert done.returncode == 0, done.stderr
    assert [c for c in calls if c.startswith("pg_ctlcluster")] == ["pg_ctlcluster 16 asn reload"]
    assert "left alone" in done.stdout
    assert "ADVICE=PostgreSQL needs a restart to apply: shared_buffers." in done.stdout
    assert "pg_ctlcluster 16 asn restart -m fast" in done.stdout


def test_settings_a_reload_applies_need_no_restart(tmp_path):
    done, calls = leave_running(tmp_path, changed=1, port_changed=0, hba=0, pending="")
    assert "STATE=already running (changed settings reloaded)" in done.stdout
    assert "ADVICE=\n" in done.stdout and not any("restart" in c for c in calls if c.startswith("pg_ctlcluster"))


def test_unchanged_settings_touch_nothing_and_pg_hba_only_reloads(tmp_path):
    done, calls = leave_running(tmp_path, changed=0, port_changed=0, hba=0)
    assert (done.returncode, calls) == (0, []) and "STATE=already running\n" in done.stdout
    done, calls = leave_running(tmp_path, changed=0, port_changed=0, hba=1)
    assert calls == ["pg_ctlcluster 16 asn reload"]


def test_a_new_port_stops_start_with_the_command_rather_than_restarting(tmp_path):
    done, calls = leave_running(tmp_path, changed=1, port_changed=1, hba=0)
    assert done.returncode != 0
    assert "pg_ctlcluster 16 asn restart -m fast" in done.stderr
    assert not any("restart" in c for c in calls if c.startswith("pg_ctlcluster"))


def test_the_script_restarts_postgresql_nowhere():
    """Every pg_ctlcluster call in the script: none restarts (the command is only ever printed)."""
    calls = re.findall(r"^\s*(?:if !\s*)?pg_ctlcluster [^\n]*", SCRIPT.read_text(), re.M)
    assert calls and not [c for c in calls if " restart" in c], calls
