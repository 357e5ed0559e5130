#!/usr/bin/env python3
"""zxing-cpp on the same corpus and framing as `anjungan-cli qr bench`, for comparison.

Usage: zxing_bench.py CORPUS [--frame-720p | --frame-1080p] [--repeat N].
With --repeat, each image is decoded N times and its fastest time kept, as the CLI does. Prints one JSON object like the CLI's.
Decode call only, on a greyscale array already in memory.
"""
import json
import pathlib
import statistics
import sys
import time

import numpy as np
import zxingcpp
from PIL import Image


def frame(img, fw, fh):
    w, h = img.size
    f = min(fw / w, fh / h)
    nw, nh = max(1, int(w * f)), max(1, int(h * f))
    framed = Image.new("L", (fw, fh), 128)
    framed.paste(img.resize((nw, nh), Image.BILINEAR), ((fw - nw) // 2, (fh - nh) // 2))
    return framed


def main():
    root = pathlib.Path(sys.argv[1])
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    size = (1280, 720) if "--frame-720p" in sys.argv else (1920, 1080) if "--frame-1080p" in sys.argv else None
    times, decoded, wrong, total = [], 0, 0, 0
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            continue
        txt = path.with_suffix(".txt")
        if not txt.exists():
            continue
        total += 1
        # Bytes, not read_text: universal newlines would turn the payloads' \r\n into \n.
        expected = txt.read_bytes().decode("utf-8", errors="replace").strip()
        img = Image.open(path).convert("L")
        if size:
            img = frame(img, *size)
        arr = np.asarray(img)
        fastest = float("inf")
        for _ in range(max(1, repeat)):
            t = time.perf_counter()
            results = zxingcpp.read_barcodes(arr, formats=zxingcpp.BarcodeFormat.QRCode)
            fastest = min(fastest, (time.perf_counter() - t) * 1000)
        times.append(fastest)
        if results:
            if results[0].text.strip() == expected:
                decoded += 1
            else:
                wrong += 1
    times.sort()
    p95 = times[round((len(times) - 1) * 0.95)] if times else 0.0
    print(json.dumps({"decoder": "zxing-cpp " + getattr(zxingcpp, "__version__", "3"),
                      "framing": f"frame{size[1]}p" if size else "as_is", "decoded": decoded,
                      "total": total, "wrong": wrong, "median_ms": statistics.median(times) if times else 0.0,
                      "p95_ms": p95}))


if __name__ == "__main__":
    main()
