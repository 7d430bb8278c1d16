#!/usr/bin/env python3
"""Of the truth characters a transcription misses, how many lie with a neighbour inside one box.

usage: scripts/merged_misses.py TRUTH_CSV BOXES_CSV
  TRUTH_CSV: ../shared/data/pages/truth.csv (image_id,unicode,x,y,w,h)
  BOXES_CSV: `./honkoku export --format csv` of the same pages (image_id,column,order,x,y,w,h,...)

A truth box is found when a box's centre lies in it (each truth box taken once, boxes in reading order: the detection
rule of DESIGN.md); it is missed otherwise. A missed truth box is merged when its centre lies inside a box that found
another truth box: two characters cut as one. Prints the counts per book and in all.
"""
import csv
import sys
from collections import defaultdict


def book(image_id):
    return image_id.split("_")[0] if "_" in image_id else image_id.split("-")[0][:4]


def read(path, fields):
    rows = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[r["image_id"]].append(tuple(int(float(r[k])) for k in fields))
    return rows


def inside(x, y, box):
    bx, by, bw, bh = box
    return bx <= x < bx + bw and by <= y < by + bh


def main(truth_csv, boxes_csv):
    truth = read(truth_csv, ("x", "y", "w", "h"))
    boxes = read(boxes_csv, ("column", "order", "x", "y", "w", "h"))
    counts = defaultdict(lambda: [0, 0, 0])  # truth, missed, merged
    for image_id, truths in truth.items():
        if image_id not in boxes:
            continue
        page = [b[2:] for b in sorted(boxes[image_id])]
        found_by = [None] * len(truths)
        finds = [None] * len(page)
        for i, (x, y, w, h) in enumerate(page):
            cx, cy = x + w // 2, y + h // 2
            for t, tb in enumerate(truths):
                if found_by[t] is None and inside(cx, cy, tb):
                    found_by[t] = i
                    finds[i] = t
                    break
        c = counts[book(image_id)]
        for t, (x, y, w, h) in enumerate(truths):
            c[0] += 1
            if found_by[t] is not None:
                continue
            c[1] += 1
            cx, cy = x + w // 2, y + h // 2
            if any(finds[i] is not None and inside(cx, cy, b) for i, b in enumerate(page)):
                c[2] += 1
    total = [sum(v[k] for v in counts.values()) for k in range(3)]
    for name, (n, missed, merged) in sorted(counts.items()) + [("all", total)]:
        print(f"{name}\ttruth {n}\tmissed {missed}\tmerged with a neighbour {merged}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
