"""The operator CLI's offline commands, and the deployment files that cannot be run here."""
from __future__ import annotations

import re

import yaml

from shared.auth import TokenVerifier, ensure_dev_keys
from tools.cli.main import main as asn
from shared.config import REPO_ROOT, SERVICES
from services.platform import definition as service_definition

NIP = "197501012000031002"


def test_token_mints_what_the_verifier_accepts(tmp_path, monkeypatch, capsys):
    private, public = tmp_path / "k.pem", tmp_path / "k.pub"
    ensure_dev_keys(private, public)
    monkeypatch.setenv("ASN_JWT_PRIVATE_KEY_FILE", str(private))
    assert asn(["token", NIP, "--role", "hr_admin", "--role", "auditor"]) == 0
    principal = TokenVerifier(public.read_bytes()).verify(capsys.readouterr().out.strip())
    assert principal.nip == NIP and principal.roles == {"hr_admin", "auditor"}
    assert asn(["token", NIP]) == 0  # no role named: a plain employee
    assert TokenVerifier(public.read_bytes()).verify(
        capsys.readouterr().out.strip()).roles == {"employee"}


def test_token_without_a_key_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASN_JWT_PRIVATE_KEY_FILE", str(tmp_path / "missing.pem"))
    assert asn(["token", NIP]) == 2
    assert "run `asn setup` first" in capsys.readouterr().err


def _compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]


def test_compose_runs_each_service_from_its_own_image_with_every_process_kind():
    compose = _compose()
    targets = re.findall(r"^FROM base AS (\w+)$", (REPO_ROOT / "Dockerfile").read_text(), re.M)
    assert sorted(targets) == sorted((*SERVICES, "portal"))
    expected = {"postgres", "kafka", "portal-setup", "portal-web"}
    for service in SERVICES:
        kinds = ["setup", "web", "relay"] + (["consumer"] if service_definition(service).consumes else [])
        expected |= {f"{service}-{kind}" for kind in kinds}
        assert compose[f"{service}-setup"]["build"] == {"context": ".", "target": service}
        for kind in kinds:
            assert compose[f"{service}-{kind}"]["image"] == f"asn-{service}:dev"
        assert compose[f"{service}-web"]["command"][-1] == f"services.{service}.app:create_app()"
    assert compose["portal-web"]["command"][-1] == "services.portal.app:create_app()"
    assert set(compose) == expected
    assert compose["kafka"]["image"].startswith("apache/kafka:")
    assert compose["postgres"]["image"].startswith("postgres:")


def test_procfile_runs_the_same_processes_as_compose():
    procfile = {line.split(":")[0] for line in (REPO_ROOT / "Procfile").read_text().splitlines()
                if line.strip()}
    assert procfile == {name for name in _compose()
                        if name not in ("postgres", "kafka") and not name.endswith("-setup")}


def test_every_process_exposes_metrics_the_same_way_in_both():
    """Web processes run with deploy/gunicorn.conf.py (metrics directory, JSON access log); each
    relay and consumer of the Procfile serves /metrics on a port of its own, in compose on 9100."""
    lines = dict(line.split(": ", 1) for line in (REPO_ROOT / "Procfile").read_text().splitlines()
                 if line.strip())
    compose = _compose()
    ports = []
    for name, command in lines.items():
        if name.endswith("-web"):
            assert "-c deploy/gunicorn.conf.py" in command
            assert compose[name]["command"][1:3] == ["-c", "deploy/gunicorn.conf.py"]
        else:
            ports.append(re.match(r"ASN_METRICS_PORT=(\d+) ", command).group(1))
            assert compose[name]["environment"]["ASN_METRICS_PORT"] == "9100"
    assert len(set(ports)) == len(ports)
    assert "PROMETHEUS_MULTIPROC_DIR" not in compose["assessment-web"]["environment"]
