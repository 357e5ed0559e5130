#!/usr/bin/env python3
"""Formats one bench JSON object (from stdin) as a markdown table row."""
import json
import sys

r = json.load(sys.stdin)
name = r.get("decoder") or "anjungan " + r["pipeline"]
print(f"| {name} | {r['framing']} | {r['decoded']}/{r['total']} | {r['wrong']} | {r['median_ms']:.2f} | {r['p95_ms']:.2f} |")
