#!/usr/bin/env bash
# Issue 15's throughput comparison: honkoku's `transcribe` + `export --format kaggle` as whole commands (JVM
# start-ups included) against Tesseract 5 with jpn_vert on one thread (OMP_THREAD_LIMIT=1), on the same pages,
# one after the other on the same machine. The pages: COPIES re-encoded JPEG copies of every image in
# PAGES_DIR (qualities from 95 down to 50), by default the 8 dev pages three times: 24 pages.
# Tesseract runs twice: its default page segmentation (--psm 3) and "a single block of vertical text" (--psm 5).
# usage: scripts/compare-tesseract.sh [PAGES_DIR] [COPIES]
# needs: Debian's tesseract-ocr and tesseract-ocr-jpn-vert
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-../shared/data/pages/images}"
copies="${2:-3}"
command -v tesseract >/dev/null || { echo "needs tesseract (apt-get install tesseract-ocr tesseract-ocr-jpn-vert)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# not timed: the re-encoded pages, and the jar and class-data archive when missing (a build's one-off cost)
./honkoku benchmark --pages "$src" --copies "$copies" --keep-copies "$work/pages" --copies-only
./honkoku jobs --db "jdbc:h2:mem:warm-up" >/dev/null
pages=$(find "$work/pages" -name '*.jpg' | wc -l)

now() { date +%s.%N; }
start=$(now)
./honkoku transcribe "$work/pages" --db "jdbc:h2:file:$work/db" >"$work/transcribe.log" 2>&1
middle=$(now)
./honkoku export --format kaggle --out "$work/honkoku.csv" --db "jdbc:h2:file:$work/db" >/dev/null 2>&1
end=$(now)
honkoku=$(echo "$end - $start" | bc)

tesseract_run() {
  local psm=$1 s e
  mkdir -p "$work/tesseract-$psm"
  s=$(now)
  for f in "$work"/pages/*.jpg; do
    OMP_THREAD_LIMIT=1 tesseract "$f" "$work/tesseract-$psm/$(basename "$f" .jpg)" -l jpn_vert --psm "$psm" >/dev/null 2>&1
  done
  e=$(now)
  echo "$e - $s" | bc
}
t3=$(tesseract_run 3)
t5=$(tesseract_run 5)

printf '%s pages, %s CPU cores\n' "$pages" "$(nproc)"
printf '| run | seconds | pages/s | honkoku faster by |\n| --- | --- | --- | --- |\n'
printf '| honkoku transcribe + export kaggle | %.1f (transcribe %.1f, export %.1f) | %.2f | |\n' "$honkoku" \
  "$(echo "$middle - $start" | bc)" "$(echo "$end - $middle" | bc)" "$(echo "$pages / $honkoku" | bc -l)"
for run in "3:$t3" "5:$t5"; do
  psm=${run%%:*}; t=${run#*:}
  printf '| tesseract jpn_vert --psm %s, 1 thread | %.1f | %.2f | %.1fx |\n' "$psm" "$t" "$(echo "$pages / $t" | bc -l)" \
    "$(echo "$t / $honkoku" | bc -l)"
done
