#!/usr/bin/env python3
"""Formats bench JSON objects (one per line, from stdin) as a markdown table, then compares
the camera pipeline with zxing-cpp (the peer) per framing: p95 ratio (target <= 2) and
decode count (target: at least the peer's)."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
print("| decoder | frames | decoded | wrong | median ms | p95 ms |")
print("|---|---|---|---|---|---|")
for r in rows:
    name = r.get("decoder") or "anjungan " + r["pipeline"]
    print(f"| {name} | {r['framing']} | {r['decoded']}/{r['total']} | {r['wrong']} "
          f"| {r['median_ms']:.2f} | {r['p95_ms']:.2f} |")
print()
for framing in dict.fromkeys(r["framing"] for r in rows):
    ours = next((r for r in rows if r["framing"] == framing and r.get("pipeline") == "camera"), None)
    peer = next((r for r in rows if r["framing"] == framing and "decoder" in r), None)
    if not ours or not peer or not peer["p95_ms"]:
        continue
    ratio = ours["p95_ms"] / peer["p95_ms"]
    ok = ratio <= 2 and ours["decoded"] >= peer["decoded"]
    print(f"- {framing}: camera p95 {ours['p95_ms']:.2f} ms = {ratio:.2f}x zxing-cpp's "
          f"{peer['p95_ms']:.2f} ms; decoded {ours['decoded']} vs {peer['decoded']} "
          f"({'target met' if ok else 'TARGET MISSED'})")
