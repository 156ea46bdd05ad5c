# Sourced by deploy/infra.sh (which defines REPO, die, say, elapsed, proc_alive, port_open):
# a development Keycloak (`kc.sh start-dev`, its own file database in .local/keycloak/dist/data)
# on 127.0.0.1, importing the realms of deploy/keycloak/realm-*.json the first time it starts.
# shellcheck source=java.sh
source "$REPO/deploy/keycloak/java.sh"

KC_PORT="${ASN_KEYCLOAK_PORT:-8080}"
KC_MANAGEMENT_PORT="${ASN_KEYCLOAK_MANAGEMENT_PORT:-9000}"
KC_HEAP="${ASN_KEYCLOAK_HEAP:--Xms64m -Xmx512m}"
KC_ADMIN="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
KC_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
KC_START_TIMEOUT=300
KC_STOP_TIMEOUT=30
KC_HOME="$REPO/.local/keycloak"
KC_DIST="$KC_HOME/dist"
KC_LOG="$KC_HOME/keycloak.log"
KC_PIDFILE="$KC_HOME/keycloak.pid"
KC_READY_URL="http://127.0.0.1:$KC_PORT/realms/asn/.well-known/openid-configuration"

# PID of our Keycloak if the pidfile names a live kc.sh or Keycloak java process.
keycloak_pid() {
    local pid cmdline
    [[ -f "$KC_PIDFILE" ]] || return 1
    pid="$(cat "$KC_PIDFILE" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] && proc_alive "$pid" || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *kc.sh* || "$cmdline" == *QuarkusEntryPoint* ]] || return 1
    echo "$pid"
}

keycloak_ready() { curl -fsS -o /dev/null --max-time 3 "$KC_READY_URL" 2>/dev/null; }

keycloak_fail() {
    echo "FAILED"
    if [[ -s "$KC_LOG" ]]; then
        echo "---- tail of $KC_LOG" >&2
        tail -n 40 "$KC_LOG" >&2 || true
    fi
    die "$1"
}

keycloak_start() {
    [[ -f "$KC_DIST/.complete" ]] || die "Keycloak is not installed in $KC_DIST: run deploy/install.sh keycloak"
    local java_home pid
    java_home="$(keycloak_java_home)" || die "$KEYCLOAK_JAVA_HINT"
    if pid="$(keycloak_pid)"; then
        say "Keycloak already running on 127.0.0.1:$KC_PORT (pid $pid)"
        return 0
    fi
    if port_open "$KC_PORT"; then
        keycloak_ready || die "127.0.0.1:$KC_PORT (ASN_KEYCLOAK_PORT) is taken by a process that is not a Keycloak with realm asn"
        say "Keycloak: 127.0.0.1:$KC_PORT already answers (not started by this script); leaving it alone"
        return 0
    fi
    port_open "$KC_MANAGEMENT_PORT" \
        && die "port 127.0.0.1:$KC_MANAGEMENT_PORT (ASN_KEYCLOAK_MANAGEMENT_PORT) is taken by another process"
    # Realms are imported only when they do not exist yet; later edits need the realm deleted.
    mkdir -p "$KC_DIST/data/import"
    cp "$REPO"/deploy/keycloak/realm-*.json "$KC_DIST/data/import/"
    local t0
    t0="$(date +%s.%N)"
    printf '==> starting Keycloak on 127.0.0.1:%s ... ' "$KC_PORT"
    JAVA_HOME="$java_home" JAVA_OPTS_KC_HEAP="$KC_HEAP" \
        KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
        setsid nohup "$KC_DIST/bin/kc.sh" start-dev --import-realm \
            --http-host=127.0.0.1 --http-port="$KC_PORT" \
            --http-management-port="$KC_MANAGEMENT_PORT" --health-enabled=true \
        </dev/null >"$KC_LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$KC_PIDFILE"
    local deadline=$((SECONDS + KC_START_TIMEOUT))
    until keycloak_ready; do
        proc_alive "$pid" || { rm -f "$KC_PIDFILE"; keycloak_fail "Keycloak exited during start-up"; }
        (( SECONDS < deadline )) || keycloak_fail "Keycloak did not serve realm asn within ${KC_START_TIMEOUT} s"
        sleep 0.5
    done
    echo "up ($(elapsed "$t0") s, pid $pid; admin console http://127.0.0.1:$KC_PORT/admin, user $KC_ADMIN)"
}

keycloak_stop() {
    local pid
    if ! pid="$(keycloak_pid)"; then
        rm -f "$KC_PIDFILE"
        [[ "${1:-}" == quiet ]] || say "Keycloak is not running (no live pidfile)"
        return 0
    fi
    local t0
    t0="$(date +%s.%N)"
    printf '==> stopping Keycloak (pid %s) ... ' "$pid"
    # The group: kc.sh and the java it runs (setsid made kc.sh the group's leader).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + KC_STOP_TIMEOUT))
    while proc_alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
    if proc_alive "$pid"; then
        kill -KILL -- "-$pid" 2>/dev/null || true
        echo "killed after ${KC_STOP_TIMEOUT} s"
    else
        echo "stopped ($(elapsed "$t0") s)"
    fi
    rm -f "$KC_PIDFILE"
}

keycloak_status() {
    local pid state="down" note=""
    if pid="$(keycloak_pid)"; then
        keycloak_ready && state="up" || note="  (pid $pid alive, realm asn not served: starting or stuck)"
        [[ "$state" == up ]] && note="  (pid $pid)"
    elif keycloak_ready; then
        state="up"; note="  (not started by this script)"
    elif [[ ! -f "$KC_DIST/.complete" ]]; then
        note="  (not installed: deploy/install.sh keycloak)"
    fi
    printf 'Keycloak        %s  127.0.0.1:%s%s\n' "$state" "$KC_PORT" "$note"
}
