#!/usr/bin/env bash
# Run the local infrastructure without Docker: a dedicated PostgreSQL cluster
# ("asn", Debian's postgresql-common), a single-node Apache Kafka (KRaft) and, when asked,
# a development Keycloak (the identity provider, realm "asn" from deploy/keycloak/realm-asn.json).
#
#   deploy/infra.sh start    start both (idempotent: a running one is left alone, even when its
#                            settings changed: it says which need a restart, and the command);
#                            with ASN_KEYCLOAK=1 Keycloak too
#   deploy/infra.sh stop     stop all that run
#   deploy/infra.sh status   one line each
#   deploy/infra.sh start|stop|status keycloak   Keycloak alone
#   deploy/infra.sh start|stop|status cluster    the local 3-broker Kafka cluster alone
#                            (deploy/kafka-cluster.sh; ASN_KAFKA_BROKERS=3 makes start, stop and
#                            status use it instead of the single broker)
#
# Settings (environment, with defaults):
#   ASN_PG_PORT=5433  ASN_PG_USER=asn  ASN_PG_PASSWORD=asn
#   ASN_KAFKA_PORT=9092  ASN_KAFKA_CONTROLLER_PORT=9093
#   ASN_KAFKA_HEAP="-Xms256m -Xmx768m"
#   ASN_KEYCLOAK_PORT=8080  ASN_KEYCLOAK_MANAGEMENT_PORT=9000  ASN_KEYCLOAK_HEAP="-Xms64m -Xmx512m"
#   KC_BOOTSTRAP_ADMIN_USERNAME=admin  KC_BOOTSTRAP_ADMIN_PASSWORD=admin  (development admin)
# Needs `deploy/install.sh` (`deploy/install.sh keycloak` for Keycloak) to have run.
# All listen on 127.0.0.1 only.
# Kafka's files live in .local/kafka (libs/, data/, logs/, server.properties, kafka.pid).
set -euo pipefail
# pg_ctlcluster, runuser and friends live in sbin, which a minimal PATH (cron, CI) may lack.
export PATH="$PATH:/usr/sbin:/sbin"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PG_PORT="${ASN_PG_PORT:-5433}"
PG_USER="${ASN_PG_USER:-asn}"
PG_PASSWORD="${ASN_PG_PASSWORD:-asn}"
PG_CLUSTER=asn
KAFKA_PORT="${ASN_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${ASN_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${ASN_KAFKA_HEAP:--Xms256m -Xmx768m}"
KAFKA_START_TIMEOUT=90
KAFKA_STOP_TIMEOUT=30

KAFKA_HOME="$REPO/.local/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOGS="$KAFKA_HOME/logs"
KAFKA_CONF="$KAFKA_HOME/server.properties"
KAFKA_PIDFILE="$KAFKA_HOME/kafka.pid"
KAFKA_TEMPLATE="$REPO/deploy/kafka/server.properties"
KAFKA_LOG4J="$REPO/deploy/kafka/log4j2.xml"
VENV_PY="$REPO/.venv/bin/python"

die() { echo "infra.sh: error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# Seconds since $1 (a `date +%s.%N` value), one decimal.
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# True when process $1 exists and is not a zombie (an unreaped corpse counts as gone).
proc_alive() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"   # fields after "pid (comm) "; the first one is the state
    [[ "${stat:0:1}" != Z ]]
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ================================================================ PostgreSQL

# Major version of the asn cluster if it exists, else the newest installed server.
pg_version() {
    local d v=""
    for d in /etc/postgresql/*/"$PG_CLUSTER"; do
        [[ -f "$d/postgresql.conf" ]] && v="$(basename "$(dirname "$d")")"
    done
    if [[ -z "$v" ]]; then
        v="$(for d in /usr/lib/postgresql/*/bin/postgres; do
                 [[ -x "$d" ]] && basename "$(dirname "$(dirname "$d")")"
             done | sort -n | tail -n1)"
    fi
    [[ -n "$v" ]] || die "no PostgreSQL server under /usr/lib/postgresql: run deploy/install.sh"
    echo "$v"
}

pg_running() {
    local v="$1"
    pg_ctlcluster "$v" "$PG_CLUSTER" status >/dev/null 2>&1
}

pg_psql_admin() {   # psql as the postgres superuser over the cluster's Unix socket
    (cd / && exec runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
}

pg_start() {
    command -v pg_createcluster >/dev/null 2>&1 || die "pg_createcluster not found: run deploy/install.sh"
    local v conf_dir t0
    v="$(pg_version)"
    conf_dir="/etc/postgresql/$v/$PG_CLUSTER"

    if [[ ! -f "$conf_dir/postgresql.conf" ]]; then
        # pg_dropcluster leaves our conf.d behind; pg_createcluster wants the directory gone.
        [[ -d "$conf_dir" ]] && rm -rf "$conf_dir"
        say "creating PostgreSQL $v cluster '$PG_CLUSTER' on port $PG_PORT"
        pg_createcluster "$v" "$PG_CLUSTER" --port "$PG_PORT" --encoding UTF8 --locale C.UTF-8 >/dev/null
    fi
    # The socket directory is on tmpfs (/run) and may be gone after a reboot.
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql

    local restart=0 port_changed=0
    # Port: kept in postgresql.conf, where pg_lsclusters/pg_ctlcluster read it.
    if [[ "$(pg_conftool -s "$v" "$PG_CLUSTER" show port 2>/dev/null)" != "$PG_PORT" ]]; then
        pg_conftool "$v" "$PG_CLUSTER" set port "$PG_PORT"
        restart=1 port_changed=1
    fi
    # Dev/test tuning, in conf.d (Debian's postgresql.conf includes conf.d/*.conf).
    local tuning
    tuning="$(cat <<EOF
# Written by deploy/infra.sh (local development/test cluster); edits are overwritten.
listen_addresses = '127.0.0.1'
max_connections = 200
shared_buffers = 256MB
work_mem = 8MB
maintenance_work_mem = 64MB
effective_cache_size = 1GB
# Durable: a commit is on disk before the service replies (synchronous_commit stays on).
fsync = on
full_page_writes = on
max_wal_size = 1GB
checkpoint_timeout = 15min
# Loopback only: no TLS handshake on every connection.
ssl = off
password_encryption = scram-sha-256
timezone = 'UTC'
log_timezone = 'UTC'
EOF
)"
    mkdir -p "$conf_dir/conf.d"
    if [[ ! -f "$conf_dir/conf.d/asn-dev.conf" || "$(cat "$conf_dir/conf.d/asn-dev.conf")" != "$tuning" ]]; then
        printf '%s\n' "$tuning" >"$conf_dir/conf.d/asn-dev.conf"
        restart=1
    fi
    # Password (scram) logins over TCP from 127.0.0.1. Debian's default pg_hba.conf
    # has `host all all 127.0.0.1/32 scram-sha-256`; add a rule only if it lacks one.
    local hba="$conf_dir/pg_hba.conf" hba_reload=0
    if ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+scram-sha-256' "$hba" \
       && ! grep -q '# asn: local password login' "$hba"; then
        local tmp
        tmp="$(mktemp)"
        { echo "host all all 127.0.0.1/32 scram-sha-256   # asn: local password login (deploy/infra.sh)"; cat "$hba"; } >"$tmp"
        cat "$tmp" >"$hba"
        rm -f "$tmp"
        hba_reload=1
    fi

    PG_STATE="up" PG_ADVICE=""
    t0="$(date +%s.%N)"
    printf '==> starting PostgreSQL %s cluster %s on 127.0.0.1:%s ... ' "$v" "$PG_CLUSTER" "$PG_PORT"
    if pg_running "$v"; then
        pg_leave_running "$v" "$restart" "$port_changed" "$hba_reload"
    else
        if ! pg_ctlcluster "$v" "$PG_CLUSTER" start >/dev/null 2>&1; then
            echo "FAILED"
            tail -n 20 "/var/log/postgresql/postgresql-$v-$PG_CLUSTER.log" >&2 || true
            die "pg_ctlcluster $v $PG_CLUSTER start failed"
        fi
    fi
    local deadline=$((SECONDS + 30))
    until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
        if (( SECONDS >= deadline )); then
            echo "FAILED"
            tail -n 20 "/var/log/postgresql/postgresql-$v-$PG_CLUSTER.log" >&2 || true
            die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within 30 s"
        fi
        sleep 0.2
    done
    echo "$PG_STATE ($(elapsed "$t0") s)"
    [[ -z "$PG_ADVICE" ]] || say "$PG_ADVICE"

    # Application role: LOGIN, CREATEDB, password kept in sync with ASN_PG_PASSWORD.
    pg_psql_admin -v role="$PG_USER" -v pw="$PG_PASSWORD" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'pw') \gexec
SQL
    # Prove that a password login over TCP works, as the services will do it.
    if ! PGPASSWORD="$PG_PASSWORD" psql -X -q -w -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
            -tAc 'select 1' >/dev/null 2>&1; then
        die "password login as '$PG_USER' to 127.0.0.1:$PG_PORT fails: check $hba"
    fi
    say "PostgreSQL role '$PG_USER' ready: postgresql://$PG_USER:***@127.0.0.1:$PG_PORT/postgres"
}

# A running cluster is left alone by "start": a restart would cut every open connection of the
# services and tests using it. A reload (which cuts nothing) applies what it can; for settings
# that need a restart, PG_ADVICE says so and gives the command. Sets PG_STATE and PG_ADVICE.
pg_leave_running() {   # version, settings changed (0/1), port changed (0/1), pg_hba changed (0/1)
    local v="$1" changed="$2" port_changed="$3" hba_changed="$4" pending
    local command="pg_ctlcluster $v $PG_CLUSTER restart -m fast"
    PG_STATE="already running" PG_ADVICE=""
    if (( changed || hba_changed )); then
        pg_ctlcluster "$v" "$PG_CLUSTER" reload >/dev/null
    fi
    if (( port_changed )); then
        echo "left alone"
        die "the running cluster '$PG_CLUSTER' listens on another port than $PG_PORT (now written to its settings): restart it when nothing uses it: $command"
    fi
    if (( changed )); then
        pending="$(pg_psql_admin -tAc "SELECT string_agg(name, ', ') FROM pg_settings WHERE pending_restart" 2>/dev/null || true)"
        if [[ -n "$pending" ]]; then
            PG_STATE="already running, left alone (its settings changed)"
            PG_ADVICE="PostgreSQL needs a restart to apply: $pending. When nothing uses it (the restart ends every connection): $command"
        else
            PG_STATE="already running (changed settings reloaded)"
        fi
    fi
}

pg_stop() {
    local v
    if ! v="$(pg_version 2>/dev/null)" || [[ ! -f "/etc/postgresql/$v/$PG_CLUSTER/postgresql.conf" ]]; then
        say "PostgreSQL cluster '$PG_CLUSTER' does not exist; nothing to stop"
        return 0
    fi
    if pg_running "$v"; then
        printf '==> stopping PostgreSQL %s cluster %s ... ' "$v" "$PG_CLUSTER"
        pg_ctlcluster "$v" "$PG_CLUSTER" stop -m fast >/dev/null
        echo "stopped"
    else
        say "PostgreSQL cluster '$PG_CLUSTER' is not running"
    fi
}

pg_status() {
    local v state="down"
    if v="$(pg_version 2>/dev/null)" && [[ -f "/etc/postgresql/$v/$PG_CLUSTER/postgresql.conf" ]]; then
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && state="up"
        printf 'PostgreSQL %-4s %s  127.0.0.1:%s  (cluster %s/%s)\n' "$v" "$state" "$PG_PORT" "$v" "$PG_CLUSTER"
    else
        printf 'PostgreSQL      %s  127.0.0.1:%s  (cluster %s not created)\n' "$state" "$PG_PORT" "$PG_CLUSTER"
    fi
}

# ================================================================ Kafka

# PID of our broker if the pidfile names a live kafka.Kafka process, else nothing.
kafka_pid() {
    local pid
    [[ -f "$KAFKA_PIDFILE" ]] || return 1
    pid="$(cat "$KAFKA_PIDFILE" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    proc_alive "$pid" || return 1
    local cmdline
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *" kafka.Kafka "* ]] || return 1
    echo "$pid"
}

kafka_render_config() {
    [[ -f "$KAFKA_TEMPLATE" ]] || die "missing $KAFKA_TEMPLATE"
    local line out=""
    while IFS= read -r line || [[ -n "$line" ]]; do
        # Quoted replacements: no pattern/& surprises from paths (bash 5.2 patsub_replacement).
        line="${line//@KAFKA_PORT@/"$KAFKA_PORT"}"
        line="${line//@CONTROLLER_PORT@/"$KAFKA_CONTROLLER_PORT"}"
        line="${line//@DATA_DIR@/"$KAFKA_DATA"}"
        out+="$line"$'\n'
    done <"$KAFKA_TEMPLATE"
    printf '%s' "$out" >"$KAFKA_CONF.tmp"
    mv "$KAFKA_CONF.tmp" "$KAFKA_CONF"
}

kafka_java() {   # java with the Kafka classpath and our log4j2 config
    java -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$KAFKA_LOGS" \
         -cp "$KAFKA_LIBS/*" "$@"
}

# Ask the broker for its topic list with kafka-python (in .venv), retrying until $1 (epoch s).
kafka_answers() {
    local deadline="$1"
    [[ -x "$VENV_PY" ]] || return 0   # no venv yet: the open port has to do
    "$VENV_PY" - "127.0.0.1:$KAFKA_PORT" "$deadline" "${KAFKA_WATCH_PID:-0}" <<'PY' 2>/dev/null
import logging, sys, time
logging.disable(logging.CRITICAL)
try:
    from kafka import KafkaAdminClient
except ImportError:          # kafka-python not installed yet: the open port has to do
    sys.exit(0)
bootstrap, deadline, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])

def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(") ", 1)[1][:1] != "Z"
    except OSError:
        return False
while True:
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-infra-check",
                                 request_timeout_ms=5000)
        try:
            admin.list_topics()
        finally:
            admin.close()
        sys.exit(0)
    except Exception:
        if time.time() >= deadline:
            sys.exit(1)
        if pid and not alive(pid):
            sys.exit(2)
        time.sleep(0.3)
PY
}

KAFKA_LOG_OFFSET=0   # size of server.log before this start: show only what this start wrote

kafka_fail() {
    echo "FAILED"
    local log="$KAFKA_LOGS/server.log" size
    size="$(stat -c %s "$log" 2>/dev/null || echo 0)"
    if (( size > KAFKA_LOG_OFFSET )); then
        echo "---- tail of $log" >&2
        tail -c +"$((KAFKA_LOG_OFFSET + 1))" "$log" | tail -n 40 >&2 || true
    elif (( size < KAFKA_LOG_OFFSET )); then   # rolled over meanwhile
        echo "---- tail of $log" >&2
        tail -n 40 "$log" >&2 || true
    fi
    if [[ -s "$KAFKA_LOGS/stdout.log" ]]; then
        echo "---- tail of $KAFKA_LOGS/stdout.log" >&2
        tail -n 20 "$KAFKA_LOGS/stdout.log" >&2 || true
    fi
    die "$1"
}

# Start one Kafka node in the background, detached: config file, logs folder, heap options.
# Sets KAFKA_LAUNCHED to its pid (the single broker and every node of the cluster start so).
kafka_launch() {
    local conf="$1" logs="$2" heap="$3"
    # shellcheck disable=SC2086  # the heap holds several JVM options
    setsid nohup java $heap \
        -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
        -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$logs" \
        -cp "$KAFKA_LIBS/*" kafka.Kafka "$conf" \
        </dev/null >"$logs/stdout.log" 2>&1 &
    KAFKA_LAUNCHED=$!
}

kafka_start() {
    command -v java >/dev/null 2>&1 || die "java not found: run deploy/install.sh"
    [[ -f "$KAFKA_LIBS/.complete" ]] || die "Kafka jars missing in $KAFKA_LIBS: run deploy/install.sh"
    local pid
    if pid="$(kafka_pid)"; then
        say "Kafka already running on 127.0.0.1:$KAFKA_PORT (pid $pid)"
        return 0
    fi
    if port_open "$KAFKA_PORT"; then
        say "Kafka: 127.0.0.1:$KAFKA_PORT already answers (not started by this script); leaving it alone"
        return 0
    fi
    port_open "$KAFKA_CONTROLLER_PORT" \
        && die "port 127.0.0.1:$KAFKA_CONTROLLER_PORT (ASN_KAFKA_CONTROLLER_PORT) is taken by another process"

    mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
    kafka_render_config

    # Format the storage once (KRaft, single-node dynamic quorum).
    if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
        local cluster_id
        cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOGS/format.log" | tail -n1)"
        [[ -n "$cluster_id" ]] || die "kafka.tools.StorageTool random-uuid failed (see $KAFKA_LOGS/format.log)"
        say "formatting Kafka storage in .local/kafka/data (cluster id $cluster_id)"
        if ! kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_CONF" \
                >>"$KAFKA_LOGS/format.log" 2>&1; then
            tail -n 20 "$KAFKA_LOGS/format.log" >&2
            die "kafka.tools.StorageTool format failed"
        fi
    fi

    KAFKA_LOG_OFFSET="$(stat -c %s "$KAFKA_LOGS/server.log" 2>/dev/null || echo 0)"
    local t0
    t0="$(date +%s.%N)"
    printf '==> starting Kafka on 127.0.0.1:%s ... ' "$KAFKA_PORT"
    kafka_launch "$KAFKA_CONF" "$KAFKA_LOGS" "$KAFKA_HEAP"
    pid="$KAFKA_LAUNCHED"
    echo "$pid" >"$KAFKA_PIDFILE"

    local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
    until port_open "$KAFKA_PORT"; do
        proc_alive "$pid" || { rm -f "$KAFKA_PIDFILE"; kafka_fail "Kafka exited during start-up"; }
        (( SECONDS < deadline )) || kafka_fail "Kafka did not open 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT} s"
        sleep 0.2
    done
    local rc=0
    KAFKA_WATCH_PID="$pid" kafka_answers "$(( $(date +%s) + deadline - SECONDS ))" || rc=$?
    case "$rc" in
        0) ;;
        2) rm -f "$KAFKA_PIDFILE"; kafka_fail "Kafka exited during start-up" ;;
        *) kafka_fail "Kafka did not answer a metadata request within ${KAFKA_START_TIMEOUT} s" ;;
    esac
    echo "up ($(elapsed "$t0") s, pid $pid)"
}

kafka_stop() {
    local pid
    if ! pid="$(kafka_pid)"; then
        rm -f "$KAFKA_PIDFILE"
        if port_open "$KAFKA_PORT"; then
            say "Kafka on 127.0.0.1:$KAFKA_PORT was not started by this script (no live pidfile); not stopping it"
        else
            say "Kafka is not running"
        fi
        return 0
    fi
    local t0
    t0="$(date +%s.%N)"
    printf '==> stopping Kafka (pid %s) ... ' "$pid"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
    while proc_alive "$pid" && (( SECONDS < deadline )); do
        sleep 0.2
    done
    if proc_alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 10))
        while proc_alive "$pid" && (( SECONDS < deadline )); do sleep 0.1; done
        proc_alive "$pid" && die "Kafka (pid $pid) survived SIGKILL"
        echo "killed after ${KAFKA_STOP_TIMEOUT} s"
    else
        echo "stopped ($(elapsed "$t0") s)"
    fi
    rm -f "$KAFKA_PIDFILE"
}

kafka_status() {
    local pid state="down" note=""
    if pid="$(kafka_pid)"; then
        port_open "$KAFKA_PORT" && state="up" || note="  (pid $pid alive, port closed: starting or stuck)"
        [[ "$state" == up ]] && note="  (pid $pid)"
    elif port_open "$KAFKA_PORT"; then
        state="up"; note="  (not started by this script)"
    fi
    printf 'Kafka           %s  127.0.0.1:%s%s\n' "$state" "$KAFKA_PORT" "$note"
}

# ================================================================ Kafka cluster (optional)
# shellcheck source=kafka-cluster.sh
source "$REPO/deploy/kafka-cluster.sh"

# ================================================================ Keycloak (optional)
# shellcheck source=keycloak/keycloak.sh
source "$REPO/deploy/keycloak/keycloak.sh"

# ================================================================ main

# Sourced (by a test of its functions) rather than run: define them only.
[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0

# ASN_KAFKA_BROKERS=3 (or more): the cluster stands in for the single broker in start, stop and
# status; the single broker is left as it is.
if [[ "${ASN_KAFKA_BROKERS:-1}" == 1 ]]; then
    brokers_start() { kafka_start; }; brokers_stop() { kafka_stop; }; brokers_status() { kafka_status; }
else
    brokers_start() { cluster_start; }; brokers_stop() { cluster_stop; }; brokers_status() { cluster_status; }
fi

case "${1:-} ${2:-}" in
    "start keycloak")  keycloak_start ;;
    "stop keycloak")   keycloak_stop ;;
    "status keycloak") keycloak_status ;;
    "start cluster")   cluster_start ;;
    "stop cluster")    cluster_stop ;;
    "status cluster")  cluster_status ;;
    "start ")  pg_start; brokers_start; [[ "${ASN_KEYCLOAK:-0}" != 1 ]] || keycloak_start ;;
    "stop ")   keycloak_stop quiet; brokers_stop; pg_stop ;;
    "status ") pg_status; brokers_status; keycloak_status ;;
    *)      echo "usage: $0 start|stop|status [keycloak|cluster]" >&2; exit 2 ;;
esac
