"""Writes docs/benchmarks.md and its SVG ratio chart from bench/run.sh's results.tsv.

usage: report.py RESULTS_TSV META_TXT OUT_MD OUT_SVG
results.tsv lines: round, workload, server, metric, value (round 0 = whole run, e.g. VmHWM).
Medians over the rounds, min-max ranges, ratios videokit / peer per round and of the medians,
the issue-12 bars judged on the medians. Never fails on a timing (a missing value is "n/a").
Python stdlib only (run with /usr/bin/python3).
"""

import math
import os
import statistics
import sys
from collections import defaultdict

TITLES = {
    "range": "64 KiB ranges at random offsets, 64 connections",
    "probe": "`bytes=0-1` probes, 64 connections",
    "large": "`bytes=N-` reads to the end, 16 connections",
    "multi": "3 large ranges in one multipart/byteranges response",
    "slow": "slow viewers (SlowViewers.java)",
    "upload": "tus upload in PATCH chunks",
    "upload1": "tus upload in one PATCH",
}
MAIN_METRIC = {"range": "rps", "probe": "rps", "large": "mibps", "multi": "mibps",
               "slow": "ttfb_p99_ms", "upload": "mbps", "upload1": "mbps"}
UNIT = {"rps": "req/s", "mibps": "MiB/s", "mbps": "MB/s", "ttfb_p99_ms": "ms TTFB p99"}
# (workload, videokit server, peer, metric, bar: (op, threshold) or None, label)
COMPARISONS = [
    ("range", "videokit", "nginx", "rps", (">=", 0.8), "64 KiB ranges, watch on, vs nginx"),
    ("range", "videokit", "django", "rps", (">=", 10.0), "64 KiB ranges vs Django"),
    ("range", "videokit", "videokit-nowatch", "rps", None, "64 KiB ranges, watch on vs off"),
    ("range", "videokit-nowatch", "nginx", "rps", None, "64 KiB ranges, watch off, vs nginx"),
    ("range", "videokit", "videokit-chain", "rps", None,
     "64 KiB ranges, front path vs through the security chain"),
    ("range", "tomcat", "nginx", "rps", None, "64 KiB ranges, bare Tomcat (servlet ceiling) vs nginx"),
    ("range", "videokit", "tomcat", "rps", None, "64 KiB ranges, watch on, vs bare Tomcat"),
    ("probe", "videokit", "nginx", "rps", (">=", 0.5), "bytes=0-1 probes vs nginx"),
    ("probe", "videokit-nowatch", "nginx", "rps", None, "bytes=0-1 probes, watch off, vs nginx"),
    ("probe", "videokit", "videokit-chain", "rps", None,
     "bytes=0-1 probes, front path vs through the security chain"),
    ("probe", "tomcat", "nginx", "rps", None, "bytes=0-1 probes, bare Tomcat (servlet ceiling) vs nginx"),
    ("probe", "videokit", "tomcat", "rps", None, "bytes=0-1 probes, watch on, vs bare Tomcat"),
    ("large", "videokit", "nginx", "mibps", (">=", 0.9), "bytes=N- reads vs nginx"),
    ("multi", "videokit", "nginx", "mibps", None, "3-range multipart vs nginx"),
    ("slow", "videokit", "nginx", "ttfb_p99_ms", ("<=", 3.0), "slow viewers TTFB p99 vs nginx"),
    ("upload", "videokit", "tus-node", "mbps", (">=", 1.0), "tus upload (chunks) vs @tus/server"),
    ("upload", "videokit", "dd", "mbps", (">=", 0.5), "tus upload (chunks) vs dd conv=fsync"),
    ("upload1", "videokit", "tus-node", "mbps", None, "tus upload (one PATCH) vs @tus/server"),
]


def load(path):
    data = defaultdict(dict)  # (workload, server, metric) -> {round: value}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                continue
            r, wl, s, m, v = parts
            try:
                data[(wl, s, m)][int(r)] = float(v)
            except ValueError:
                pass
    return data


def med(values):
    return statistics.median(values) if values else None


def fmt(v, digits=None):
    if v is None:
        return "n/a"
    if digits is None:
        digits = 0 if abs(v) >= 100 or v == int(v) else (1 if abs(v) >= 10 else 2)
    return f"{v:,.{digits}f}"


def cell(data, wl, s, m):
    vals = [v for r, v in sorted(data.get((wl, s, m), {}).items()) if r > 0]
    if not vals:
        return "–"
    if len(vals) == 1:
        return fmt(vals[0])
    return f"{fmt(med(vals))} ({fmt(min(vals))}–{fmt(max(vals))})"


def ratios(data, wl, a, b, m):
    av, bv = data.get((wl, a, m), {}), data.get((wl, b, m), {})
    per_round = [av[r] / bv[r] for r in sorted(av) if r > 0 and r in bv and bv[r] > 0]
    ma, mb = med([v for r, v in av.items() if r > 0]), med([v for r, v in bv.items() if r > 0])
    of_medians = ma / mb if ma is not None and mb else None
    return of_medians, per_round


def judge(value, bar):
    if value is None:
        return "n/a"
    op, t = bar
    ok = value >= t if op == ">=" else value <= t
    return "**pass**" if ok else "**FAIL**"


def svg_chart(rows, path):
    """Horizontal bars of videokit / peer on a log scale (0.01x..100x), the bar as a tick."""
    width, left, right, top, row_h = 860, 330, 40, 50, 28
    height = top + row_h * len(rows) + 50
    lo, hi = math.log10(0.01), math.log10(100)

    def x(v):
        v = min(max(v, 0.01), 100)
        return left + (math.log10(v) - lo) / (hi - lo) * (width - left - right)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="14" font-weight="bold">videokit / peer (median of rounds; '
           f'log scale; longer = better for videokit, TTFB inverted)</text>']
    for t in (0.01, 0.1, 1, 10, 100):
        out.append(f'<line x1="{x(t):.1f}" y1="{top - 8}" x2="{x(t):.1f}" y2="{height - 40}" '
                   f'stroke="{"#333" if t == 1 else "#ccc"}"/>')
        out.append(f'<text x="{x(t):.1f}" y="{height - 24}" text-anchor="middle">{t:g}×</text>')
    for i, (label, value, bar, invert) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{label}</text>')
        if value is None:
            out.append(f'<text x="{left + 4}" y="{y + 17}">n/a</text>')
            continue
        shown = 1 / value if invert and value > 0 else value
        x0, x1 = x(1), x(shown)
        colour = "#888"
        if bar:
            target = 1 / bar[1] if invert else bar[1]
            colour = "#2a7" if shown >= target else "#d33"
            out.append(f'<line x1="{x(target):.1f}" y1="{y + 2}" x2="{x(target):.1f}" y2="{y + 24}" '
                       f'stroke="black" stroke-width="2" stroke-dasharray="3,2"/>')
        out.append(f'<rect x="{min(x0, x1):.1f}" y="{y + 6}" width="{max(abs(x1 - x0), 1):.1f}" height="16" '
                   f'fill="{colour}"/>')
        out.append(f'<text x="{max(x0, x1) + 4:.1f}" y="{y + 18}">{value:.2f}×</text>')
    out.append(f'<text x="{left}" y="{height - 6}" fill="#555">green/red: meets/misses the issue-12 bar '
               f'(dashed tick); grey: no bar</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    tsv, meta_path, out_md, out_svg = sys.argv[1:5]
    data = load(tsv)
    meta = {}
    with open(meta_path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    smoke = meta.get("smoke") == "1"
    servers = sorted({s for (_, s, _) in data})
    lines = ["# Benchmarks: videokit vs nginx, the seeds' Django approach, @tus/server and dd", ""]
    if smoke:
        lines += ["> **Smoke run** (tiny files, 1 round, seconds per workload): it proves every workload and "
                  "check works; its timings mean nothing.", ""]
    lines += [f"Generated by `{meta.get('command', 'bash bench/run.sh')}` (see [bench/README.md]"
              f"(../bench/README.md)); raw outputs in `bench/results/raw/` (not committed).", "",
              "## Machine and run", ""]
    for k, label in (("when", "When"), ("commit", "Checkout"), ("jar", "Server jar"), ("cpu", "CPU"),
                     ("memory", "Memory"), ("kernel", "Kernel"), ("jdk", "JDK"), ("nginx", "nginx"),
                     ("node", "Node"), ("gunicorn", "gunicorn"), ("wrk", "Load generator"),
                     ("load", "Load average (1/5/15 min)"), ("elapsed", "Run time"), ("settings", "Settings"),
                     ("multi", "Multipart ranges")):
        if k in meta:
            lines.append(f"- **{label}**: {meta[k]}")
    lines += ["", "Everything runs on 127.0.0.1 on the same cores (load generator included), so absolute "
              "numbers move with whatever else runs; the ratios from the same interleaved rounds are what "
              "counts. Cells are `median (min–max)` over the rounds.", "",
              "## Ratios and the issue's bars", "",
              "| comparison | metric | videokit / peer (median) | per round | bar | result |",
              "|---|---|--:|--:|--:|---|"]
    chart = []
    for wl, a, b, m, bar, label in COMPARISONS:
        value, per_round = ratios(data, wl, a, b, m)
        bar_txt = f"{bar[0]} {bar[1]:g}×" if bar else "–"
        result = judge(value, bar) if bar else "–"
        if smoke and bar:
            result += " (smoke: not judged)"
        rounds = ", ".join(f"{v:.2f}" for v in per_round) or "n/a"
        lines.append(f"| {label} | {UNIT.get(m, m)} | {fmt(value, 2)}× | {rounds} | {bar_txt} | {result} |")
        chart.append((label, value, bar, m == "ttfb_p99_ms"))
    # Absolute bars
    # -1 is the harness's "SlowViewers printed no result": nothing was measured, so nothing passes
    slow_err = med([v for r, v in data.get(("slow", "videokit", "errors"), {}).items()
                    if r > 0 and v >= 0])
    slow_rss = med([v for r, v in data.get(("slow", "videokit", "rss_peak_mib"), {}).items() if r > 0])
    lines.append(f"| slow viewers: videokit errors | errors | {fmt(slow_err, 0)} | – | = 0 | "
                 f"{judge(slow_err, ('<=', 0)) if slow_err is not None else 'n/a'} |")
    lines.append(f"| slow viewers: videokit RSS peak | MiB | {fmt(slow_rss, 0)} | – | <= 300 MiB | "
                 f"{judge(slow_rss, ('<=', 300)) if slow_rss is not None else 'n/a'}"
                 f"{' (smoke: not judged)' if smoke else ''} |")
    lines += ["", f"![videokit / peer ratios]({os.path.basename(out_svg)})", "",
              "## All numbers", "",
              "| workload | server | main metric | p99 latency ms | errors | server CPU µs/request | RSS peak MiB |",
              "|---|---|--:|--:|--:|--:|--:|"]
    for wl in TITLES:
        for s in servers:
            m = MAIN_METRIC[wl]
            if (wl, s, m) not in data:
                continue
            p99 = cell(data, wl, s, "ttfb_p99_ms" if wl == "slow" else "p99_ms") if wl not in ("upload", "upload1") else "–"
            cpu = cell(data, wl, s, "cpu_ms_per_gib") + " ms/GiB" if wl in ("upload", "upload1", "large", "multi") and s != "dd" \
                else cell(data, wl, s, "cpu_us_per_req")
            lines.append(f"| {TITLES[wl]} | {s} | {cell(data, wl, s, m)} {UNIT[m] if m != 'ttfb_p99_ms' else 'ms TTFB p99'} "
                         f"| {p99} | {cell(data, wl, s, 'errors')} | {cpu} | {cell(data, wl, s, 'rss_peak_mib')} |")
    lines += ["", "Lifetime peak RSS (VmHWM, MiB, process + children) at the end of the run: " +
              ", ".join(f"{s} {fmt(data[('all', s, 'vmhwm_mib')].get(0), 0)}" for s in servers
                        if ("all", s, "vmhwm_mib") in data), "",
              "## How to read this", "",
              "- `videokit` runs with watch sessions on (the default); `videokit-nowatch` with "
              "`--videokit.watch.enabled=false`. Both `-Xmx256m`, in-memory H2, warmed up before round 1. "
              "`videokit-chain` is the `videokit` server again, each request with `Cookie: bench=1`: "
              "a cookie may be a session, so the request goes through the security chain and MVC "
              "instead of the front path for credential-less reads (decision 10).",
              "- CPU per request = the server's utime+stime delta (`/proc/<pid>/stat`, process and its "
              "direct children) over the run divided by the requests wrk completed; uploads, `bytes=N-` "
              "reads and multipart show CPU ms per GiB moved instead (few, huge requests). RSS peak = the highest VmRSS sampled every 0.2 s during that run.",
              "- errors = wrk socket errors + non-2xx/3xx answers (slow viewers: connect/read failures + "
              "non-2xx, as SlowViewers.java counts them). A row with errors is suspect.",
              "- Django follows seed 004's view (the code django-sage-streaming packages): "
              "`StreamingHttpResponse` over an 8 KiB-chunk file iterator, the seed's Range regex, on "
              "gunicorn sync workers; it honours the requested end (the seed always sends 8 MiB) unless "
              "`BENCH_DJANGO_HONOUR_END=0`. See `bench/django/benchsite.py`.",
              "- The tus peer is `@tus/server` with `@tus/file-store`, which never fsyncs; videokit "
              "fsyncs each PATCH before acknowledging it (the crash guarantee), `dd conv=fsync` is the "
              "disk's ceiling for the same bytes. videokit is given one user with a BCrypt-hashed "
              "password (cost 10), so the uploads include whatever credential check each PATCH costs.",
              ""]
    with open(out_md, "w") as f:
        f.write("\n".join(lines))
    svg_chart(chart, out_svg)


main()
