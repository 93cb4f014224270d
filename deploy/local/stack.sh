#!/usr/bin/env bash
# Starts or stops the six Sieve services as separate local processes against the
# local infrastructure (deploy/local/infra.sh) and the PostgreSQL server on 127.0.0.1.
#
#   deploy/local/stack.sh up      start infrastructure, provision, start services, wait for /readyz
#   deploy/local/stack.sh down    stop the services (infrastructure keeps running)
#   deploy/local/stack.sh status  show each service's readiness
#
# Environment: SIEVE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sieve, created
# when missing), SIEVE_TOPIC_PREFIX, SIEVE_STACK_DIR (logs and PID files, default .infra/stack),
# SIEVE_STACK_TIMEOUT (seconds to wait for readiness, default 300), and each service's
# SIEVE_*_PORT override (SIEVE_INGEST_PORT=3101 ... SIEVE_REPORT_PORT=3106).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
STACK_DIR="${SIEVE_STACK_DIR:-$REPO_ROOT/.infra/stack}"
TIMEOUT="${SIEVE_STACK_TIMEOUT:-300}"
SERVICES=(ingest normalize dedup enrich score report)
declare -A DEFAULT_PORT=([ingest]=3101 [normalize]=3102 [dedup]=3103 [enrich]=3104 [score]=3105 [report]=3106)

export SIEVE_DATABASE_URL="${SIEVE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sieve}"
export SIEVE_KAFKA_BROKERS="${SIEVE_KAFKA_BROKERS:-127.0.0.1:9092}"
export SIEVE_SCHEMA_REGISTRY_URL="${SIEVE_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}"
export SIEVE_OPENSEARCH_URL="${SIEVE_OPENSEARCH_URL:-http://127.0.0.1:9200}"
export SIEVE_HTTP_HOST="${SIEVE_HTTP_HOST:-127.0.0.1}"

port_of() {
  local var="SIEVE_${1^^}_PORT"
  echo "${!var:-${DEFAULT_PORT[$1]}}"
}

ready() { curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$(port_of "$1")/readyz" 2>/dev/null; }

ensure_database() {
  local name="${SIEVE_DATABASE_URL##*/}"
  name="${name%%\?*}"
  local admin_url="${SIEVE_DATABASE_URL%/*}/postgres"
  if ! psql "$admin_url" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$admin_url" -qc "CREATE DATABASE \"$name\"" >/dev/null
    echo "created database $name"
  fi
}

up() {
  cd "$REPO_ROOT"
  "$SCRIPT_DIR/infra.sh" up
  ensure_database
  mkdir -p "$STACK_DIR"
  node --import tsx deploy/local/provision.ts >"$STACK_DIR/provision.log" 2>&1 || {
    echo "stack.sh: provisioning failed; see $STACK_DIR/provision.log" >&2
    exit 1
  }
  for service in "${SERVICES[@]}"; do
    if ready "$service"; then
      echo "$service already ready on port $(port_of "$service")"
      continue
    fi
    SIEVE_HTTP_PORT="$(port_of "$service")" nohup node --import tsx "$REPO_ROOT/services/$service/src/main.ts" \
      >"$STACK_DIR/$service.log" 2>&1 &
    echo $! >"$STACK_DIR/$service.pid"
  done
  local deadline=$((SECONDS + TIMEOUT))
  for service in "${SERVICES[@]}"; do
    until ready "$service"; do
      if ((SECONDS >= deadline)); then
        echo "stack.sh: $service not ready after ${TIMEOUT} s; see $STACK_DIR/$service.log" >&2
        exit 1
      fi
      if [[ -f "$STACK_DIR/$service.pid" ]] && ! kill -0 "$(cat "$STACK_DIR/$service.pid")" 2>/dev/null; then
        echo "stack.sh: $service exited; see $STACK_DIR/$service.log" >&2
        tail -n 20 "$STACK_DIR/$service.log" >&2
        exit 1
      fi
      sleep 0.3
    done
    echo "$service ready on port $(port_of "$service")"
  done
}

down() {
  for service in "${SERVICES[@]}"; do
    local pid_file="$STACK_DIR/$service.pid"
    [[ -f "$pid_file" ]] || continue
    local pid
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "$service stopped"
    fi
    rm -f "$pid_file"
  done
}

status() {
  local all=0
  for service in "${SERVICES[@]}"; do
    if ready "$service"; then echo "$service ready"; else echo "$service not ready"; all=3; fi
  done
  return $all
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: deploy/local/stack.sh up|down|status" >&2; exit 2 ;;
esac
