"""The operator CLI's offline commands, and the deployment files that cannot be run here."""
from __future__ import annotations

import yaml

from shared.auth import TokenVerifier, ensure_dev_keys
from shared.cli import main as asn
from shared.config import REPO_ROOT, SERVICES
from shared.cli import service_definition

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


def test_compose_file_parses_and_runs_every_process_of_every_service():
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    names = set(compose["services"])
    expected = {"postgres", "kafka", "setup"}
    for service in SERVICES:
        expected |= {f"{service}-web", f"{service}-relay"}
        if service_definition(service).consumes:
            expected.add(f"{service}-consumer")
    assert names == expected
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:")
    assert compose["services"]["postgres"]["image"].startswith("postgres:")


def test_procfile_runs_the_same_processes_as_compose():
    procfile = {line.split(":")[0] for line in (REPO_ROOT / "Procfile").read_text().splitlines()
                if line.strip()}
    compose = set(yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"])
    assert procfile == compose - {"postgres", "kafka", "setup"}
