#!/usr/bin/env python3
"""The hub under load, per engine and kiosk count. Run through `scripts/bench-load`.

Each point starts from nothing: a new data directory (and, for PostgreSQL, a new database),
the demo catalogue, N kiosks enrolled (999 numbered, the rest without a number: a hub numbers
999 kiosks), a release hub serving on loopback, and `anjungan-loadgen --json` for the given
duration watching the hub's process (and PostgreSQL's). The storm point gives every kiosk an
hour of backlog and starts them all at once.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def fresh_database(server, name):
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        sh("psql", "-q", f"{server}/postgres", "-c", sql, stdout=subprocess.DEVNULL)
    return f"{server}/{name}"


def postmaster_pid(pg_dir):
    with open(os.path.join(pg_dir, "postmaster.pid")) as f:
        return int(f.readline())


def point(args, engine, kiosks, backlog):
    data = tempfile.mkdtemp(prefix="anjungan-bench-")
    store = ["--data", data]
    watch = []
    if engine == "postgres":
        store += ["--database", fresh_database(args.postgres, "anjungan_bench")]
        watch = ["--watch-pid", str(postmaster_pid(args.pg_dir))]
    hub = os.path.join(args.bin, "anjungan-hub")
    sh(hub, "demo", *store, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # The tokens are secrets: a private file, outside the hub's data directory.
    tokens = os.path.join(tempfile.mkdtemp(prefix="anjungan-tokens-"), "tokens.txt")
    with os.fdopen(os.open(tokens, os.O_WRONLY | os.O_CREAT, 0o600), "w") as out:
        numbered = min(kiosks, 999)
        sh(hub, "enrol", *store, "--kiosk", "lg", "--count", str(numbered), stdout=out)
        if kiosks > numbered:
            sh(hub, "enrol", *store, "--kiosk", "lgu", "--count", str(kiosks - numbered),
               "--unnumbered", stdout=out)
    serve = ["--max-connections", str(args.max_connections)] if args.max_connections else []
    # Every simulated kiosk connects from this one machine's address.
    serve += ["--max-connections-per-address", str(max(kiosks * 2, 256)),
              "--kiosk-items-per-day", str(10**9)]
    server = subprocess.Popen([hub, "serve", *store, "--listen", "127.0.0.1:0", *serve],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        url = line.strip().split()[-1]
        cmd = [os.path.join(args.bin, "anjungan-loadgen"), "--hub", url, "--tokens", tokens,
               "--kiosks", str(kiosks), "--duration-s",
               str(args.storm_duration_s if backlog else args.duration_s), "--json",
               "--watch-pid", str(server.pid), *watch]
        if backlog:
            cmd += ["--backlog-items", str(backlog)]
        report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        subprocess.run(["rm", "-rf", data, os.path.dirname(tokens)])
    report["engine"] = engine
    return report


def svg(results, path):
    """p99 against kiosks (log scale), one line per engine, the 100 ms target dashed."""
    w, h, left, bottom, top, right = 640, 360, 60, 40, 20, 120
    pts = [r for r in results if not r.get("storm")]
    xs = sorted({r["kiosks"] for r in pts})
    if not xs:
        return
    import math
    lx = [math.log10(x) for x in xs]
    ymax = max(200.0, max(r["p99_ms"] for r in pts) * 1.1)
    ly = lambda v: math.log10(max(v, 0.5))
    y0, y1 = ly(0.5), ly(ymax)
    X = lambda k: left + (math.log10(k) - lx[0]) / max(lx[-1] - lx[0], 1e-9) * (w - left - right)
    Y = lambda v: h - bottom - (ly(v) - y0) / (y1 - y0) * (h - bottom - top)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{left}" y1="{h-bottom}" x2="{w-right}" y2="{h-bottom}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h-bottom}" stroke="black"/>',
           f'<line x1="{left}" y1="{Y(100):.1f}" x2="{w-right}" y2="{Y(100):.1f}" stroke="#999" stroke-dasharray="4 3"/>',
           f'<text x="{w-right+4}" y="{Y(100)+4:.1f}">100 ms</text>']
    last_label = -1e9
    for k in xs:
        out.append(f'<line x1="{X(k):.1f}" y1="{h-bottom}" x2="{X(k):.1f}" y2="{h-bottom+4}" stroke="black"/>')
        if X(k) - last_label >= 36 or k == xs[-1]:
            out.append(f'<text x="{X(k):.1f}" y="{h-bottom+16}" text-anchor="middle">{k}</text>')
            last_label = X(k)
    for v in (1, 10, 100, 1000, 10000, 30000):
        if v <= ymax:
            out.append(f'<text x="{left-6}" y="{Y(v)+4:.1f}" text-anchor="end">{v}</text>')
    out.append(f'<text x="{(w-right+left)/2}" y="{h-6}" text-anchor="middle">kiosks</text>')
    out.append(f'<text x="14" y="{top+(h-top-bottom)/2}" transform="rotate(-90 14 {top+(h-top-bottom)/2})" text-anchor="middle">p99 ms</text>')
    colours = {"sqlite": "#1f77b4", "postgres": "#d62728"}
    for i, engine in enumerate(sorted({r["engine"] for r in pts})):
        line = sorted((r["kiosks"], r["p99_ms"]) for r in pts if r["engine"] == engine)
        d = " ".join(f"{X(k):.1f},{Y(v):.1f}" for k, v in line)
        c = colours.get(engine, "black")
        out.append(f'<polyline points="{d}" fill="none" stroke="{c}" stroke-width="2"/>')
        out += [f'<circle cx="{X(k):.1f}" cy="{Y(v):.1f}" r="3" fill="{c}"/>' for k, v in line]
        out.append(f'<text x="{w-right+4}" y="{h-bottom-40+16*i}" fill="{c}">{engine}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--postgres", required=True)
    p.add_argument("--pg-dir", required=True)
    p.add_argument("--kiosks", default="250,500,1000,2000,4000,8000")
    p.add_argument("--duration-s", type=int, default=60)
    p.add_argument("--storm-duration-s", type=int, default=120)
    p.add_argument("--storm-kiosks", type=int, default=1000)
    p.add_argument("--backlog-items", type=int, default=30)
    p.add_argument("--engines", default="sqlite,postgres")
    p.add_argument("--out", default="bench-load")
    p.add_argument("--max-connections", type=int, default=0,
                   help="the hub's --max-connections (default: the hub's own)")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    results = []
    print(f"{'engine':<9} {'kiosks':>6} {'req/s':>7} {'items/s':>7} {'errors':>6} {'p50 ms':>7} "
          f"{'p99 ms':>8} {'max ms':>8} {'hub cores':>9} {'hub PSS MiB':>11} {'gen cores':>9}", flush=True)
    plan = [(e, int(k), 0) for e in args.engines.split(",") for k in args.kiosks.split(",")]
    if args.storm_kiosks:
        plan += [(e, args.storm_kiosks, args.backlog_items) for e in args.engines.split(",")]
    for engine, kiosks, backlog in plan:
        r = point(args, engine, kiosks, backlog)
        results.append(r)
        hub = r.get("hub") or {}
        label = f"{kiosks}" + (" storm" if backlog else "")
        print(f"{engine:<9} {label:>6} {r['requests_per_s']:>7.1f} {r['items_per_s']:>7.2f} "
              f"{r['errors']:>6} {r['p50_ms']:>7.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} "
              f"{hub.get('cpu_cores', 0):>9.2f} {hub.get('peak_pss_mib', 0):>11.0f} "
              f"{r['loadgen']['cpu_cores']:>9.2f}", flush=True)
        if backlog and r.get("storm"):
            s = r["storm"]
            print(f"{'':<9} storm: {s['kiosks_drained']}/{kiosks} kiosks delivered {backlog} items "
                  f"each; p50 {s['drained_p50_s']:.1f} s, max {s['drained_max_s']:.1f} s", flush=True)
        with open(os.path.join(args.out, f"{engine}-{label.replace(' ', '-')}.json"), "w") as f:
            json.dump(r, f, indent=1)
    svg(results, os.path.join(args.out, "p99.svg"))
    for engine in args.engines.split(","):
        over = [r["kiosks"] for r in results
                if r["engine"] == engine and not r.get("storm") and r["p99_ms"] > 100]
        print(f"knee ({engine}): " + (f"p99 passes 100 ms at {min(over)} kiosks" if over
                                      else "p99 under 100 ms at every count measured"))


if __name__ == "__main__":
    sys.exit(main())
