#!/usr/bin/env bash
# Leave-one-book-out training on a GPU: scripts/gpu_train.py once per dev book, the four side by side on the
# one device, each for MINUTES. Each run's NAME.npz, .properties, .csv and log are packed as OUT/BOOK.tar;
# `./honkoku train --import-weights` then makes a model folder of any of them (see README, Training the classifier).
#   scripts/gpu_lobo.sh SET_DIR OUT_DIR MINUTES [gpu_train.py options...]
set -uo pipefail
set_dir=${1:?usage: gpu_lobo.sh SET_DIR OUT_DIR MINUTES [options]}
out=${2:?out folder}
minutes=${3:?minutes}
shift 3
here="$(cd "$(dirname "$0")" && pwd)"
books=(200003076 100241706 brsk hnsd)
mkdir -p "$out"
pids=()
for book in "${books[@]}"; do
  mkdir -p "$out/$book"
  OMP_NUM_THREADS=3 PYTHONUNBUFFERED=1 python3 "$here/gpu_train.py" --set "$set_dir" --held-out-book "$book" \
    --minutes "$minutes" --out "$out/$book/model" "$@" >"$out/$book/train.log" 2>&1 &
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
for book in "${books[@]}"; do
  echo "== $book"; tail -n 4 "$out/$book/train.log"
  tar -C "$out/$book" -cf "$out/$book.tar" . && rm -rf "${out:?}/$book"
done
exit $rc
