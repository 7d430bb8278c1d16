#!/usr/bin/env python3
"""The leave-one-book-out table of one or more runs of scripts/gpu_lobo.sh, from their learning curves.

usage: scripts/lobo_table.py OUT_DIR [OUT_DIR ...]
  OUT_DIR: what gpu_lobo.sh wrote: BOOK.tar for each dev book, each holding model.csv (gpu_train.py's curve)

For each run and book, the row of the curve with the best selection score (the state gpu_train.py keeps: the mean
top-1 of kkanji, kmnist and synthetic validation; the held-out book never chooses): the held-out book's named
accuracy and rare recall, Kuzushiji-49 and the selection sets, and per run the mean of the four books' named
accuracy. So two arms trained side by side (README, "Training on a GPU") are compared where they were trained, before
any import. These are PyTorch's outputs without the class-prior correction that `train --import-weights` adds to
the biases: the import's final evaluation (MODEL.md) is the figure to ship by, this one the figure to compare by.
"""
import csv
import io
import os
import sys
import tarfile

BOOKS = ("200003076", "100241706", "brsk", "hnsd")
COLUMNS = ("book_named", "book_rare_recall", "k49", "kkanji_val", "kmnist_val", "synthetic_val", "epoch")


def best_row(tar_path):
    with tarfile.open(tar_path) as tar:
        member = next((m for m in tar.getmembers() if os.path.basename(m.name) == "model.csv"), None)
        if member is None:
            raise SystemExit(f"{tar_path}: no model.csv")
        rows = list(csv.DictReader(io.TextIOWrapper(tar.extractfile(member), encoding="utf-8")))
    if not rows:
        raise SystemExit(f"{tar_path}: model.csv has no rows")
    return max(rows, key=lambda r: float(r["score"]))


def table(out_dir):
    lines = [f"## {out_dir}", "", "| held-out book | " + " | ".join(COLUMNS) + " |",
             "| --- |" + " --- |" * len(COLUMNS)]
    named = []
    for book in BOOKS:
        path = os.path.join(out_dir, book + ".tar")
        if not os.path.exists(path):
            lines.append(f"| {book} | " + " | ".join("-" for _ in COLUMNS) + " |")
            continue
        row = best_row(path)
        named.append(float(row["book_named"]))
        lines.append(f"| {book} | " + " | ".join(row[c] for c in COLUMNS) + " |")
    if named:
        lines.append(f"| mean of {len(named)} | {sum(named) / len(named):.4f} |" + " |" * (len(COLUMNS) - 1))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print("\n".join(table(d) for d in sys.argv[1:]))
