#!/usr/bin/env bash
# A local cluster in one command (docs/SCALING.md):
#   scripts/cluster.sh up N    private Redis and PostgreSQL on loopback, N `emostream serve` nodes sharing them, and
#                              HAProxy in front (same client address -> same node); prints each URL on its own line
#   scripts/cluster.sh down    stops everything `up` started (the data stays in data/cluster for the next `up`)
# Ports: EMOSTREAM_CLUSTER_PORT (default 5080) is the load balancer, nodes take the next N ports; Redis 56379 and
# PostgreSQL 55432 unless EMOSTREAM_CLUSTER_REDIS_PORT / EMOSTREAM_CLUSTER_PG_PORT say otherwise; the state (data,
# logs, pids) is in EMOSTREAM_CLUSTER_DIR (default data/cluster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${EMOSTREAM_CLUSTER_DIR:-$root/data/cluster}
lb_port=${EMOSTREAM_CLUSTER_PORT:-5080}
redis_port=${EMOSTREAM_CLUSTER_REDIS_PORT:-56379}
pg_port=${EMOSTREAM_CLUSTER_PG_PORT:-55432}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
dll="$root/src/Dashboard/Cli/bin/Release/net10.0/linux-x64/emostream.dll"
log() { printf '\033[1;34m[cluster]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[cluster]\033[0m %s\n' "$*" >&2; exit 1; }

# PostgreSQL refuses to run as root: its commands run as the postgres user then.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

up() {
  local n=$1
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "up N: N is the number of nodes (1 or more), got '$n'"
  [ -e "$state/nodes" ] && die "a cluster is up already ($(cat "$state/nodes") node(s)); run scripts/cluster.sh down first"
  command -v redis-server >/dev/null && [ -n "$pg_bin" ] && command -v haproxy >/dev/null \
    || die "redis-server, postgresql and haproxy are needed: run scripts/setup.sh (scripts/apt-packages.txt)"
  [ -f "$dll" ] || bash "$root/scripts/setup.sh"
  mkdir -p "$state"

  log "Redis on 127.0.0.1:$redis_port"
  mkdir -p "$state/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$state/redis" \
    --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log"

  log "PostgreSQL on 127.0.0.1:$pg_port"
  mkdir -p "$state/pg"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$state/pg"
  [ -f "$state/pg/data/PG_VERSION" ] || as_pg "$pg_bin/initdb" -D "$state/pg/data" -A trust -U emostream -E UTF8 >"$state/pg/initdb.log"
  as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/log" -w \
    -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1" start >/dev/null
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U emostream -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'emostream'" | grep -q 1 \
    || as_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U emostream -d postgres -qc "CREATE DATABASE emostream"
  echo "$n" > "$state/nodes"

  local backends=""
  for i in $(seq 1 "$n"); do
    local port=$((lb_port + i))
    mkdir -p "$state/node$i"
    (cd "$root"
      EMOSTREAM_Storage__Provider=PostgreSql \
      EMOSTREAM_Storage__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=emostream;Database=emostream" \
      EMOSTREAM_Storage__DataDirectory="$state/node$i" \
      EMOSTREAM_Cluster__Redis="127.0.0.1:$redis_port" \
      nohup dotnet "$dll" serve --urls "http://127.0.0.1:$port" >"$state/node$i.log" 2>&1 & echo $! >"$state/node$i.pid")
    backends+="    server node$i 127.0.0.1:$port check"$'\n'
  done
  for i in $(seq 1 "$n"); do
    local waited=0
    until grep -q "dashboard on" "$state/node$i.log"; do
      kill -0 "$(cat "$state/node$i.pid")" 2>/dev/null || die "node $i exited: $(tail -5 "$state/node$i.log")"
      [ $waited -lt 240 ] || die "node $i did not start within 120 s (see $state/node$i.log)"
      sleep 0.5; waited=$((waited + 1))
    done
  done

  # Same client address -> same node: a live session's ingest socket reaches the node that created it.
  cat >"$state/haproxy.cfg" <<EOF
global
    daemon
    pidfile $state/haproxy.pid
defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend emostream
    bind 127.0.0.1:$lb_port
    default_backend nodes
backend nodes
    balance source
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host 127.0.0.1
$backends
EOF
  haproxy -f "$state/haproxy.cfg"

  log "up: $n node(s) over Redis 127.0.0.1:$redis_port and PostgreSQL 127.0.0.1:$pg_port; logs in $state"
  echo "http://127.0.0.1:$lb_port"
  for i in $(seq 1 "$n"); do echo "http://127.0.0.1:$((lb_port + i))"; done
}

stop_pid() { # pidfile: TERM, then KILL after 60 s (a node drains its sessions first)
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

down() {
  [ -d "$state" ] || { log "nothing to stop"; return 0; }
  stop_pid "$state/haproxy.pid"
  for pidfile in "$state"/node*.pid; do [ -e "$pidfile" ] && stop_pid "$pidfile"; done
  stop_pid "$state/redis.pid"
  if [ -f "$state/pg/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$state/pg/data" -m fast -w stop >/dev/null; fi
  rm -f "$state/nodes"
  log "down (data kept in $state)"
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down ;;
  *) die "usage: scripts/cluster.sh up N | down" ;;
esac
