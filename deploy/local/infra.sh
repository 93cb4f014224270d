#!/usr/bin/env bash
# Runs Kafka, OpenSearch and Apicurio Registry as local JVM processes for development and
# CI, built from Maven Central artifacts (no Docker). Everything binds to 127.0.0.1.
#
#   deploy/local/infra.sh up     [kafka|opensearch|registry ...]
#   deploy/local/infra.sh down   [kafka|opensearch|registry ...]
#   deploy/local/infra.sh status [kafka|opensearch|registry ...]
#
# With no service named, the command applies to all three. `up` downloads what is missing,
# starts every service that does not respond yet (in parallel), waits until each one is
# ready and prints its start-up time. A service that already responds on its port is reused.
# `down` stops the services that `up` started, with SIGTERM. `status` exits 0 when every
# named service is ready and 3 otherwise.
#
# Jars, data, logs and PID files live under .infra/ at the repository root (override with
# SIEVE_INFRA_DIR). Environment overrides: INFRA_START_TIMEOUT and INFRA_STOP_TIMEOUT
# (seconds), KAFKA_HEAP_OPTS, OPENSEARCH_HEAP_OPTS, REGISTRY_HEAP_OPTS, INFRA_JVM_OPTS (JVM
# flags for all three), JAVA17_BIN (java for Kafka and OpenSearch, default `java`) and
# REGISTRY_JAVA_HOME (a JDK 21 or newer).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly INFRA_DIR="${SIEVE_INFRA_DIR:-$REPO_ROOT/.infra}"

readonly ALL_SERVICES=(kafka opensearch registry)
readonly START_TIMEOUT_SECONDS="${INFRA_START_TIMEOUT:-180}"
readonly STOP_TIMEOUT_SECONDS="${INFRA_STOP_TIMEOUT:-60}"
readonly POLL_INTERVAL_SECONDS=0.2

readonly JAVA17_BIN="${JAVA17_BIN:-java}"
readonly KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
readonly OPENSEARCH_HEAP_OPTS="${OPENSEARCH_HEAP_OPTS:--Xms512m -Xmx768m}"
readonly REGISTRY_HEAP_OPTS="${REGISTRY_HEAP_OPTS:--Xms128m -Xmx512m}"
# C1-only JIT halves the CPU time each JVM needs to become ready (measured on 2 cores, see
# docs/infra.md) at the cost of slower hot code. Benchmarks should set INFRA_JVM_OPTS="" to
# get the full tiered JIT back.
readonly INFRA_JVM_OPTS="${INFRA_JVM_OPTS--XX:TieredStopAtLevel=1}"

readonly REGISTRY_VERSION=3.3.3
readonly REGISTRY_ARTIFACT="io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:tar.gz:all"
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# Each service's port for `status`, and the string in its java command line that
# identifies the process (checked before sending it a signal).
declare -A PORT=([kafka]=9092 [opensearch]=9200 [registry]=8081)
declare -A PROCESS_MARKER=([kafka]=kafka.Kafka [opensearch]=EmbeddedOpenSearch [registry]=quarkus-run.jar)

log() { printf '%s\n' "$*"; }
fail() { printf 'infra.sh: %s\n' "$*" >&2; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

format_seconds() { # milliseconds -> "12.3 s"
  printf '%d.%d s' $(($1 / 1000)) $((($1 % 1000) / 100))
}

service_dir() { echo "$INFRA_DIR/$1"; }
pid_file() { echo "$INFRA_DIR/$1/$1.pid"; }
log_file() { echo "$INFRA_DIR/$1/$1.log"; }

# --- readiness probes: each returns 0 only when the service responds correctly ---

# Sends a Kafka ApiVersions v0 request (api_key 18, correlation_id 1, empty client_id) and
# accepts the reply only if it echoes correlation_id 1 with error_code 0.
probe_kafka() {
  local reply
  reply=$(timeout 3 bash -c '
    exec 3<>/dev/tcp/127.0.0.1/9092 || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\x00\x00" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"
  ' 2>/dev/null) || return 1
  [[ "${reply:8:12}" == "000000010000" ]]
}

probe_opensearch() {
  curl -fsS -o /dev/null -m 3 \
    'http://127.0.0.1:9200/_cluster/health?wait_for_status=yellow&timeout=2s' 2>/dev/null
}

# The Confluent-compatible API is what the project uses, so that is what must respond.
probe_registry() {
  curl -fsS -o /dev/null -m 3 'http://127.0.0.1:8081/apis/ccompat/v7/subjects' 2>/dev/null
}

probe() { "probe_$1"; }

port_accepts() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# --- process bookkeeping ---

# Prints the PID from the service's PID file if that process is alive and is the service
# this script started (so a reused PID is never signalled).
owned_pid() {
  local service=$1 file pid
  file=$(pid_file "$service")
  [[ -f "$file" ]] || return 1
  pid=$(<"$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmdline" == *"${PROCESS_MARKER[$service]}"* && "$cmdline" == *"$INFRA_DIR"* ]] || return 1
  echo "$pid"
}

# Starts a command detached from this shell's session, so it outlives the script and
# ignores Ctrl-C in the terminal that ran `up`. Writes the PID file.
launch() {
  local service=$1
  shift
  local log
  log=$(log_file "$service")
  if [[ -f "$log" ]]; then
    mv -f "$log" "$log.1"
  fi
  # In a non-interactive shell a background job is no process group leader, so setsid
  # calls setsid(2) without forking and $! is the JVM's PID.
  setsid nohup "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$service")"
}

# Runs Maven under a lock, because parallel `up` jobs share ~/.m2 and Maven 3.8 does not
# guard it against concurrent writes.
run_maven() {
  local service=$1
  shift
  local fetch_log
  fetch_log="$(service_dir "$service")/fetch.log"
  if ! flock "$INFRA_DIR/.maven.lock" mvn -B -q -Dstyle.color=never "$@" >"$fetch_log" 2>&1; then
    tail -n 30 "$fetch_log" >&2
    fail "$service: Maven download failed (full output in $fetch_log)"
  fi
}

# Copies a pom's runtime classpath into lib/ unless lib/ already matches the pom.
fetch_classpath() {
  local service=$1 pom=$2 lib stamp checksum
  lib="$(service_dir "$service")/lib"
  stamp="$lib/.pom.sha256"
  checksum=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(<"$stamp")" == "$checksum" ]]; then
    return 0
  fi
  log "$service: downloading the classpath of $pom"
  rm -rf "$lib.tmp"
  run_maven "$service" -f "$pom" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$lib.tmp"
  echo "$checksum" >"$lib.tmp/.pom.sha256"
  rm -rf "$lib"
  mv "$lib.tmp" "$lib"
}

# --- Kafka ---

fetch_kafka() {
  fetch_classpath kafka "$SCRIPT_DIR/kafka/pom.xml"
}

start_kafka() {
  local dir config data
  dir=$(service_dir kafka)
  config="$dir/server.properties"
  data="$dir/data"
  mkdir -p "$data"
  sed "s|@KAFKA_DATA_DIR@|$data|" "$SCRIPT_DIR/kafka/server.properties.template" >"$config"

  local java_opts=(
    -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2.properties"
    -Djava.awt.headless=true
    -cp "$dir/lib/*"
  )

  # KRaft needs its storage formatted once. StorageTool calls System.exit, so it runs in
  # its own JVM.
  if [[ ! -f "$data/meta.properties" ]]; then
    local cluster_id
    cluster_id=$("$JAVA17_BIN" "${java_opts[@]}" kafka.tools.StorageTool random-uuid)
    if ! "$JAVA17_BIN" "${java_opts[@]}" kafka.tools.StorageTool format --standalone \
      --ignore-formatted --cluster-id "$cluster_id" --config "$config" \
      >"$dir/format.log" 2>&1; then
      fail "kafka: formatting $data failed (output in $dir/format.log)"
    fi
  fi

  # shellcheck disable=SC2086 # the option variables are lists of JVM flags
  launch kafka "$JAVA17_BIN" $KAFKA_HEAP_OPTS $INFRA_JVM_OPTS -XX:+UseG1GC "${java_opts[@]}" kafka.Kafka "$config"
}

# --- OpenSearch ---

fetch_opensearch() {
  fetch_classpath opensearch "$SCRIPT_DIR/opensearch/pom.xml"

  # Compiled once here rather than run with the single-file source launcher, which
  # compiles it again at every start (about 3.5 s of CPU time on these 2-core machines).
  local dir source classes stamp checksum javac
  dir=$(service_dir opensearch)
  source="$SCRIPT_DIR/opensearch/EmbeddedOpenSearch.java"
  classes="$dir/classes"
  stamp="$classes/.source.sha256"
  checksum=$(cat "$source" "$dir/lib/.pom.sha256" | sha256sum | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(<"$stamp")" == "$checksum" ]]; then
    return 0
  fi
  javac="$(dirname "$(readlink -f "$(command -v "$JAVA17_BIN")")")/javac"
  [[ -x "$javac" ]] || fail "opensearch: javac not found next to $JAVA17_BIN (looked for $javac); install a JDK 17"
  rm -rf "$classes"
  "$javac" --release 17 -cp "$dir/lib/*" -d "$classes" "$source" ||
    fail "opensearch: compiling $source failed"
  echo "$checksum" >"$stamp"
}

start_opensearch() {
  local dir
  dir=$(service_dir opensearch)
  mkdir -p "$dir/home"
  # The G1 settings are the ones OpenSearch's own jvm.options sets, so heap use does not
  # reach the circuit breakers before a collection starts.
  # shellcheck disable=SC2086 # the option variables are lists of JVM flags
  launch opensearch "$JAVA17_BIN" $OPENSEARCH_HEAP_OPTS $INFRA_JVM_OPTS \
    -XX:+UseG1GC -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30 \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$SCRIPT_DIR/opensearch/log4j2.properties" \
    -cp "$dir/classes:$dir/lib/*" EmbeddedOpenSearch \
    "path.home=$dir/home"
}

# --- Apicurio Registry ---

fetch_registry() {
  local dir dist stamp
  dir=$(service_dir registry)
  dist="$dir/dist"
  stamp="$dist/.version"
  if [[ -f "$stamp" && "$(<"$stamp")" == "$REGISTRY_VERSION" ]]; then
    return 0
  fi
  log "registry: downloading $REGISTRY_ARTIFACT"
  rm -rf "$dir/download" "$dist.tmp"
  mkdir -p "$dir/download" "$dist.tmp"
  # dependency:copy needs no project, so it runs in a folder without a pom.
  (cd "$dir/download" && run_maven registry "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="$REGISTRY_ARTIFACT" -DoutputDirectory="$dir/download")
  tar -xzf "$dir/download"/apicurio-registry-app-*.tar.gz -C "$dist.tmp"
  # Maven keeps its own copy of the archive in ~/.m2.
  rm -rf "$dir/download"
  echo "$REGISTRY_VERSION" >"$dist.tmp/.version"
  rm -rf "$dist"
  mv "$dist.tmp" "$dist"
}

# Prints the java binary of the first JDK under /usr/lib/jvm whose major version is 21 or
# newer, unless REGISTRY_JAVA_HOME names one. Apicurio Registry 3.3 is compiled for Java 21.
find_registry_java() {
  local candidates=() home version
  if [[ -n "${REGISTRY_JAVA_HOME:-}" ]]; then
    candidates=("$REGISTRY_JAVA_HOME")
  else
    candidates=(/usr/lib/jvm/*)
  fi
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -f "$home/release" ]] || continue
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    if [[ -n "$version" && "$version" -ge 21 ]]; then
      echo "$home/bin/java"
      return 0
    fi
  done
  return 1
}

start_registry() {
  local dir java
  dir=$(service_dir registry)
  java=$(find_registry_java) ||
    fail "registry: no JDK 21 or newer found under /usr/lib/jvm; set REGISTRY_JAVA_HOME to one"
  mkdir -p "$dir/data"
  # Uses an H2 file rather than the default in-memory database, because Kafka keeps the
  # messages that carry schema ids, so the ids must survive a restart. H2 needs no pool of
  # 20 to 100 connections.
  # shellcheck disable=SC2086 # the option variables are lists of JVM flags
  launch registry "$java" $REGISTRY_HEAP_OPTS $INFRA_JVM_OPTS \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=8081 \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port=9001 \
    -Dapicurio.datasource.url="jdbc:h2:file:$dir/data/registry" \
    -Dapicurio.datasource.jdbc.initial-size=2 \
    -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=20 \
    -jar "$dir/dist/quarkus-run.jar"
}

# --- commands ---

# Brings one service up and prints how long it took. Runs as a background job of `up`.
up_one() {
  local service=$1 started pid deadline fetched_at
  started=$(now_ms)
  mkdir -p "$(service_dir "$service")"

  if probe "$service"; then
    log "$service: already running on 127.0.0.1:${PORT[$service]}, reused"
    return 0
  fi

  if pid=$(owned_pid "$service"); then
    log "$service: pid $pid is still starting, waiting for it"
  else
    if port_accepts "${PORT[$service]}"; then
      fail "$service: port ${PORT[$service]} is in use by a process that does not respond as $service; stop that process or free the port"
    fi
    "fetch_$service"
    fetched_at=$(now_ms)
    "start_$service"
    pid=$(<"$(pid_file "$service")")
  fi

  # The deadline counts from the JVM start, so a slow first download does not use it up.
  deadline=$((${fetched_at:-$started} + START_TIMEOUT_SECONDS * 1000))
  until probe "$service"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$(log_file "$service")" >&2 || true
      fail "$service: process $pid exited before it was ready; see $(log_file "$service")"
    fi
    if (($(now_ms) > deadline)); then
      fail "$service: not ready after ${START_TIMEOUT_SECONDS} s (pid $pid still running); see $(log_file "$service")"
    fi
    sleep "$POLL_INTERVAL_SECONDS"
  done

  local total=$(($(now_ms) - started)) detail=""
  if [[ -n "${fetched_at:-}" ]]; then
    # CPU time is less sensitive to other load on the machine than wall-clock time.
    detail=" (download and preparation $(format_seconds $((fetched_at - started))), JVM start $(format_seconds $(($(now_ms) - fetched_at))), JVM CPU time $(ps -o times= -p "$pid" | tr -d ' ') s)"
  fi
  log "$service: ready on 127.0.0.1:${PORT[$service]} in $(format_seconds "$total")$detail, pid $pid, log $(log_file "$service")"
}

down_one() {
  local service=$1 pid deadline
  if ! pid=$(owned_pid "$service"); then
    rm -f "$(pid_file "$service")"
    if port_accepts "${PORT[$service]}"; then
      log "$service: running on port ${PORT[$service]} but not started by infra.sh, left running"
    else
      log "$service: not running"
    fi
    return 0
  fi

  kill -TERM "$pid"
  deadline=$(($(now_ms) + STOP_TIMEOUT_SECONDS * 1000))
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now_ms) > deadline)); then
      fail "$service: pid $pid still running ${STOP_TIMEOUT_SECONDS} s after SIGTERM; see $(log_file "$service"), or end it with: kill -KILL $pid"
    fi
    sleep "$POLL_INTERVAL_SECONDS"
  done
  rm -f "$(pid_file "$service")"
  log "$service: stopped (pid $pid)"
}

# Prints one line per service and returns non-zero unless it is ready.
status_one() {
  local service=$1 pid rss_kb
  if pid=$(owned_pid "$service"); then
    rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
    rss_kb=${rss_kb:-0}
    if probe "$service"; then
      log "$service: ready on 127.0.0.1:${PORT[$service]}, pid $pid, RSS $((rss_kb / 1024)) MiB"
      return 0
    fi
    log "$service: pid $pid running but not ready yet; see $(log_file "$service")"
    return 1
  fi
  if probe "$service"; then
    log "$service: ready on 127.0.0.1:${PORT[$service]} (not started by infra.sh)"
    return 0
  fi
  log "$service: stopped"
  return 1
}

# Runs "$1_one" for every service in parallel and fails if any of them failed.
run_parallel() {
  local action=$1
  shift
  local -A jobs=()
  local service failed=0
  for service in "$@"; do
    "${action}_one" "$service" &
    jobs[$service]=$!
  done
  for service in "$@"; do
    wait "${jobs[$service]}" || failed=1
  done
  return "$failed"
}

usage() {
  cat >&2 <<'EOF'
Usage: deploy/local/infra.sh up|down|status [kafka|opensearch|registry ...]
  up      download what is missing, start the services and wait until they are ready
  down    stop the services that `up` started (SIGTERM, then wait)
  status  print each service's state; exits 3 if one is not ready
EOF
  exit 2
}

main() {
  (($# >= 1)) || usage
  local command=$1
  shift
  local services=("$@")
  ((${#services[@]} > 0)) || services=("${ALL_SERVICES[@]}")
  local service
  for service in "${services[@]}"; do
    [[ -n "${PORT[$service]:-}" ]] || fail "unknown service '$service': expected kafka, opensearch or registry"
  done
  mkdir -p "$INFRA_DIR"

  case "$command" in
    up)
      local started
      started=$(now_ms)
      run_parallel up "${services[@]}" || fail "up failed (see the messages above); services that did start are left running, stop them with: $0 down"
      log "all ready in $(format_seconds $(($(now_ms) - started)))"
      ;;
    down)
      run_parallel down "${services[@]}"
      ;;
    status)
      local not_ready=0
      for service in "${services[@]}"; do
        status_one "$service" || not_ready=1
      done
      ((not_ready == 0)) || exit 3
      ;;
    *)
      usage
      ;;
  esac
}

main "$@"
