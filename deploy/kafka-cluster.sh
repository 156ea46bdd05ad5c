# Sourced by deploy/infra.sh (which defines REPO, die, say, elapsed, proc_alive, port_open,
# kafka_java, kafka_launch, KAFKA_LIBS, VENV_PY): a local 3-broker Apache Kafka cluster (KRaft),
# the deploy option ASN_KAFKA_BROKERS=3. Every node is a broker and a controller, on its own ports,
# with its own data and logs in .local/kafka-cluster/node<N>/ (data/, logs/, server.properties,
# kafka.pid). It runs beside the single broker (9092), which it never touches.
#
#   deploy/infra.sh start|stop|status cluster   (make cluster, make cluster-down)
#   ASN_KAFKA_BROKERS=3 deploy/infra.sh start   PostgreSQL and the cluster instead of the single broker
#
# "start" starts the nodes that are not running (a node killed by a test comes back) and waits
# until every broker is registered with the controllers and answers.
# Settings (environment, with defaults):
#   ASN_KAFKA_BROKERS=3 (nodes; 3 when asked for by "cluster")
#   ASN_KAFKA_CLUSTER_PORT=19092  (node N listens on 19092+N-1)
#   ASN_KAFKA_CLUSTER_CONTROLLER_PORT=19192  (node N's controller on 19192+N-1)
#   ASN_KAFKA_CLUSTER_HEAP="-Xms128m -Xmx512m"  (each node)

CLUSTER_HOME="$REPO/.local/kafka-cluster"
CLUSTER_TEMPLATE="$REPO/deploy/kafka/cluster.properties"
CLUSTER_PORT="${ASN_KAFKA_CLUSTER_PORT:-19092}"
CLUSTER_CONTROLLER_PORT="${ASN_KAFKA_CLUSTER_CONTROLLER_PORT:-19192}"
CLUSTER_HEAP="${ASN_KAFKA_CLUSTER_HEAP:--Xms128m -Xmx512m}"
CLUSTER_START_TIMEOUT=120
# All nodes get SIGTERM at once; the last ones may wait in vain for a controller quorum to confirm
# their controlled shutdown, so they get SIGKILL sooner than the single broker (their logs are
# written; a killed node recovers its last segment at its next start).
CLUSTER_STOP_TIMEOUT=15

cluster_size() {
    local n="${ASN_KAFKA_BROKERS:-3}"
    [[ "$n" != 1 ]] || n=3   # "cluster" asked for by name while the platform uses the single broker
    [[ "$n" =~ ^[0-9]+$ ]] && (( n >= 3 )) \
        || die "ASN_KAFKA_BROKERS=$n: the cluster needs 3 or more nodes (1 is the single broker)"
    echo "$n"
}
cluster_port() { echo $((CLUSTER_PORT + $1 - 1)); }
cluster_controller_port() { echo $((CLUSTER_CONTROLLER_PORT + $1 - 1)); }
cluster_dir() { echo "$CLUSTER_HOME/node$1"; }

# host:port,host:port,... of every node: what ASN_KAFKA_BOOTSTRAP is with ASN_KAFKA_BROKERS=3.
cluster_bootstrap() {
    local n i out=""
    n="$(cluster_size)"
    for ((i = 1; i <= n; i++)); do out+="${out:+,}127.0.0.1:$(cluster_port "$i")"; done
    echo "$out"
}

# PID of node $1 if its pidfile names a live kafka.Kafka process, else nothing.
cluster_node_pid() {
    local file pid cmdline
    file="$(cluster_dir "$1")/kafka.pid"
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] && proc_alive "$pid" || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *" kafka.Kafka "* ]] || return 1
    echo "$pid"
}

cluster_render_config() {   # node
    local node="$1" n i voters="" line out="" dir
    n="$(cluster_size)"
    dir="$(cluster_dir "$node")"
    for ((i = 1; i <= n; i++)); do voters+="${voters:+,}$i@127.0.0.1:$(cluster_controller_port "$i")"; done
    [[ -f "$CLUSTER_TEMPLATE" ]] || die "missing $CLUSTER_TEMPLATE"
    while IFS= read -r line || [[ -n "$line" ]]; do
        line="${line//@NODE_ID@/"$node"}"
        line="${line//@VOTERS@/"$voters"}"
        line="${line//@KAFKA_PORT@/"$(cluster_port "$node")"}"
        line="${line//@CONTROLLER_PORT@/"$(cluster_controller_port "$node")"}"
        line="${line//@DATA_DIR@/"$dir/data"}"
        out+="$line"$'\n'
    done <"$CLUSTER_TEMPLATE"
    printf '%s' "$out" >"$dir/server.properties.tmp"
    mv "$dir/server.properties.tmp" "$dir/server.properties"
}

# Format every node's storage with one cluster id, once (the id is kept in .local/kafka-cluster).
cluster_format() {
    local n i dir id_file="$CLUSTER_HOME/cluster.id" cluster_id
    n="$(cluster_size)"
    if [[ ! -s "$id_file" ]]; then
        cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$CLUSTER_HOME/format.log" | tail -n1)"
        [[ -n "$cluster_id" ]] || die "kafka.tools.StorageTool random-uuid failed (see $CLUSTER_HOME/format.log)"
        echo "$cluster_id" >"$id_file"
    fi
    cluster_id="$(cat "$id_file")"
    for ((i = 1; i <= n; i++)); do
        dir="$(cluster_dir "$i")"
        [[ -f "$dir/data/meta.properties" ]] && continue
        say "formatting node $i's storage in .local/kafka-cluster/node$i/data (cluster id $cluster_id)"
        kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
            >>"$CLUSTER_HOME/format.log" 2>&1 \
            || { tail -n 20 "$CLUSTER_HOME/format.log" >&2; die "kafka.tools.StorageTool format of node $i failed"; }
    done
}

# Wait until every one of the $1 brokers is registered, and each node started now (ids and pids
# in $2...: "id:pid") answers on its own port, or fail when one of those exits.
cluster_wait() {
    local n="$1"; shift
    [[ -x "$VENV_PY" ]] || return 0   # no venv yet: the open ports have to do
    "$VENV_PY" - "$CLUSTER_PORT" "$n" "$(( $(date +%s) + CLUSTER_START_TIMEOUT ))" "$@" <<'PY'
import logging, sys, time
logging.disable(logging.CRITICAL)
from kafka import KafkaAdminClient
first, n, deadline = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
started = dict(item.split(":") for item in sys.argv[4:])   # node id -> pid
everyone = ",".join(f"127.0.0.1:{first + i}" for i in range(n))

def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(") ", 1)[1][:1] != "Z"
    except OSError:
        return False

def brokers(bootstrap):
    """The ids of the registered, unfenced brokers, as the node(s) at ``bootstrap`` know them."""
    # kafka-python waits 30 s for a first broker by default: ask again sooner.
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="asn-infra-check",
                             request_timeout_ms=5000, bootstrap_timeout_ms=1000)
    try:
        return {b["broker_id"] for b in admin.describe_cluster()["brokers"]}
    finally:
        admin.close()
wanted, seen = set(range(1, n + 1)), set()
while True:
    try:
        seen = brokers(everyone)
        if seen == wanted and all(int(node) in brokers(f"127.0.0.1:{first + int(node) - 1}")
                                  for node in started):
            sys.exit(0)
    except Exception:
        pass
    dead = [f"node {node} (pid {pid})" for node, pid in started.items() if not alive(int(pid))]
    if dead:
        print(f"{', '.join(dead)} exited", file=sys.stderr)
        sys.exit(2)
    if time.time() >= deadline:
        print(f"brokers {sorted(seen)} of {sorted(wanted)} registered", file=sys.stderr)
        sys.exit(1)
    time.sleep(0.3)
PY
}

cluster_start() {
    command -v java >/dev/null 2>&1 || die "java not found: run deploy/install.sh"
    [[ -f "$KAFKA_LIBS/.complete" ]] || die "Kafka jars missing in $KAFKA_LIBS: run deploy/install.sh"
    local n i port dir t0 started=() nodes=()
    n="$(cluster_size)"
    t0="$(date +%s.%N)"
    for ((i = 1; i <= n; i++)); do
        dir="$(cluster_dir "$i")"
        mkdir -p "$dir/data" "$dir/logs"
        if cluster_node_pid "$i" >/dev/null; then continue; fi
        for port in "$(cluster_port "$i")" "$(cluster_controller_port "$i")"; do
            port_open "$port" && die "port 127.0.0.1:$port (node $i of the cluster) is taken by another process"
        done
        cluster_render_config "$i"
        nodes+=("$i")
    done
    if (( ${#nodes[@]} == 0 )); then
        say "Kafka cluster already running: $n brokers on $(cluster_bootstrap)"
        return 0
    fi
    cluster_format
    printf '==> starting Kafka cluster node(s) %s of %s on %s ... ' "${nodes[*]}" "$n" "$(cluster_bootstrap)"
    for i in "${nodes[@]}"; do   # all at once: a controller waits for a quorum of its voters
        dir="$(cluster_dir "$i")"
        kafka_launch "$dir/server.properties" "$dir/logs" "$CLUSTER_HEAP"
        echo "$KAFKA_LAUNCHED" >"$dir/kafka.pid"
        started+=("$i:$KAFKA_LAUNCHED")
    done
    local rc=0 why
    why="$(cluster_wait "$n" "${started[@]}" 2>&1)" || rc=$?
    if (( rc != 0 )); then
        echo "FAILED"
        for i in "${nodes[@]}"; do
            echo "---- tail of $(cluster_dir "$i")/logs/server.log" >&2
            tail -n 15 "$(cluster_dir "$i")/logs/server.log" >&2 2>/dev/null || true
        done
        die "the Kafka cluster did not come up within ${CLUSTER_START_TIMEOUT} s: $why"
    fi
    echo "up ($(elapsed "$t0") s; node:pid ${started[*]})"
    local rf=$(( n < 3 ? n : 3 ))
    say "the platform uses it with ASN_KAFKA_BROKERS=$n: bootstrap $(cluster_bootstrap), topics replicated $rf times, min.insync.replicas $((rf - 1))"
}

cluster_stop() {
    local n i pid t0
    n="$(cluster_size)"
    t0="$(date +%s.%N)"
    local pids=()
    for ((i = 1; i <= n; i++)); do
        if pid="$(cluster_node_pid "$i")"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    if (( ${#pids[@]} == 0 )); then
        say "Kafka cluster is not running"
        return 0
    fi
    printf '==> stopping Kafka cluster (pids %s) ... ' "${pids[*]}"
    local deadline=$((SECONDS + CLUSTER_STOP_TIMEOUT)) killed=""
    for pid in "${pids[@]}"; do
        while proc_alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
        if proc_alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            killed+=" $pid"
        fi
    done
    for pid in "${pids[@]}"; do
        local until=$((SECONDS + 10))
        while proc_alive "$pid" && (( SECONDS < until )); do sleep 0.1; done
        proc_alive "$pid" && die "Kafka node (pid $pid) survived SIGKILL"
    done
    for ((i = 1; i <= n; i++)); do rm -f "$(cluster_dir "$i")/kafka.pid"; done
    echo "stopped ($(elapsed "$t0") s${killed:+, killed after ${CLUSTER_STOP_TIMEOUT} s:$killed})"
}

cluster_status() {
    local n i pid state note
    n="$(cluster_size)"
    for ((i = 1; i <= n; i++)); do
        state="down" note=""
        if pid="$(cluster_node_pid "$i")"; then
            note="  (pid $pid)"
            port_open "$(cluster_port "$i")" && state="up" || note="  (pid $pid alive, port closed: starting or stuck)"
        fi
        printf 'Kafka node %-4s %s  127.0.0.1:%s%s\n' "$i" "$state" "$(cluster_port "$i")" "$note"
    done
}
