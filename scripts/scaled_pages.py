#!/usr/bin/env python3
"""The labelled pages at other scan resolutions: each page resized, its truth boxes scaled with it.

usage: scripts/scaled_pages.py PAGES_DIR OUT_DIR SCALE [SCALE ...]
  PAGES_DIR: ../shared/data/pages (images/*.jpg and truth.csv)
  OUT_DIR/sSCALE/images/*.jpg and OUT_DIR/sSCALE/truth.csv for each SCALE (e.g. 0.5 0.7 1.4), for
  ./honkoku evaluate --images OUT_DIR/sSCALE/images --truth OUT_DIR/sSCALE/truth.csv

Books scanned at another resolution than the dev pages (2,300-2,500 pixels wide) show their characters at another
size in pixels; this tells whether the segmenter and the classifier's framing follow. Needs Pillow (Debian:
python3-pil). Resampling is Lanczos, saved as JPEG quality 92.
"""
import csv
import os
import sys

from PIL import Image


def main(pages, out, scales):
    for scale in scales:
        target = os.path.join(out, f"s{scale:g}")
        os.makedirs(os.path.join(target, "images"), exist_ok=True)
        for name in sorted(os.listdir(os.path.join(pages, "images"))):
            with Image.open(os.path.join(pages, "images", name)) as im:
                size = (round(im.width * scale), round(im.height * scale))
                im.resize(size, Image.LANCZOS).save(os.path.join(target, "images", name), quality=92)
        with open(os.path.join(pages, "truth.csv"), newline="", encoding="utf-8") as src, \
                open(os.path.join(target, "truth.csv"), "w", newline="", encoding="utf-8") as dst:
            rows = csv.reader(src)
            writer = csv.writer(dst)
            writer.writerow(next(rows))
            for row in rows:
                writer.writerow(row[:2] + [round(float(v) * scale) for v in row[2:6]])
        print(target)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], [float(s) for s in sys.argv[3:]])
