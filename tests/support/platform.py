"""A whole platform for end-to-end tests: the three services' web, relay and consumer processes,
started as subprocesses on free ports with the test run's databases, topics and keys; with
``portal=True`` also the web portal (services/portal), for the browser tests.

Each process is what the Procfile runs; only the settings differ (ASN_* variables).
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from shared.config import REPO_ROOT, SERVICES, Settings
from shared.db import drop_database
from services.platform import definition as service_definition
from shared.topics import delete_topics

PORTAL_APP = "services.portal.app:create_app()"  # what gunicorn serves when portal=True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(settings: Settings, base: dict[str, str] | None = None) -> dict[str, str]:
    """The ASN_* variables that make a process use ``settings``, over ``base`` (os.environ)."""
    env = {**(os.environ if base is None else base),
           "ASN_PG_HOST": settings.pg_host, "ASN_PG_PORT": str(settings.pg_port),
           "ASN_PG_USER": settings.pg_user, "ASN_PG_PASSWORD": settings.pg_password,
           "ASN_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
           "ASN_DATABASE_PREFIX": settings.database_prefix,
           "ASN_TOPIC_PREFIX": settings.topic_prefix,
           "ASN_TOPIC_PARTITIONS": str(settings.topic_partitions),
           "ASN_TOPIC_REPLICATION": str(settings.topic_replication),
           "ASN_KAFKA_MIN_INSYNC": str(settings.min_insync),
           "ASN_JWT_PRIVATE_KEY_FILE": str(settings.jwt_private_key_file),
           "ASN_JWT_PUBLIC_KEY_FILE": str(settings.jwt_public_key_file)}
    env.update({f"ASN_{s.upper()}_URL": url for s, url in settings.service_urls.items()})
    return env


class Platform:
    """Set up, start, and at the end stop and remove, one isolated platform."""

    def __init__(self, settings: Settings, workdir: Path, web_workers: int = 1,
                 portal: bool = False, portal_app: str = PORTAL_APP,
                 base_env: dict[str, str] | None = None) -> None:
        self.settings = settings.with_(
            jwt_private_key_file=workdir / "private.pem", jwt_public_key_file=workdir / "public.pem",
            service_urls={s: f"http://127.0.0.1:{free_port()}" for s in SERVICES})
        self.workdir, self.web_workers = workdir, web_workers
        self.env = environment(self.settings, base_env)
        self.portal_url = f"http://127.0.0.1:{free_port()}" if portal else None
        self.portal_app = portal_app
        self.processes: dict[str, subprocess.Popen] = {}
        self.commands: dict[str, tuple[tuple[str, ...], dict[str, str] | None]] = {}

    def setup(self) -> None:
        """The services' databases and topics; the portal's session database when it runs."""
        commands = [["tools.cli", "setup"]] + ([["services.portal", "setup"]]
                                                if self.portal_url else [])
        for command in commands:
            result = subprocess.run([sys.executable, "-m", *command], env=self.env,
                                    cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stderr

    def start(self, timeout: float = 60) -> None:
        """Every service's web, relay and consumer (training and feedback consume); /ready waited."""
        for service in SERVICES:
            port = self.settings.service_urls[service].rsplit(":", 1)[1]
            self._spawn(f"{service}-web", "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                        "--workers", str(self.web_workers), "--no-control-socket",
                        f"services.{service}.app:create_app()")
            self._spawn(f"{service}-relay", "-m", f"services.{service}", "relay")
            if service_definition(service).consumed_topics(self.settings):
                self._spawn(f"{service}-consumer", "-m", f"services.{service}", "consume")
        deadline = time.monotonic() + timeout
        for service, url in self.settings.service_urls.items():
            self._wait(service, f"{url}/ready", deadline)
        if self.portal_url:
            self._start_portal(deadline)

    def _start_portal(self, deadline: float) -> None:
        """The portal's gunicorn, once the services it calls are ready; its /health waited."""
        env = {**self.env, "ASN_PORTAL_DEV_LOGIN": "1", "ASN_PORTAL_URL": self.portal_url,
               "ASN_PORTAL_SECRET_KEY": secrets.token_hex(32)}
        bind = self.portal_url.removeprefix("http://")
        self._spawn("portal-web", "-m", "gunicorn", "--bind", bind, "--workers", "2",
                    "--worker-class", "gthread", "--threads", "8",  # as the Procfile runs it
                    "--no-control-socket", self.portal_app, env=env)
        self._wait("portal", f"{self.portal_url}/health", deadline)

    def _wait(self, name: str, url: str, deadline: float) -> None:
        while not _ready(url):
            dead = [n for n, p in self.processes.items() if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready; exited: {dead}\n{self.logs()}")
            time.sleep(0.2)

    def _spawn(self, name: str, *args: str, env: dict[str, str] | None = None,
               mode: str = "wb") -> None:
        self.commands[name] = (args, env)
        log = open(self.workdir / f"{name}.log", mode)
        # PostgreSQL's pg_stat_activity names each connection's process (bench/agency_cpu.py)
        env = {**(env or self.env), "PGAPPNAME": name}
        self.processes[name] = subprocess.Popen([sys.executable, *args], env=env,
                                                cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.close()

    def kill(self, name: str, sig: int = signal.SIGKILL) -> int:
        """Send ``sig`` to one process (e.g. ``assessment-web``, ``feedback-consumer``) and reap
        it; its pid. What a crash or the OOM killer does; ``restart`` is what a supervisor does."""
        process = self.processes[name]
        process.send_signal(sig)
        process.wait(30)
        return process.pid

    def restart(self, name: str) -> None:
        """Start a process that has exited again, with the same command; its log goes on."""
        if self.processes[name].poll() is None:
            raise RuntimeError(f"{name} is still running")
        args, env = self.commands[name]
        self._spawn(name, *args, env=env, mode="ab")

    def workers(self, name: str) -> list[int]:
        """The pids of a gunicorn master's workers (its child processes)."""
        pid = self.processes[name].pid
        found = []
        for path in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                found += [int(c) for c in path.read_text().split()]
            except OSError:
                pass
        return found

    def logs(self, lines: int = 20, worst: bool = False) -> str:
        """The last ``lines`` of each process's log; with ``worst``, of its lines at WARNING or
        above, the Kafka client's group joins and assignments, and those that are not JSON
        (tracebacks, gunicorn's own), the Kafka client's connection noise left out: short enough
        to survive a CI log cut to its head."""
        def kept(line: str) -> bool:
            if not worst or not line.startswith("{"):
                return True
            return '"logger": "kafka.coordinator' in line or (
                '"logger": "kafka.net' not in line and any(
                    f'"level": "{level}"' in line for level in ("WARNING", "ERROR", "CRITICAL")))
        return "\n".join(f"--- {p.stem}\n" + "\n".join(
            [line[:300] for line in p.read_text(errors="replace").splitlines() if kept(line)][-lines:])
            for p in sorted(self.workdir.glob("*.log")))

    def stop(self) -> None:
        """SIGTERM every process, then SIGKILL what has not exited after 15 s."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def remove(self) -> None:
        """Drop the platform's databases and topics."""
        topics = [t for s in SERVICES for t in service_definition(s).topics(self.settings)]
        for service in (*SERVICES, *(("portal",) if self.portal_url else ())):
            drop_database(self.settings.server_url(), self.settings.database_name(service))
        delete_topics(self.settings.kafka_bootstrap, topics)


@contextmanager
def running_platform(settings: Settings, workdir: Path, **options):
    """A platform with names of its own, set up and started; stopped and removed at the end."""
    unique = uuid.uuid4().hex[:8]
    platform = Platform(settings.with_(database_prefix=f"asntest_{unique}_",
                                       topic_prefix=f"test.{unique}."), workdir, **options)
    platform.setup()
    try:
        platform.start()
        yield platform
    finally:
        platform.stop()
        platform.remove()


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
