"""Throwaway infrastructure the chaos suite may kill: a PostgreSQL cluster and a single-node Kafka
(KRaft) broker, each in a temporary directory, on free ports, never the shared ones.

PostgreSQL: Debian's server binaries (/usr/lib/postgresql/<newest>/bin), ``initdb`` into the
directory (as the ``postgres`` user when run as root, as infra.sh runs the shared cluster), the same
development tuning as deploy/infra.sh, a superuser with a password for TCP logins.
Kafka: the jars deploy/install.sh put in .local/kafka/libs, deploy/kafka/server.properties rendered
with this broker's ports and data directory (the template infra.sh renders), the same JVM options.
"""
from __future__ import annotations

import base64
import glob
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from shared.config import LOCAL_DIR, REPO_ROOT

log = logging.getLogger(__name__)

KAFKA_LIBS = LOCAL_DIR / "kafka" / "libs"
KAFKA_TEMPLATE = REPO_ROOT / "deploy" / "kafka" / "server.properties"
KAFKA_LOG4J = REPO_ROOT / "deploy" / "kafka" / "log4j2.xml"
# What infra.sh passes to the shared broker's JVM (deploy/infra.sh kafka_start), smaller heap.
KAFKA_JVM = ["-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
             "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
             "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"]
KAFKA_HEAP = os.environ.get("ASN_CHAOS_KAFKA_HEAP", "-Xms128m -Xmx512m").split()
# The tuning deploy/infra.sh writes to the shared cluster's conf.d, for a small throwaway one.
PG_SETTINGS = {"listen_addresses": "'127.0.0.1'", "max_connections": "200",
               "shared_buffers": "128MB", "work_mem": "8MB", "fsync": "on",
               "full_page_writes": "on", "max_wal_size": "1GB", "ssl": "off",
               "password_encryption": "scram-sha-256", "timezone": "'UTC'",
               "log_timezone": "'UTC'", "logging_collector": "off"}
SHARED_PORTS = (5433, 9092, 9093)  # the project's shared PostgreSQL and Kafka: never ours


def free_port() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in SHARED_PORTS:
            return port


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return False


def wait_gone(pids, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while any(alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (Linux /proc)."""
    found = []
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            found += [int(c) for c in Path(path).read_text().split()]
        except OSError:
            pass
    return found


class Postgres:
    """A PostgreSQL cluster in ``root``/pgdata on a free port; superuser ``user``/``password``."""

    def __init__(self, root: Path, user: str = "asn", password: str = "asn") -> None:
        self.root, self.user, self.password = root, user, password
        self.data, self.logfile = root / "pgdata", root / "postgres.log"
        self.port = free_port()
        self.bin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                               key=lambda p: int(Path(p).parts[-3]))[-1]).parent
        self.as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root

    def _run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd="/")
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stderr[-2000:]}\n"
                               f"{self.log_tail()}")
        return result

    def create(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.as_postgres:
            owner = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
            for path in (self.root, pwfile):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", self.user, f"--pwfile={pwfile}",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-instructions")
        pwfile.unlink()
        settings = {**PG_SETTINGS, "port": str(self.port),
                    "unix_socket_directories": f"'{self.root}'"}
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# bench.chaos: a throwaway cluster\n")
            conf.writelines(f"{k} = {v}\n" for k, v in settings.items())

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "start")

    def restart_fast(self) -> None:
        """``pg_ctl restart -m fast``: every connection cut, the cluster back at once."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60",
                  "-m", "fast", "restart")

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill9(self) -> None:
        """SIGKILL the postmaster, then wait for its backends to notice and exit (a new postmaster
        refuses to start while they hold the old shared memory)."""
        pid = self.postmaster_pid()
        if pid is None or not alive(pid):
            raise RuntimeError("PostgreSQL is not running")
        backends = children(pid)
        os.kill(pid, signal.SIGKILL)
        if not wait_gone([pid, *backends], 30):
            for b in backends:
                if alive(b):
                    os.kill(b, signal.SIGKILL)
            wait_gone(backends, 10)
        # The corpse is reaped by init a moment later; till then the pid in postmaster.pid still
        # exists and a new postmaster would refuse to start. Wait for that, then clear the file.
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if not alive(pid):
            (self.data / "postmaster.pid").unlink(missing_ok=True)

    def stop(self) -> None:
        pid = self.postmaster_pid()
        if pid is not None and alive(pid):
            result = self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "30", "-m", "immediate",
                               "stop", check=False)
            if result.returncode != 0 and alive(pid):
                os.kill(pid, signal.SIGKILL)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Kafka:
    """A single-node KRaft broker in ``root`` on free ports, started as infra.sh starts the shared one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data, self.logs = root / "data", root / "logs"
        self.conf = root / "server.properties"
        self.port, self.controller_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _java(self, *args: str, jvm: list[str] = ()) -> list[str]:
        return ["java", *jvm, f"-Dlog4j2.configurationFile={KAFKA_LOG4J}",
                f"-Dkafka.logs.dir={self.logs}", "-cp", f"{KAFKA_LIBS}/*", *args]

    def create(self) -> None:
        if not (KAFKA_LIBS / ".complete").exists():
            raise RuntimeError(f"Kafka jars missing in {KAFKA_LIBS}: run deploy/install.sh")
        self.data.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        text = KAFKA_TEMPLATE.read_text()
        for placeholder, value in (("@KAFKA_PORT@", self.port),
                                   ("@CONTROLLER_PORT@", self.controller_port),
                                   ("@DATA_DIR@", self.data)):
            text = text.replace(placeholder, str(value))
        self.conf.write_text(text)
        cluster_id = "-"
        while cluster_id.startswith("-"):  # the tool would take it for an option
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        result = subprocess.run(self._java("kafka.tools.StorageTool", "format", "--standalone",
                                           "-t", cluster_id, "-c", str(self.conf)),
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"kafka StorageTool format failed: {result.stderr[-2000:]}")

    def start(self, timeout: float = 120) -> None:
        out = open(self.logs / "stdout.log", "ab")
        self.process = subprocess.Popen(self._java("kafka.Kafka", str(self.conf),
                                                   jvm=[*KAFKA_HEAP, *KAFKA_JVM]),
                                        stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"Kafka exited during start-up\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kafka did not answer within {timeout} s\n{self.log_tail()}")
            time.sleep(0.3)

    def _answers(self) -> bool:
        if not port_open(self.port):
            return False
        from kafka import KafkaAdminClient
        try:
            admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, client_id="chaos-infra",
                                     request_timeout_ms=5000)
        except Exception:  # noqa: BLE001 - not up yet
            return False
        try:
            admin.list_topics()
            return True
        except Exception:  # noqa: BLE001
            return False
        finally:
            admin.close()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process and self.process.poll() is None else None

    def kill9(self) -> None:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError("Kafka is not running")
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = (self.logs / "server.log").read_text(errors="replace")
        except OSError:
            text = ""
        return "\n".join(text.splitlines()[-lines:])


class Infrastructure:
    """Both servers in one temporary directory; ``close`` stops them and removes it."""

    def __init__(self, keep: bool = False) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="asn-chaos-"))
        os.chmod(self.root, 0o755)  # the postgres user must reach its directory inside
        self.keep = keep
        self.postgres = Postgres(self.root / "postgres")
        self.kafka = Kafka(self.root / "kafka")

    def start(self) -> "Infrastructure":
        try:
            self.postgres.create()
            self.postgres.start()
            self.kafka.create()
            self.kafka.start()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        for server in (self.kafka, self.postgres):
            try:
                server.stop()
            except Exception as exc:  # noqa: BLE001 - stop the other one anyway
                log.warning("could not stop %s: %s", type(server).__name__, exc)
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "Infrastructure":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
