#!/usr/bin/env python3
"""Writes a folder of small generated images in the ImageFolder layout NormLab reads
(OUT/train/<class>/*.png and OUT/test/<class>/*.png): ten classes of simple shapes, 28 x 28
grayscale PNG, jittered from a seed. For measuring how NormLab reads a large folder; not data to
commit.

    tools/make_image_folder.py OUT --images 100000 [--test-fraction 0.2] [--size 28] [--seed 1]

Standard library only (zlib for the PNG data), so it runs anywhere NormLab builds.
"""
import argparse
import math
import os
import random
import struct
import zlib

CLASSES = ["circle", "square", "triangle", "cross", "hbar", "vbar", "ring", "diamond", "dot", "corner"]


def inside(label, x, y, cx, cy, r):
    dx, dy = x - cx, y - cy
    d = math.hypot(dx, dy)
    if label == 0: return d <= r
    if label == 1: return abs(dx) <= r and abs(dy) <= r
    if label == 2: return dy <= r and dy >= -r and abs(dx) <= (dy + r) / 2
    if label == 3: return abs(abs(dx) - abs(dy)) <= 1.5 and max(abs(dx), abs(dy)) <= r
    if label == 4: return abs(dy) <= 2 and abs(dx) <= r
    if label == 5: return abs(dx) <= 2 and abs(dy) <= r
    if label == 6: return r - 2.5 <= d <= r
    if label == 7: return abs(dx) + abs(dy) <= r
    if label == 8: return d <= r / 3
    return (abs(dx) <= 2 and -r <= dy <= r) or (abs(dy - r) <= 2 and 0 <= dx <= r)


def shape(label, size, rng):
    r = size * rng.uniform(0.22, 0.38)
    cx = size / 2 + rng.uniform(-3, 3)
    cy = size / 2 + rng.uniform(-3, 3)
    rows = []
    for y in range(size):
        row = bytearray(size)
        for x in range(size):
            v = 220 if inside(label, x + 0.5, y + 0.5, cx, cy, r) else 20
            row[x] = max(0, min(255, v + rng.randint(-15, 15)))
        rows.append(bytes(row))
    return rows


def png(rows, size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + row for row in rows)  # filter 0 per row
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--images", type=int, default=100000)
    p.add_argument("--test-fraction", type=float, default=0.2)
    p.add_argument("--size", type=int, default=28)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    per_class = a.images // len(CLASSES)
    test = int(round(per_class * a.test_fraction))
    for label, name in enumerate(CLASSES):
        for split, count in (("train", per_class - test), ("test", test)):
            folder = os.path.join(a.out, split, name)
            os.makedirs(folder, exist_ok=True)
            for i in range(count):
                with open(os.path.join(folder, "%06d.png" % i), "wb") as f:
                    f.write(png(shape(label, a.size, rng), a.size))
    print("wrote %d images of %d classes into %s" % (per_class * len(CLASSES), len(CLASSES), a.out))


if __name__ == "__main__":
    main()
