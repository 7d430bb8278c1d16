#!/usr/bin/env bash
# The glyph memory's settings compared leave-one-book-out: each dev book read by the model trained without it
# (MODELS/BOOK, see scripts/lobo_heads.sh), a reviewer simulated on it by `evaluate --review-first 0.5`, on the truth
# boxes and on the segmenter's boxes, for every setting given. Prints one line per book, place and setting: the
# unreviewed characters' accuracy cold -> with the memory, the corrections per 100 during the review (without ->
# with), the adapted confidence's ECE, and of the characters read wrong cold those whose character was reviewed.
# Then, per setting, the mean gain in points over the books and places, and for each book the setting best on the
# other books (the leave-one-book-out choice; a tie goes to the setting given first). With --review-pages N, the first
# N pages of each book are reviewed and its other pages measured (across pages; books of fewer pages are skipped).
# With --redraw-below X, the reviewer of the segmenter's boxes redraws misshapen ones first (see evaluate).
# usage: scripts/lobo_memory.sh MODELS [--review-pages N] [--redraw-below X] SETTING [SETTING...]
#   (a setting as for evaluate --memory; "" is the shipped one)
set -euo pipefail
cd "$(dirname "$0")/.."
models="$(cd "${1:?usage: scripts/lobo_memory.sh MODELS SETTING [SETTING...]}" && pwd)"
shift
review=(--review-first 0.5)
min_pages=1
if [[ "${1:-}" == "--review-pages" ]]; then
  review=(--review-pages "${2:?--review-pages N}")
  min_pages=$(($2 + 1))
  shift 2
fi
redraw=()
if [[ "${1:-}" == "--redraw-below" ]]; then
  redraw=(--redraw-below "${2:?--redraw-below X}")
  shift 2
fi
[[ $# -gt 0 ]] || { echo "usage: scripts/lobo_memory.sh MODELS [--review-pages N] [--redraw-below X] SETTING..." >&2; exit 2; }
settings=("$@")
pages="$(cd ../shared/data/pages/images && pwd)"
truth="../shared/data/pages/truth.csv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# evaluate prints the first setting as JSON and every further one on stderr: the first is given twice, so that
# all of them come as stderr lines of one form
joined="${settings[0]}"
for s in "${settings[@]}"; do joined="$joined;$s"; done
for dir in "$models"/*/; do
  book="$(basename "$dir")"
  [[ -f "$dir/model.properties" ]] || continue
  mkdir -p "$work/$book"
  ln -s "$pages/$book"* "$work/$book/"
  [[ $(ls "$work/$book" | wc -l) -ge $min_pages ]] || continue
  for on in truth boxes; do
    extra=()
    if [[ $on == boxes ]]; then extra=("${redraw[@]}"); fi
    if ! ./honkoku evaluate --images "$work/$book" --truth "$truth" --model "$dir" "${review[@]}" --review-on "$on" \
        "${extra[@]}" --memory "$joined" > /dev/null 2> "$work/stderr"; then
      cat "$work/stderr" >&2
      exit 1
    fi
    grep -E '^k=' "$work/stderr" | sed "s/^/$book $on /"
  done
done | python3 -c '
import re, sys
rows = []
for line in sys.stdin:
    print(line.rstrip())
    book, on, setting, figures = line.split(" ", 3)
    m = re.search(r"%s ([0-9.]+)->([0-9.]+)" % re.escape(book), figures)
    if m:
        rows.append((book, on, setting, 100 * (float(m.group(2)) - float(m.group(1)))))
settings = list(dict.fromkeys(r[2] for r in rows))
books = sorted(set(r[0] for r in rows))
def mean_gain(s, among):
    g = [r[3] for r in rows if r[2] == s and r[0] in among]
    return sum(g) / len(g) if g else float("nan")
print()
for s in settings:
    print("mean gain %+.1f points  %s" % (mean_gain(s, books), s))
for b in books:
    others = [o for o in books if o != b]
    if not others:
        continue
    best = max(settings, key=lambda s: mean_gain(s, others))
    own = [r[3] for r in rows if r[0] == b and r[2] == best]
    print("%s: chosen on the other books: %s  (its gains here: %s)" % (b, best, ", ".join("%+.1f" % g for g in own)))
'
