#!/usr/bin/env bash
# honkoku's nightly run: transcribes the watched folders of a settings file (nightly.conf), one run at a time,
# one log file per run. Usage: jobs/nightly.sh [SETTINGS_FILE]   (default: nightly.conf beside this script)
#
# - Lock: a second start while a run is going (a slow night, a start by hand, a timer and cron both set up)
#   exits at once with code 4 instead of running beside it. flock(1) holds it; the kernel drops it when the
#   process dies, so a crash or a power cut leaves no stale lock behind.
# - Logs: LOG_DIR/nightly-YYYYmmdd-HHMMSS.log; older logs are gzipped, and only the newest KEEP_LOGS kept.
# - Exit code: honkoku's (0 all pages done, 3 some pages failed, 1 the run failed, 2 usage error), 4 when
#   another run holds the lock. The summary lines go to stdout too, for cron's mail or the journal.
# A run that was killed or crashed is resumed by the next one (see jobs/README.md): nothing to do by hand.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
settings="${1:-$here/nightly.conf}"
if [[ ! -r "$settings" ]]; then
  echo "nightly: cannot read the settings file $settings" >&2
  exit 2
fi
INPUTS=()
# shellcheck source=nightly.conf
source "$settings"
HONKOKU="${HONKOKU:-$here/../honkoku}"
LOG_DIR="${LOG_DIR:-$here/../data/logs}"
KEEP_LOGS="${KEEP_LOGS:-30}"
LOCK_FILE="${LOCK_FILE:-$LOG_DIR/nightly.lock}"
if [[ ${#INPUTS[@]} -eq 0 ]]; then
  echo "nightly: no INPUTS in $settings (the folders to transcribe)" >&2
  exit 2
fi
options=()
if [[ -n "${DB:-}" ]]; then options+=(--db "$DB"); fi
if [[ -n "${CONFIG:-}" ]]; then options+=(--config "$CONFIG"); fi

mkdir -p "$LOG_DIR"
exec 9>"$LOCK_FILE"
if ! flock --nonblock 9; then
  echo "nightly: not started: another nightly run holds $LOCK_FILE" >&2
  exit 4
fi

# rotation: compress the earlier logs, keep the newest KEEP_LOGS
find "$LOG_DIR" -maxdepth 1 -name 'nightly-*.log' -type f -exec gzip -f {} +
mapfile -t old < <(find "$LOG_DIR" -maxdepth 1 -name 'nightly-*.log.gz' -type f -printf '%f\n' | sort -r)
for ((i = KEEP_LOGS - 1; i < ${#old[@]}; i++)); do
  if (( i >= 0 )); then rm -f -- "$LOG_DIR/${old[i]}"; fi
done
log="$LOG_DIR/nightly-$(date +%Y%m%d-%H%M%S).log"

status=0
{
  echo "nightly: started $(date -Is) on $(hostname) (pid $$): ${INPUTS[*]}"
  "$HONKOKU" transcribe "${INPUTS[@]}" "${options[@]}" || status=$?
  if [[ "${RETRY_FAILED:-no}" == yes && $status -le 3 ]]; then
    "$HONKOKU" retry-failed "${INPUTS[@]}" "${options[@]}" || status=$?
  fi
  if [[ "${ADAPT:-no}" == yes && $status -le 3 ]]; then
    "$HONKOKU" reread --adapt "${INPUTS[@]}" "${options[@]}" || status=$?
  fi
  echo "nightly: the latest runs and the pages by status:"
  "$HONKOKU" jobs --last 5 "${options[@]}" || true
  echo "nightly: ended $(date -Is) with exit code $status"
} >>"$log" 2>&1
grep -E '^(transcribe|retry-failed|reread) |^nightly: ended' "$log" || true
exit "$status"
