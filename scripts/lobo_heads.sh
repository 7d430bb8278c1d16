#!/usr/bin/env bash
# The heads and reading of leave-one-book-out networks, fitted as for the shipped model, so that a book is read by a
# whole model that never learnt from it. MODELS holds one model folder per dev book, named for the book it was
# trained without (`train --import-weights ... --held-out-book BOOK --out MODELS/BOOK`, after scripts/gpu_lobo.sh).
# For each: the "one whole character" head (tune-grouping) and the "not a character" head (tune-boxes) fitted on the
# OTHER books' pages only, then the reading in context chosen and the box calibration fitted (tune) as the shipped
# model's were: on all eight pages, the calibration on the held-out book's own boxes (`--fit-books BOOK`). With
# --calibrate-on-others, tune too runs on the other books' pages alone (the context chosen and the calibration fitted
# there), so that nothing of the model has seen the book. Each command's JSON is kept as MODELS/BOOK/*.json.
# usage: scripts/lobo_heads.sh MODELS [--calibrate-on-others] [BOOK...]
set -euo pipefail
cd "$(dirname "$0")/.."
models="$(cd "${1:?usage: scripts/lobo_heads.sh MODELS [--calibrate-on-others] [BOOK...]}" && pwd)"
shift
others_calibrate=0
if [[ "${1:-}" == "--calibrate-on-others" ]]; then others_calibrate=1; shift; fi
pages="../shared/data/pages/images"
truth="../shared/data/pages/truth.csv"
all=(100241706 200003076 brsk hnsd)
books=("$@")
if [[ ${#books[@]} -eq 0 ]]; then books=("${all[@]}"); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for book in "${books[@]}"; do
  model="$models/$book"
  [[ -f "$model/model.properties" ]] || { echo "no model folder $model" >&2; exit 2; }
  without="$work/without-$book"
  mkdir -p "$without"
  for page in "$pages"/*; do
    [[ "$(basename "$page")" == "$book"* ]] || ln -s "$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" "$without/"
  done
  echo "== $book: tune-grouping and tune-boxes on $(ls "$without" | wc -l) pages of the other books" >&2
  ./honkoku tune-grouping --images "$without" --truth "$truth" --model "$model" --write > "$model/tune-grouping.json"
  ./honkoku tune-boxes --images "$without" --truth "$truth" --model "$model" --write > "$model/tune-boxes.json"
  fit="$book"
  tune_pages="$pages"
  if [[ $others_calibrate -eq 1 ]]; then
    fit="$(printf '%s\n' "${all[@]}" | grep -vx "$book" | paste -sd, -)"
    tune_pages="$without"
  fi
  echo "== $book: tune on $(ls "$tune_pages" | wc -l) pages, calibration fitted on $fit" >&2
  ./honkoku tune --images "$tune_pages" --truth "$truth" --data ../shared/data --model "$model" --fit-books "$fit" \
    --write > "$model/tune.json"
done
