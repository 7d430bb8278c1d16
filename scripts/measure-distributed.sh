#!/usr/bin/env bash
# Issue 16's measurement: a distributed run on this machine, a manager with an embedded broker and 1, then 2,
# workers (each with its default page threads, one per core), on a throwaway PostgreSQL cluster (Debian's
# postgresql package), over COPIES re-encoded copies of the pages in PAGES_DIR (by default the 8 dev pages
# three times: 24 pages), PAGES_PER_PARTITION pages a partition (default: honkoku.remote.pages-per-partition). Prints, for each count of workers, the manager's whole command (JVM start-ups and the
# wait for the workers' start-up included), the workers' stretch (first claim to last write) and each worker's
# pages and rate as `honkoku jobs` lists them.
# usage: scripts/measure-distributed.sh [PAGES_DIR] [COPIES] [PAGES_PER_PARTITION]
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-../shared/data/pages/images}"
copies="${2:-3}"
per_partition="${3:-}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[[ -x "$bin/postgres" ]] || { echo "needs Debian's postgresql package" >&2; exit 2; }
work="$(mktemp -d)"
as=()
if [[ "$(id -u)" -eq 0 ]]; then chown postgres:postgres "$work"; as=(runuser -u postgres --); fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "${as[@]}" "$bin/pg_ctl" stop -D "$work/pg" -m fast >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as[@]}" "$bin/initdb" -D "$work/pg" -U sa --auth=trust -E UTF8 --no-locale >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/pg_ctl" start -D "$work/pg" -w -l "$work/pg.log" \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1" >/dev/null
mkdir -p "$work/pages"
config=()
if [[ -n "$per_partition" ]]; then
  echo "honkoku.remote.pages-per-partition=$per_partition" >"$work/settings.properties"
  config=(--config "$work/settings.properties")
fi
./honkoku benchmark --pages "$src" --copies "$copies" --keep-copies "$work/pages" --copies-only
pages=$(find "$work/pages" -name '*.jpg' | wc -l)
broker=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

for workers in 1 2; do
  psql -q -h 127.0.0.1 -p "$port" -U sa postgres -c "CREATE DATABASE run$workers"
  db="jdbc:postgresql://127.0.0.1:$port/run$workers"
  ./honkoku jobs --db "$db" >/dev/null          # the schema, as on any night but the first
  start=$(date +%s.%N)
  ./honkoku transcribe --db "$db" --broker "embedded:$broker" "${config[@]}" "$work/pages" >"$work/manager$workers.log" 2>&1 &
  manager=$!
  pids=("$manager")
  until (echo >"/dev/tcp/127.0.0.1/$broker") 2>/dev/null; do sleep 0.2; done
  for i in $(seq 1 "$workers"); do
    ./honkoku worker --db "$db" --broker "tcp://127.0.0.1:$broker" "${config[@]}" >"$work/worker$workers-$i.log" 2>&1 &
    pids+=("$!")
  done
  wait "$manager"
  end=$(date +%s.%N)
  for p in "${pids[@]:1}"; do kill -TERM "$p"; wait "$p" 2>/dev/null || true; done
  stretch=$(psql -At -h 127.0.0.1 -p "$port" -U sa "run$workers" -c \
    "SELECT EXTRACT(EPOCH FROM MAX(processed_at) - MIN(claimed_at)) FROM page")
  echo "== $workers worker(s), $pages pages"
  tail -1 "$work/manager$workers.log"
  printf 'manager command %.1f s; workers from first claim to last write %.1f s: %.2f pages/s\n' \
    "$(echo "$end - $start" | bc)" "$stretch" "$(echo "$pages / $stretch" | bc -l)"
  ./honkoku jobs --db "$db" --last 1 | grep -E '^ +(distributed|worker)'
done
