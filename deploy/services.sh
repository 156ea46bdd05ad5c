#!/usr/bin/env bash
# Start or stop every service process (web, relay, consumer of each service) under honcho.
#   deploy/services.sh start | stop | status
# ASN_SSO=keycloak: the services take the development Keycloak's tokens (deploy/keycloak/sso.env).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="$ROOT/.local/run"
PIDFILE="$RUN/services.pid"
LOG="$RUN/services.log"
PORTS=(8001 8002 8003 8000)
mkdir -p "$RUN"

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  if running; then echo "==> services already running (pid $(cat "$PIDFILE"))"; return; fi
  echo "==> starting services (web, relay, consumer of each); log: $LOG"
  cd "$ROOT"
  if [[ "${ASN_SSO:-}" == keycloak ]]; then set -a; source deploy/keycloak/sso.env; set +a; fi
  setsid nohup .venv/bin/honcho -f Procfile start >"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  for port in "${PORTS[@]}"; do
    for _ in $(seq 1 120); do
      if curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then break; fi
      if ! running; then echo "services exited; last lines of $LOG:" >&2; tail -n 30 "$LOG" >&2; exit 1; fi
      sleep 0.5
    done
    curl -fsS "http://127.0.0.1:$port/ready" >/dev/null || {
      echo "http://127.0.0.1:$port/ready did not answer in 60 s; see $LOG" >&2; exit 1; }
  done
  echo "    up: assessment http://127.0.0.1:8001  feedback http://127.0.0.1:8002  training http://127.0.0.1:8003"
  echo "        portal http://127.0.0.1:8000"
}

stop() {
  if running; then
    echo "==> stopping services"
    kill -TERM -- "-$(cat "$PIDFILE")" 2>/dev/null || true
    for _ in $(seq 1 60); do running || break; sleep 0.5; done
    running && kill -KILL -- "-$(cat "$PIDFILE")" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

status() {
  if running; then echo "services  up    pid $(cat "$PIDFILE")"; else echo "services  down"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
