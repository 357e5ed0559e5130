#!/usr/bin/env python3
"""Start-up time and memory: the release app against `chromium --kiosk` showing the same built
UI, in the same run, under one Xvfb. Run through `scripts/bench-start`, which builds first.

Per round and subject it measures, from the moment the process is started:
- mapped: the first window of at least 640x480 mapped on the X server (an X event, no polling);
- painted: the first screen painted, as the page itself reports it (`lib/startup.ts`): the app
  logs it from the core ("first screen painted ... at_unix_ms"), Chromium prints the page's
  console line on stderr;
- PSS and RSS of the whole process tree after it has settled (/proc/PID/smaps_rollup).

Each subject gets one launch first that is not counted (the app's store is created, Chromium's
profile written, files reach the page cache); the counted rounds then alternate the subjects.
"""
import argparse
import functools
import http.server
import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from Xlib import X, display as xdisplay

APP_MARK = re.compile(rb"first screen painted.*?at_unix_ms\S*?=\S*?([0-9][0-9.]+)")
PAGE_MARK = re.compile(rb"anjungan:first-paint ([0-9.]+)")


def start_xvfb():
    for n in range(90, 120):
        if os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                return proc, f":{n}"
            time.sleep(0.05)
        proc.kill()
    sys.exit("bench-start: no free X display")


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def tree(root_pid, sid):
    """The process and its descendants, plus anything left in its session."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            parents[int(entry)] = (int(fields[1]), int(fields[3]))
        except OSError:
            continue
    found = {root_pid}
    changed = True
    while changed:
        changed = False
        for pid, (ppid, psid) in parents.items():
            if pid not in found and (ppid in found or psid == sid):
                found.add(pid)
                changed = True
    return found


def memory_kib(pids):
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            continue
    return pss, rss


def read_available(fd, buf):
    try:
        chunk = os.read(fd, 65536)
    except BlockingIOError:
        return True
    if not chunk:
        return False
    buf.extend(chunk)
    return True


def launch(argv, env, mark, disp, settle_s, timeout_s=30.0):
    """Starts argv, waits for its window and its painted mark, settles, measures, stops it."""
    root = disp.screen().root
    root.change_attributes(event_mask=X.SubstructureNotifyMask)
    disp.sync()
    while disp.pending_events():
        disp.next_event()
    out = bytearray()
    t0 = time.time()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    os.set_blocking(proc.stderr.fileno(), False)
    mapped = painted = None
    xfd = disp.fileno()
    open_stderr = True
    deadline = t0 + timeout_s
    try:
        while (mapped is None or painted is None) and time.time() < deadline:
            fds = [xfd] + ([proc.stderr.fileno()] if open_stderr else [])
            ready, _, _ = select.select(fds, [], [], 0.05)
            now = time.time()
            if xfd in ready or disp.pending_events():
                while disp.pending_events():
                    ev = disp.next_event()
                    if ev.type == X.MapNotify and mapped is None:
                        try:
                            g = ev.window.get_geometry()
                        except Exception:
                            continue
                        if g.width >= 640 and g.height >= 480:
                            mapped = now - t0
            if open_stderr and proc.stderr.fileno() in ready:
                open_stderr = read_available(proc.stderr.fileno(), out)
                m = mark.search(out)
                if m and painted is None:
                    painted = float(m.group(1)) / 1000.0 - t0
            if proc.poll() is not None:
                break
        if painted is None:
            tail = out[-2000:].decode(errors="replace")
            raise RuntimeError(f"{argv[0]}: no painted mark within {timeout_s} s\n{tail}")
        time.sleep(settle_s)
        pss, rss = memory_kib(tree(proc.pid, os.getsid(proc.pid)))
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        root.change_attributes(event_mask=0)
        disp.sync()
    return {"mapped_s": mapped, "painted_s": painted, "pss_mib": pss / 1024, "rss_mib": rss / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--settle-s", type=float, default=5.0)
    ap.add_argument("--app", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--dist", required=True)
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--before", metavar="APP",
                    help="an earlier build of the app, measured in the same rounds (before/after)")
    args = ap.parse_args()

    xvfb, display_name = start_xvfb()
    work = tempfile.mkdtemp(prefix="bench-start-")
    server = serve(args.dist)
    try:
        disp = xdisplay.Display(display_name)
        base = {k: v for k, v in os.environ.items() if not k.startswith("ANJUNGAN_")}
        base["DISPLAY"] = display_name

        data = os.path.join(work, "kiosk")
        subprocess.run([args.cli, "--data", data, "init", "--pin", "-"], check=True,
                       input=b"246810\n", stdout=subprocess.DEVNULL)
        app_env = dict(base, ANJUNGAN_DATA=data, ANJUNGAN_LOG="info")
        app = ([args.app], app_env, APP_MARK)

        profile = os.path.join(work, "chromium")
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        chromium_argv = [
            args.chromium, "--kiosk", url, f"--user-data-dir={profile}",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic",
            "--enable-logging=stderr", "--v=0",
        ]
        if os.geteuid() == 0:
            chromium_argv.append("--no-sandbox")
        chromium = (chromium_argv, base, PAGE_MARK)

        subjects = {"anjungan": app, "chromium": chromium}
        if args.before:
            subjects = {"before": ([args.before], app_env, APP_MARK), **subjects}
        for name, (argv, env, mark) in subjects.items():
            launch(argv, env, mark, disp, 1.0)  # warm-up, not counted
        rounds = []
        for i in range(args.rounds):
            for name, (argv, env, mark) in subjects.items():
                r = launch(argv, env, mark, disp, args.settle_s)
                r.update(round=i + 1, subject=name)
                rounds.append(r)
                if not args.json:
                    print(f"round {i + 1} {name:9} mapped {r['mapped_s'] or float('nan'):.3f} s  "
                          f"painted {r['painted_s']:.3f} s  PSS {r['pss_mib']:.1f} MiB  "
                          f"RSS {r['rss_mib']:.1f} MiB", flush=True)
        summary = {}
        for name in subjects:
            mine = [r for r in rounds if r["subject"] == name]
            summary[name] = {
                key: statistics.median(r[key] for r in mine if r[key] is not None)
                for key in ("mapped_s", "painted_s", "pss_mib", "rss_mib")
            }
        ratios = {name: {key: summary[name][key] / summary["chromium"][key]
                         for key in summary[name]}
                  for name in subjects if name != "chromium"}
        if args.json:
            print(json.dumps({"rounds": rounds, "median": summary, "ratio": ratios["anjungan"],
                              "ratios": ratios}, indent=1))
        else:
            apps = [name for name in subjects if name != "chromium"]
            print()
            print("| median | " + " | ".join(apps) + " | chromium --kiosk | "
                  + " | ".join(f"ratio {name}" for name in apps) + " |")
            print("|---|" + "---|" * (2 * len(apps) + 1))
            for key, label in (("mapped_s", "window mapped (s)"),
                               ("painted_s", "first screen painted (s)"),
                               ("pss_mib", "PSS, process tree (MiB)"),
                               ("rss_mib", "RSS, process tree (MiB)")):
                cells = [f"{summary[name][key]:.3f}" for name in apps]
                cells.append(f"{summary['chromium'][key]:.3f}")
                cells += [f"{ratios[name][key]:.2f}" for name in apps]
                print(f"| {label} | " + " | ".join(cells) + " |")
    finally:
        server.shutdown()
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
