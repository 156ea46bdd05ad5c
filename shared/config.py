"""Settings read from the environment, with defaults that match deploy/infra.sh on one machine."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL_DIR = REPO_ROOT / ".local"
SERVICES = ("assessment", "feedback", "training")
# The largest Kafka record (value, key and headers, as the producer counts it) the platform writes:
# well under the producer's max_request_size and the broker's message.max.bytes (both 1 MiB by
# default), so an event the store accepted can always be published, and a dead letter always fits.
DEFAULT_MAX_EVENT_BYTES = 768 * 1024
DEFAULT_SERVICE_URLS = {"assessment": "http://127.0.0.1:8001", "feedback": "http://127.0.0.1:8002",
                        "training": "http://127.0.0.1:8003"}


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _at_least_0(name: str, default: int) -> int:
    value = int(_env(name, str(default)))
    if value < 0:
        raise ValueError(f"{name} must be at least 0")
    return value


def _data_files() -> dict[str, str]:
    """Every ASN_<NAME>_FILE variable set, as {"<name>": path} (ASN_JOB_LEVELS_FILE: "job_levels")."""
    return {name[4:-5].lower(): value for name, value in os.environ.items()
            if name.startswith("ASN_") and name.endswith("_FILE") and value}


def cluster_bootstrap(brokers: int) -> str:
    """The nodes of the local Kafka cluster (deploy/kafka-cluster.sh): 127.0.0.1:19092, :19093 ..."""
    first = int(_env("ASN_KAFKA_CLUSTER_PORT", "19092"))
    return ",".join(f"127.0.0.1:{first + i}" for i in range(brokers))


def _kafka_env(d: "Settings") -> dict:
    """ASN_KAFKA_BROKERS=3 means the local cluster: its bootstrap, topics replicated 3 times and
    min.insync.replicas 2, unless ASN_KAFKA_BOOTSTRAP, ASN_TOPIC_REPLICATION or
    ASN_KAFKA_MIN_INSYNC say otherwise."""
    brokers = int(_env("ASN_KAFKA_BROKERS", "1"))
    bootstrap = d.kafka_bootstrap if brokers == 1 else cluster_bootstrap(brokers)
    min_insync = os.environ.get("ASN_KAFKA_MIN_INSYNC")
    return dict(kafka_brokers=brokers, kafka_bootstrap=_env("ASN_KAFKA_BOOTSTRAP", bootstrap),
                topic_replication=int(_env("ASN_TOPIC_REPLICATION", str(min(brokers, 3)))),
                topic_min_insync=int(min_insync) if min_insync else None)


def max_event_bytes() -> int:
    """ASN_MAX_EVENT_BYTES, read when asked (the event store has no Settings handed to it)."""
    return int(_env("ASN_MAX_EVENT_BYTES", str(DEFAULT_MAX_EVENT_BYTES)))


COMPRESSIONS = ("none", "gzip", "lz4", "zstd")


@dataclass(frozen=True)
class ProducerTuning:
    """How the relays batch what they publish (measured in docs/benchmarks.md, "The HTTP path
    and the relay"). ``relay_batch``: events a relay reads, sends and has acknowledged before it
    moves its cursor; the rest are kafka-python's producer settings of the same names."""

    relay_batch: int = 2000           # ASN_RELAY_BATCH
    linger_ms: int = 5                # ASN_KAFKA_LINGER_MS
    batch_bytes: int = 256 * 1024     # ASN_KAFKA_BATCH_BYTES: kafka-python's batch_size
    compression: str = "none"         # ASN_KAFKA_COMPRESSION: none, gzip, lz4 or zstd

    def __post_init__(self) -> None:
        if self.compression not in COMPRESSIONS:
            raise ValueError(f"ASN_KAFKA_COMPRESSION must be one of {', '.join(COMPRESSIONS)}")
        if min(self.relay_batch, self.batch_bytes) < 1 or self.linger_ms < 0:
            raise ValueError("ASN_RELAY_BATCH and ASN_KAFKA_BATCH_BYTES must be positive, "
                             "ASN_KAFKA_LINGER_MS at least 0")

    @classmethod
    def from_env(cls) -> "ProducerTuning":
        """Read ASN_RELAY_BATCH, ASN_KAFKA_LINGER_MS, ASN_KAFKA_BATCH_BYTES, ASN_KAFKA_COMPRESSION."""
        d = cls()
        return cls(relay_batch=int(_env("ASN_RELAY_BATCH", str(d.relay_batch))),
                   linger_ms=int(_env("ASN_KAFKA_LINGER_MS", str(d.linger_ms))),
                   batch_bytes=int(_env("ASN_KAFKA_BATCH_BYTES", str(d.batch_bytes))),
                   compression=_env("ASN_KAFKA_COMPRESSION", d.compression).lower())

    def producer_config(self) -> dict:
        """The kafka-python KafkaProducer arguments these settings stand for."""
        return {"linger_ms": self.linger_ms, "batch_size": self.batch_bytes,
                "compression_type": None if self.compression == "none" else self.compression}


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to reach PostgreSQL, Kafka and its keys."""

    pg_host: str = "127.0.0.1"
    pg_port: int = 5433
    pg_user: str = "asn"
    pg_password: str = "asn"
    database_prefix: str = "asn_"
    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_brokers: int = 1             # 3: the local cluster of deploy/kafka-cluster.sh
    topic_prefix: str = ""
    topic_partitions: int = 6
    topic_replication: int = 1
    # Copies an acks=all write waits for; None: one fewer than the replication factor (at least 1).
    topic_min_insync: int | None = None
    jwt_public_key_file: Path = LOCAL_DIR / "keys" / "dev-jwt-public.pem"
    jwt_private_key_file: Path = LOCAL_DIR / "keys" / "dev-jwt-private.pem"
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_algorithms: tuple[str, ...] = ("RS256",)
    # The identity provider's keys (JWKS); unset: the PEM key file above (development).
    jwt_jwks_url: str | None = None
    jwt_jwks_cooldown: float = 10.0    # seconds between refetches for an unknown key id
    jwt_nip_claim: str = "sub"         # dotted paths reach into objects: realm_access.roles
    jwt_roles_claim: str = "roles"
    # Development only (SSO=keycloak): the demo and `asn token` ask the IdP by password grant.
    dev_token_url: str | None = None
    dev_client_id: str = "asn-test"
    dev_password: str = "asn-demo"
    database_urls: dict[str, str] = field(default_factory=dict)
    # Where each service's web API answers (the demo and the operator command line call them).
    service_urls: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SERVICE_URLS))
    # Where a relay or consumer serves /metrics (web processes serve it on their HTTP port).
    metrics_port: int | None = None
    max_event_bytes: int = DEFAULT_MAX_EVENT_BYTES
    # The agency's time zone: its "today" decides what lies in the future (shared/clock.py).
    timezone: str = "Asia/Jakarta"
    # Files of agency rules and texts a service reads once at start, by key ("training_rules" from
    # ASN_TRAINING_RULES_FILE, "job_levels" from ASN_JOB_LEVELS_FILE ...); a key not given means
    # the file bundled with the service (data_file's default).
    data_files: dict[str, str] = field(default_factory=dict)
    producer: ProducerTuning = field(default_factory=ProducerTuning)
    # How long a live consumer's fetch may wait for records to gather (shared/clients.py); 0:
    # answer with the first record.
    consumer_gather_ms: int = 200

    @classmethod
    def from_env(cls) -> "Settings":
        """Read ASN_* variables; anything unset keeps the local default."""
        d = cls()
        urls = {s: os.environ[f"ASN_{s.upper()}_DATABASE_URL"]
                for s in SERVICES if f"ASN_{s.upper()}_DATABASE_URL" in os.environ}
        return cls(
            pg_host=_env("ASN_PG_HOST", d.pg_host),
            pg_port=int(_env("ASN_PG_PORT", str(d.pg_port))),
            pg_user=_env("ASN_PG_USER", d.pg_user),
            pg_password=_env("ASN_PG_PASSWORD", d.pg_password),
            database_prefix=_env("ASN_DATABASE_PREFIX", d.database_prefix),
            **_kafka_env(d),
            topic_prefix=_env("ASN_TOPIC_PREFIX", d.topic_prefix),
            topic_partitions=int(_env("ASN_TOPIC_PARTITIONS", str(d.topic_partitions))),
            jwt_public_key_file=Path(_env("ASN_JWT_PUBLIC_KEY_FILE", str(d.jwt_public_key_file))),
            jwt_private_key_file=Path(_env("ASN_JWT_PRIVATE_KEY_FILE", str(d.jwt_private_key_file))),
            jwt_issuer=os.environ.get("ASN_JWT_ISSUER") or None,
            jwt_audience=os.environ.get("ASN_JWT_AUDIENCE") or None,
            jwt_algorithms=tuple(_env("ASN_JWT_ALGORITHMS", "RS256").split(",")),
            jwt_jwks_url=os.environ.get("ASN_JWT_JWKS_URL") or None,
            jwt_jwks_cooldown=float(_env("ASN_JWT_JWKS_COOLDOWN", str(d.jwt_jwks_cooldown))),
            jwt_nip_claim=_env("ASN_JWT_NIP_CLAIM", d.jwt_nip_claim) or d.jwt_nip_claim,
            jwt_roles_claim=_env("ASN_JWT_ROLES_CLAIM", d.jwt_roles_claim) or d.jwt_roles_claim,
            dev_token_url=os.environ.get("ASN_DEV_TOKEN_URL") or None,
            dev_client_id=_env("ASN_DEV_CLIENT_ID", d.dev_client_id),
            dev_password=_env("ASN_DEV_PASSWORD", d.dev_password),
            database_urls=urls,
            service_urls={s: os.environ.get(f"ASN_{s.upper()}_URL", DEFAULT_SERVICE_URLS[s])
                          for s in SERVICES},
            metrics_port=int(os.environ["ASN_METRICS_PORT"]) if os.environ.get("ASN_METRICS_PORT")
            else None,
            max_event_bytes=max_event_bytes(),
            timezone=_env("ASN_TIMEZONE", d.timezone),
            data_files=_data_files(),
            producer=ProducerTuning.from_env(),
            consumer_gather_ms=_at_least_0("ASN_CONSUMER_GATHER_MS", d.consumer_gather_ms),
        )

    @property
    def min_insync(self) -> int:
        """min.insync.replicas of the platform's topics: ASN_KAFKA_MIN_INSYNC, else one fewer than
        the replication factor (2 of 3: a broker may be lost without refusing a write)."""
        return self.topic_min_insync or max(self.topic_replication - 1, 1)

    def data_file(self, key: str, default: Path) -> Path:
        """The agency's file for ``key`` (see ``data_files``), else the bundled ``default``."""
        return Path(self.data_files.get(key) or default)

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (tests use it for unique names)."""
        return replace(self, **changes)

    def database_name(self, service: str) -> str:
        """The name of the service's own database: the deployment's prefix and the service's."""
        return f"{self.database_prefix}{service}"

    def database_url(self, service: str) -> str:
        """The service's own database; ASN_<SERVICE>_DATABASE_URL overrides the parts."""
        if service in self.database_urls:
            return self.database_urls[service]
        return self.server_url(self.database_name(service))

    def server_url(self, dbname: str = "postgres") -> str:
        """The URL of database ``dbname`` on the configured PostgreSQL server."""
        return (f"postgresql://{self.pg_user}:{self.pg_password}"
                f"@{self.pg_host}:{self.pg_port}/{dbname}")

    def topic(self, name: str) -> str:
        """A topic name with the deployment's prefix (empty by default)."""
        return f"{self.topic_prefix}{name}"
