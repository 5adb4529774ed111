#!/usr/bin/env bash
# Issue 12's whole benchmark matrix in one command: videokit against nginx, the seeds' Django
# approach on gunicorn, @tus/server's file store and dd, in interleaved rounds, with correctness
# checks first, CPU and RSS of every server, and a report in docs/benchmarks.md (+ an SVG chart).
#
#   bash bench/run.sh            # default: 3 rounds, ~20 min on 2 cores
#   bash bench/run.sh --smoke    # (or BENCH_SMOKE=1) tiny files, 1 round, ~2 s per workload;
#                                # fails on a correctness error, never on a timing
#
# Every knob is an environment variable; see bench/README.md ("run.sh") for the list.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
for a in "$@"; do
  case "$a" in
    --smoke) BENCH_SMOKE=1 ;;
    *) echo "usage: bash bench/run.sh [--smoke]" >&2; exit 2 ;;
  esac
done
SMOKE="${BENCH_SMOKE:-0}"

# ---------------------------------------------------------------------------------------------
# Settings (smoke mode changes the defaults, an explicit variable still wins)
# ---------------------------------------------------------------------------------------------
d() { # d NAME DEFAULT SMOKE_DEFAULT
  if [[ -z "${!1+x}" ]]; then
    if [[ "$SMOKE" == 1 ]]; then printf -v "$1" '%s' "$3"; else printf -v "$1" '%s' "$2"; fi
  fi
}
KNOBS=(ROUNDS DURATION WARMUP BIG_MIB RANGE_BYTES CONNECTIONS LARGE_CONNECTIONS MULTI_CONNECTIONS
  THREADS SLOW_CONNECTIONS SLOW_RATE_KIB SLOW_DURATION UPLOAD_MIB PATCH_MIB GUNICORN_WORKERS XMX
  NGINX_WORKERS WRK_TIMEOUT STARTUP_TIMEOUT SLOW_VIEWERS BENCH_JAVA_HOME JAR REPORT RAW_DIR
  BENCH_TMPDIR KEEP_TMP BENCH_DJANGO_HONOUR_END PEERS_DIR BENCH_WORKLOADS)
CMD_ENV=""
for k in "${KNOBS[@]}"; do # paths of this machine are named, not written into the report
  [[ -n "${!k+x}" ]] || continue
  case "$k" in
    JAR | REPORT | RAW_DIR | BENCH_TMPDIR | PEERS_DIR | SLOW_VIEWERS | BENCH_JAVA_HOME) CMD_ENV+="$k=<path> " ;;
    *) CMD_ENV+="$k=${!k} " ;;
  esac
done
d ROUNDS 3 1                     # interleaved rounds
d DURATION 15 2                  # seconds per measured wrk run
d WARMUP 30 1                    # seconds of JVM warm-up per streaming workload, per JVM (bench/README.md)
d BIG_MIB 1024 16                # the file every server serves (and the upload's size source)
d RANGE_BYTES 65536 65536        # length of each random range
d CONNECTIONS 64 64              # wrk -c for random ranges and probes
d LARGE_CONNECTIONS 16 16        # wrk -c for bytes=N- reads
d MULTI_CONNECTIONS 4 2          # wrk -c for 3-range multipart responses
d THREADS 2 2                    # wrk -t
d SLOW_CONNECTIONS 2000 50       # slow viewers
d SLOW_RATE_KIB 256 256          # KiB/s per slow viewer
d SLOW_DURATION 60 3             # seconds of slow viewing
d UPLOAD_MIB "$BIG_MIB" "$BIG_MIB" # tus upload size (<= BIG_MIB; the bytes come from big.mp4)
d PATCH_MIB 50 4                 # chunk size of the chunked tus upload
d GUNICORN_WORKERS $(($(nproc) * 2 + 1)) 2 # gunicorn's documented (2 x cores) + 1
d XMX 256m 256m
d NGINX_WORKERS auto auto
d WRK_TIMEOUT 10 10
d STARTUP_TIMEOUT 300 300
d REPORT "$REPO_DIR/docs/benchmarks.md" "$BENCH_DIR/results/raw/smoke-report.md"
d RAW_DIR "$BENCH_DIR/results/raw" "$BENCH_DIR/results/raw"
d KEEP_TMP 0 0
BENCH_JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$BENCH_JAVA_HOME/bin/java"
JAR="${JAR:-$REPO_DIR/videokit-server/target/videokit-server-0.1.0-SNAPSHOT.jar}"
SLOW_VIEWERS="${SLOW_VIEWERS:-$BENCH_DIR/SlowViewers.java}"
BENCH_TMPDIR="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"
PEERS_DIR="${PEERS_DIR:-$BENCH_DIR/.peers}"   # npm peers (git-ignored)
export BENCH_DJANGO_HONOUR_END="${BENCH_DJANGO_HONOUR_END:-1}"
TUS_SERVER_VERSION=2.4.5
TUS_FILE_STORE_VERSION=2.1.1
PY=/usr/bin/python3                         # Debian's python3 (python3-django), not a pyenv one
GUNICORN=/usr/bin/gunicorn

for n in ROUNDS DURATION WARMUP BIG_MIB RANGE_BYTES CONNECTIONS LARGE_CONNECTIONS MULTI_CONNECTIONS \
  THREADS SLOW_CONNECTIONS SLOW_RATE_KIB SLOW_DURATION UPLOAD_MIB PATCH_MIB GUNICORN_WORKERS; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "error: $n must be a whole number, got '${!n}'" >&2; exit 2; }
done
((ROUNDS >= 1 && ROUNDS <= 20 && DURATION >= 1 && DURATION <= 600)) || { echo "error: ROUNDS 1..20, DURATION 1..600" >&2; exit 2; }
((UPLOAD_MIB <= BIG_MIB && PATCH_MIB >= 1)) || { echo "error: need UPLOAD_MIB <= BIG_MIB, PATCH_MIB >= 1" >&2; exit 2; }
BIG_BYTES=$((BIG_MIB * 1024 * 1024))
UPLOAD_BYTES=$((UPLOAD_MIB * 1024 * 1024))
PATCH_BYTES=$((PATCH_MIB * 1024 * 1024))
((RANGE_BYTES >= 2 && RANGE_BYTES * 8 <= BIG_BYTES)) || { echo "error: RANGE_BYTES too large for BIG_MIB" >&2; exit 2; }

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
HOST=127.0.0.1
CURL=(curl --noproxy '*' -sS --max-time 600)
AUTH=(-u bench:bench)   # the BCrypt-hashed user given to videokit below (README "Users")
CLK_TCK="$(getconf CLK_TCK)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes and cleanup: only the pids this script started
# ---------------------------------------------------------------------------------------------
TMP=""
declare -A PID=()
SAMPLER_PID=""
stop_pid() {
  local pid="$1" i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? s
  trap - EXIT INT TERM
  stop_pid "$SAMPLER_PID"
  for s in "${!PID[@]}"; do stop_pid "${PID[$s]}"; done
  if [[ -n "$TMP" && -d "$TMP" ]]; then
    if [[ "$KEEP_TMP" == 1 || $rc -ne 0 ]]; then
      rm -rf "$TMP/media/big.mp4" "$TMP/chunks" "$TMP/uploads" "$TMP/tus" "$TMP/dd.bin" "$TMP"/*.body
      log "temp dir kept (logs, configs; big files removed): $TMP"
    else
      rm -rf "$TMP"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
set -o errtrace
trap 'log "error: exit $? at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Peers, installed idempotently
# ---------------------------------------------------------------------------------------------
ensure_tools() {
  local pkgs=()
  command -v wrk >/dev/null 2>&1 || pkgs+=(wrk)
  [[ -x /usr/sbin/nginx ]] || pkgs+=(nginx)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  [[ -x "$GUNICORN" ]] || pkgs+=(gunicorn)
  "$PY" -c 'import django' 2>/dev/null || pkgs+=(python3-django)
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
  if ((${#pkgs[@]})); then
    local sudo=""; [[ $EUID -eq 0 ]] || sudo="sudo"
    log "apt-get install ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 \
      || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null; }
  fi
  local stamp="$PEERS_DIR/.installed-server-$TUS_SERVER_VERSION-file-store-$TUS_FILE_STORE_VERSION"
  if [[ ! -f "$stamp" ]]; then
    log "npm install @tus/server@$TUS_SERVER_VERSION @tus/file-store@$TUS_FILE_STORE_VERSION into $PEERS_DIR"
    mkdir -p "$PEERS_DIR"
    (cd "$PEERS_DIR" && npm install --no-audit --no-fund --no-package-lock --silent \
      "@tus/server@$TUS_SERVER_VERSION" "@tus/file-store@$TUS_FILE_STORE_VERSION" >/dev/null)
    touch "$stamp"
  fi
  [[ -x "$JAVA" ]] || die "no java at $JAVA (set BENCH_JAVA_HOME)"
  if [[ ! -f "$JAR" ]]; then
    log "no jar at $JAR; building it"
    (cd "$REPO_DIR" && JAVA_HOME="$BENCH_JAVA_HOME" ./mvnw -B -ntp -q -pl videokit-server -am package -DskipTests -Dspotless.check.skip=true)
  fi
}

free_port() { # sets PORT (not echoed: USED_PORTS must survive, no subshell)
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 20000))
    [[ " ${USED_PORTS:-} " == *" $p "* ]] && continue
    if ! (: <"/dev/tcp/$HOST/$p") 2>/dev/null; then USED_PORTS+=" $p"; PORT="$p"; return 0; fi
  done
  die "no free port"
}

wait_for() { # wait_for NAME URL STATUS [curl args]
  local name="$1" url="$2" want="$3" code i
  shift 3
  for ((i = 0; i < STARTUP_TIMEOUT * 2; i++)); do
    kill -0 "${PID[$name]}" 2>/dev/null || die "$name exited during startup (log: $TMP/$name.log)"
    code="$("${CURL[@]}" --max-time 5 -o /dev/null -w '%{http_code}' "$@" "$url" 2>/dev/null || true)"
    [[ "$code" == "$want" ]] && { log "$name answers after ~$((i / 2)) s"; return 0; }
    sleep 0.5
  done
  die "$name did not answer $want within ${STARTUP_TIMEOUT}s (last: ${code:-none}; log $TMP/$name.log)"
}

declare -A BASE=() TUSURL=()
start_videokit() { # start_videokit NAME WATCH(true|false)
  local name="$1" port; free_port; port="$PORT"
  # Run from the temp dir so nothing (./data) lands in the caller's directory. One user with a
  # BCrypt-hashed password (cost 10, the password is "bench"), as a deployment would have: the
  # uploads pay whatever per-request credential check the server does.
  (cd "$TMP" && exec "$JAVA" "-Xmx$XMX" -jar "$JAR" \
    --server.port="$port" --server.address="$HOST" \
    --spring.datasource.url="jdbc:h2:mem:$name" \
    --videokit.storage.local.root="$TMP/media" \
    --videokit.uploads.directory="$TMP/uploads/$name" \
    --videokit.watch.enabled="$2" \
    '--videokit.server.users[0].name=bench' '--videokit.server.users[0].password={bcrypt}$2a$10$PzV3Wp8NUcfWsCZTZ8VOKezyiSdGSblIA.1rfT2Pv.Eq3rTqVdyom' \
    '--videokit.server.users[0].roles=ADMIN' >"$TMP/$name.log" 2>&1) &
  PID[$name]=$!
  BASE[$name]="http://$HOST:$port/api/stream/?path="
  TUSURL[$name]="http://$HOST:$port/api/uploads/"
}

start_nginx() {
  local port dir="$TMP/nginx" user_line=""; free_port; port="$PORT"
  mkdir -p "$dir/tmp"
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes $NGINX_WORKERS;
worker_rlimit_nofile 65536;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on;
  # no tcp_nopush: with it nginx stalls ~44 ms per 64 KiB response (issue 12)
  types { video/mp4 mp4; }
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen $HOST:$port;
    root $TMP/media;
    location / { }
  }
}
EOF
  /usr/sbin/nginx -t -q -c "$dir/nginx.conf" -p "$dir" 2>"$TMP/nginx.log" || die "nginx config: $(cat "$TMP/nginx.log")"
  /usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir" >>"$TMP/nginx.log" 2>&1 &
  PID[nginx]=$!
  BASE[nginx]="http://$HOST:$port/"
  wait_for nginx "${BASE[nginx]}big.mp4" 206 -H 'Range: bytes=0-1'
}

start_django() {
  local port; free_port; port="$PORT"
  BENCH_MEDIA_ROOT="$TMP/media" PYTHONDONTWRITEBYTECODE=1 "$PY" "$GUNICORN" --chdir "$BENCH_DIR/django" \
    --bind "$HOST:$port" --workers "$GUNICORN_WORKERS" --worker-class sync --log-level warning \
    benchsite:application >"$TMP/django.log" 2>&1 &
  PID[django]=$!
  BASE[django]="http://$HOST:$port/api/stream/?path="
  wait_for django "${BASE[django]}big.mp4" 206 -H 'Range: bytes=0-1'
}

start_tomcat() { # bench/ServletCeiling.java: bare Tomcat (the jar's own version), the servlet stack's ceiling
  local port dir="$TMP/ceiling"; free_port; port="$PORT"
  mkdir -p "$dir"
  "$PY" -c 'import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name = next(n for n in z.namelist() if n.startswith("BOOT-INF/lib/tomcat-embed-core-"))
open(os.path.join(sys.argv[2], "tomcat-embed-core.jar"), "wb").write(z.read(name))' "$JAR" "$dir" \
    || die "no tomcat-embed-core in $JAR"
  (cd "$dir" && exec "$JAVA" "-Xmx$XMX" -cp "$dir/tomcat-embed-core.jar" "$BENCH_DIR/ServletCeiling.java" \
    "$port" "$TMP/media/big.mp4") >"$TMP/tomcat.log" 2>&1 &
  PID[tomcat]=$!
  BASE[tomcat]="http://$HOST:$port/"
  wait_for tomcat "${BASE[tomcat]}big.mp4" 206 -H 'Range: bytes=0-1'
}

start_tus() {
  local port; free_port; port="$PORT"
  mkdir -p "$TMP/tus"
  TUS_PEERS="$PEERS_DIR" TUS_DIR="$TMP/tus" TUS_PORT="$port" node "$BENCH_DIR/peers/tus-server.mjs" >"$TMP/tus-node.log" 2>&1 &
  PID[tus-node]=$!
  TUSURL[tus-node]="http://$HOST:$port/files"
  wait_for tus-node "${TUSURL[tus-node]}" 204 -X OPTIONS -H 'Tus-Resumable: 1.0.0'
}

# ---------------------------------------------------------------------------------------------
# Measuring: CPU ticks and RSS of a server's process tree (pid + direct children)
# ---------------------------------------------------------------------------------------------
tree_pids() { echo "$1" $(pgrep -P "$1" 2>/dev/null || true); }
cpu_ticks() { # utime + stime of the tree, in clock ticks
  local t=0 p f
  for p in $(tree_pids "$1"); do
    f="$(cut -d')' -f2 "/proc/$p/stat" 2>/dev/null)" || continue
    t=$((t + $(awk '{ print $12 + $13 }' <<<"$f")))
  done
  echo "$t"
}
rss_kib() { # rss_kib PID [FIELD] summed over the tree
  local t=0 p v
  for p in $(tree_pids "$1"); do
    v="$(awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null || true)"
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
start_sampler() { # start_sampler PID OUT
  : >"$2"
  ( while kill -0 "$1" 2>/dev/null; do rss_kib "$1" >>"$2"; sleep 0.2; done ) &
  SAMPLER_PID=$!
}
stop_sampler() { stop_pid "$SAMPLER_PID"; SAMPLER_PID=""; }
max_of() { awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }' "$1"; }

RESULTS_TSV=""
header() { # header FILE NAME(lower case): the value of a response header (values may hold ':')
  awk -v h="$2" 'tolower(substr($0, 1, length(h) + 1)) == h ":" {
    v = substr($0, length(h) + 2); sub(/^[ \t]*/, "", v); sub(/\r$/, "", v); print v }' "$1"
}
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS_TSV"; } # round workload server metric value

# parse_wrk FILE -> "requests rps mibps p50_ms p99_ms errors" (ms as plain numbers)
parse_wrk() {
  awk '
    function bytes(s,   n, u) { n = s + 0; u = s; gsub(/[0-9.]/, "", u)
      if (u == "KB") n *= 1024; else if (u == "MB") n *= 1048576; else if (u == "GB") n *= 1073741824
      return n }
    function ms(s,   n) { n = s + 0; if (s ~ /us$/) n /= 1000; else if (s ~ /ms$/) n += 0; else if (s ~ /s$/) n *= 1000; return n }
    /requests in/    { reqs = $1 }
    /Requests\/sec:/ { rps = $2 }
    /Transfer\/sec:/ { tps = bytes($2) }
    /^[ \t]+50%/     { p50 = ms($2) }
    /^[ \t]+99%/     { p99 = ms($2) }
    /Socket errors:/ { line = $0; gsub(/,/, "", line); n = split(line, f, " ")
                       for (i = 1; i <= n; i++) if (f[i] ~ /^[0-9]+$/) errs += f[i] }
    /Non-2xx or 3xx/ { errs += $NF }
    END { if (rps == "") { print "0 0 0 0 0 -1"; exit }
          printf "%d %.1f %.1f %.3f %.3f %d\n", reqs, rps, tps / 1048576, p50, p99, errs }' "$1"
}

# measure_wrk ROUND WORKLOAD SERVER URL [wrk args...]
measure_wrk() {
  local r="$1" wl="$2" s="$3" url="$4" conns c0 c1 out reqs rps mibps p50 p99 errs
  shift 4
  local timeout=$WRK_TIMEOUT
  # large answers (hundreds of MiB each) may take longer than a run: no timeouts counted for them
  case "$wl" in
    large) conns=$LARGE_CONNECTIONS timeout=$((DURATION + 60)) ;;
    multi) conns=$MULTI_CONNECTIONS timeout=$((DURATION + 60)) ;;
    *) conns=$CONNECTIONS ;;
  esac
  out="$RAW_DIR/r$r-$wl-$s.txt"
  c0="$(cpu_ticks "${PID[$s]}")"
  start_sampler "${PID[$s]}" "$TMP/rss.txt"
  BENCH_FILE_SIZE="$BIG_BYTES" BENCH_RANGE_BYTES="$RANGE_BYTES" \
    wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout "${timeout}s" --latency "$@" "$url" >"$out" 2>&1 \
    || log "wrk $wl/$s exited non-zero; see $out"
  stop_sampler
  c1="$(cpu_ticks "${PID[$s]}")"
  read -r reqs rps mibps p50 p99 errs < <(parse_wrk "$out")
  record "$r" "$wl" "$s" rps "$rps"; record "$r" "$wl" "$s" mibps "$mibps"
  record "$r" "$wl" "$s" p50_ms "$p50"; record "$r" "$wl" "$s" p99_ms "$p99"
  record "$r" "$wl" "$s" errors "$errs"; record "$r" "$wl" "$s" rss_peak_mib "$(($(max_of "$TMP/rss.txt") / 1024))"
  if [[ "$wl" == large || "$wl" == multi ]]; then # few, huge answers: CPU per GiB served instead
    record "$r" "$wl" "$s" cpu_ms_per_gib "$(awk -v t="$((c1 - c0))" -v k="$CLK_TCK" -v m="$mibps" -v d="$DURATION" \
      'BEGIN { if (m > 0) printf "%d", t * 1000 / k * 1024 / (m * d); else print 0 }')"
  elif ((reqs > 0)); then
    record "$r" "$wl" "$s" cpu_us_per_req "$(((c1 - c0) * 1000000 / CLK_TCK / reqs))"
  fi
  log "r$r $wl/$s: $rps req/s, $mibps MiB/s, p99 ${p99} ms, errors $errs, CPU $(((c1 - c0) * 1000 / CLK_TCK)) ms"
}

MULTI_RANGES=""
wrk_for() { # wrk_for ROUND WORKLOAD SERVER: the wrk run of one workload against one server
  local url="${BASE[$3]}big.mp4" extra=()
  [[ "$3" == videokit-chain ]] && extra=(-H 'Cookie: bench=1')
  case "$2" in
    range) measure_wrk "$1" "$2" "$3" "$url" "${extra[@]}" -s "$BENCH_DIR/random-range.lua" ;;
    probe) measure_wrk "$1" "$2" "$3" "$url" "${extra[@]}" -H 'Range: bytes=0-1' ;;
    large) BENCH_OPEN_END=1 measure_wrk "$1" "$2" "$3" "$url" -s "$BENCH_DIR/random-range.lua" ;;
    multi) measure_wrk "$1" "$2" "$3" "$url" -H "Range: bytes=$MULTI_RANGES" ;;
  esac
}

slow_viewers() { # slow_viewers ROUND SERVER
  local r="$1" s="$2" out="$RAW_DIR/r$1-slow-$2.json" c0 c1 line reqs
  c0="$(cpu_ticks "${PID[$s]}")"
  start_sampler "${PID[$s]}" "$TMP/rss.txt"
  "$JAVA" "$SLOW_VIEWERS" --url "${BASE[$s]}big.mp4" --connections "$SLOW_CONNECTIONS" \
    --rate-kib "$SLOW_RATE_KIB" --duration "$SLOW_DURATION" >"$out" 2>"$RAW_DIR/r$r-slow-$s.err" \
    || log "SlowViewers against $s exited non-zero; see $RAW_DIR/r$r-slow-$s.err"
  stop_sampler
  c1="$(cpu_ticks "${PID[$s]}")"
  line="$(grep '^{' "$out" | tail -1 || true)"
  if [[ -z "$line" ]]; then # the client failed (e.g. did not compile): smoke runs exist to catch that
    [[ "$SMOKE" == 1 ]] && die "SlowViewers printed no JSON line for $s; see $RAW_DIR/r$r-slow-$s.err"
    log "SlowViewers printed no JSON line for $s"; record "$r" slow "$s" errors -1; return 0
  fi
  "$PY" - "$r" "$s" "$line" >>"$RESULTS_TSV" <<'EOF'
import json, sys
r, s, j = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
for k in ("requests", "errors", "unanswered", "bytes", "ttfb_p50_ms", "ttfb_p99_ms", "ttfb_max_ms"):
    if k in j:
        print(f"{r}\tslow\t{s}\t{k}\t{j[k]}")
EOF
  record "$r" slow "$s" rss_peak_mib "$(($(max_of "$TMP/rss.txt") / 1024))"
  reqs="$(grep -P "^$r\tslow\t$s\trequests\t" "$RESULTS_TSV" | cut -f5 | tail -1)"
  ((${reqs:-0} > 0)) && record "$r" slow "$s" cpu_us_per_req "$(((c1 - c0) * 1000000 / CLK_TCK / reqs))"
  log "r$r slow/$s: $line; RSS peak $(($(max_of "$TMP/rss.txt") / 1024)) MiB"
}

# tus_upload SERVER CHUNK_BYTES -> prints "<upload url> <seconds>"; dies on a protocol error
tus_upload() {
  local s="$1" chunk="$2" auth=() hdr="$TMP/tus.hdr" loc off=0 code t0 t1 f n=0
  [[ "$s" == tus-node ]] || auth=("${AUTH[@]}")
  t0="$(date +%s.%N)"
  code="$("${CURL[@]}" "${auth[@]}" -D "$hdr" -o /dev/null -w '%{http_code}' -X POST -H 'Tus-Resumable: 1.0.0' \
    -H "Upload-Length: $UPLOAD_BYTES" -H "Upload-Metadata: filename $(printf bench.mp4 | base64)" "${TUSURL[$s]}")"
  [[ "$code" == 201 ]] || die "$s tus POST: status $code"
  loc="$(header "$hdr" location)"
  [[ "$loc" == http* ]] || loc="$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"${TUSURL[$s]}")$loc"
  while ((off < UPLOAD_BYTES)); do
    if ((chunk >= UPLOAD_BYTES)); then f="$TMP/upload.src"; else f="$(printf '%s/chunks/c%04d' "$TMP" "$n")"; fi
    code="$("${CURL[@]}" "${auth[@]}" -o "$TMP/patch.body" -w '%{http_code}' -X PATCH -H 'Expect:' -H 'Tus-Resumable: 1.0.0' \
      -H "Upload-Offset: $off" -H 'Content-Type: application/offset+octet-stream' -T "$f" "$loc")"
    [[ "$code" == 204 ]] || die "$s tus PATCH at $off: status $code: $(head -c 300 "$TMP/patch.body")"
    off=$((off + $(stat -c %s "$f"))); n=$((n + 1))
  done
  t1="$(date +%s.%N)"
  code="$("${CURL[@]}" "${auth[@]}" -D "$hdr" -o /dev/null -w '%{http_code}' -I -H 'Tus-Resumable: 1.0.0' "$loc")"
  local got; got="$(header "$hdr" upload-offset)"
  [[ "$code" =~ ^(200|204)$ && "$got" == "$UPLOAD_BYTES" ]] || die "$s tus HEAD after upload: status $code, Upload-Offset '$got'"
  echo "$loc $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
}

clear_uploads() { # remove uploaded files so disk use stays bounded (never the served media)
  rm -rf "$TMP/tus"/* "$TMP/uploads"/*/* 2>/dev/null || true
  find "$TMP/media" -mindepth 1 -newer "$TMP/media/big.mp4" -delete 2>/dev/null || true
}

measure_upload() { # measure_upload ROUND WORKLOAD(upload|upload1) SERVER
  local r="$1" wl="$2" s="$3" chunk c0 c1 loc secs
  [[ "$wl" == upload ]] && chunk=$PATCH_BYTES || chunk=$UPLOAD_BYTES
  sync; c0="$(cpu_ticks "${PID[$s]}")"
  start_sampler "${PID[$s]}" "$TMP/rss.txt"
  read -r loc secs < <(tus_upload "$s" "$chunk") || true
  [[ -n "${secs:-}" ]] || die "$s: the $wl upload failed (see above)"
  stop_sampler
  c1="$(cpu_ticks "${PID[$s]}")"
  echo "$s $wl $loc $secs" >>"$RAW_DIR/uploads.txt"
  record "$r" "$wl" "$s" mbps "$(awk -v b="$UPLOAD_BYTES" -v t="$secs" 'BEGIN { printf "%.1f", b / t / 1e6 }')"
  record "$r" "$wl" "$s" cpu_ms_per_gib "$(((c1 - c0) * 1000 / CLK_TCK * 1024 / UPLOAD_MIB))"
  record "$r" "$wl" "$s" rss_peak_mib "$(($(max_of "$TMP/rss.txt") / 1024))"
  log "r$r $wl/$s: $UPLOAD_MIB MiB in $secs s"
  sleep 2 # let completion work (move, probe) finish outside the next measurement
  clear_uploads
}

measure_dd() { # dd conv=fsync of the same bytes onto the same disk
  local r="$1" t0 t1
  sync; t0="$(date +%s.%N)"
  dd if="$TMP/upload.src" of="$TMP/dd.bin" bs=8M conv=fsync status=none
  t1="$(date +%s.%N)"
  rm -f "$TMP/dd.bin"
  record "$r" upload dd mbps "$(awk -v b="$UPLOAD_BYTES" -v a="$t0" -v c="$t1" 'BEGIN { printf "%.1f", b / (c - a) / 1e6 }')"
  record "$r" upload1 dd mbps "$(grep -P "^$r\tupload\tdd\tmbps\t" "$RESULTS_TSV" | cut -f5 | tail -1)"
}

# ---------------------------------------------------------------------------------------------
# Correctness before any load (a bench of wrong answers is worthless): stops the run
# ---------------------------------------------------------------------------------------------
get_range() { # get_range SERVER RANGE -> sets ST (status), SZ (bytes); body in $TMP/c.body, headers $TMP/c.hdr
  read -r ST SZ < <("${CURL[@]}" -D "$TMP/c.hdr" -o "$TMP/c.body" -w '%{http_code} %{size_download}\n' \
    -H "Range: bytes=$2" "${BASE[$1]}big.mp4") || true
}
same_bytes() { cmp -s "$TMP/c.body" <(tail -c +"$(($1 + 1))" "$TMP/media/big.mp4" | head -c "$2"); }
check_ranges() { # check_ranges SERVER [multi(0|1)]
  local s="$1" off cr last n
  get_range "$s" 0-1
  cr="$(header "$TMP/c.hdr" content-range)"
  [[ "$ST" == 206 && "$SZ" == 2 && "$cr" == "bytes 0-1/$BIG_BYTES" ]] && same_bytes 0 2 \
    || die "$s bytes=0-1: status $ST, $SZ bytes, Content-Range '$cr' (want 206, 2, bytes 0-1/$BIG_BYTES, the first 2 bytes)"
  off=$(((RANDOM * 32768 + RANDOM) % (BIG_BYTES - RANGE_BYTES + 1)))
  get_range "$s" "$off-$((off + RANGE_BYTES - 1))"
  cr="$(header "$TMP/c.hdr" content-range)"
  [[ "$ST" == 206 && "$SZ" == "$RANGE_BYTES" && "$cr" == "bytes $off-$((off + RANGE_BYTES - 1))/$BIG_BYTES" ]] \
    && same_bytes "$off" "$RANGE_BYTES" || die "$s bytes=$off-$((off + RANGE_BYTES - 1)): status $ST, $SZ bytes, Content-Range '$cr' or wrong bytes"
  [[ "$s" == django || "$s" == tomcat ]] && { log "$s: correctness OK (probe, random range)"; return 0; }
  n=$((1 + (RANDOM * 32768 + RANDOM) % (4 * 1048576)))
  off=$((BIG_BYTES - n))
  get_range "$s" "$off-"
  cr="$(header "$TMP/c.hdr" content-range)"
  [[ "$ST" == 206 && "$SZ" == "$n" && "$cr" == "bytes $off-$((BIG_BYTES - 1))/$BIG_BYTES" ]] && same_bytes "$off" "$n" \
    || die "$s bytes=$off-: status $ST, $SZ bytes, Content-Range '$cr' or wrong bytes"
  get_range "$s" "$MULTI_RANGES"
  [[ "$ST" == 206 ]] || die "$s multipart ($MULTI_RANGES): status $ST"
  "$PY" "$BENCH_DIR/lib/check_multipart.py" "$TMP/media/big.mp4" "$TMP/c.body" "$(header "$TMP/c.hdr" content-type)" "$MULTI_RANGES" \
    || die "$s multipart/byteranges answer for $MULTI_RANGES is wrong (see above)"
  rm -f "$TMP/c.body"
  log "$s: correctness OK (probe, random range, bytes=N-, 3-part multipart/byteranges)"
}
check_upload() { # a small chunked upload, byte-identical where the stored file can be found
  local s="$1" loc secs saved="$UPLOAD_BYTES" f id
  UPLOAD_BYTES=$((2 * PATCH_BYTES < UPLOAD_BYTES ? 2 * PATCH_BYTES : UPLOAD_BYTES))
  head -c "$UPLOAD_BYTES" "$TMP/upload.src" >"$TMP/check-upload.src"
  read -r loc secs < <(tus_upload "$s" "$PATCH_BYTES") || true
  [[ -n "${secs:-}" ]] || die "$s: the check upload failed (see above)"
  if [[ "$s" == tus-node ]]; then
    id="${loc##*/}"
    cmp -s "$TMP/tus/$id" "$TMP/check-upload.src" || die "$s: uploaded file $TMP/tus/$id differs from the source"
  else
    f="$(find "$TMP/media" "$TMP/uploads/$s" -type f -size "${UPLOAD_BYTES}c" -newer "$TMP/media/big.mp4" 2>/dev/null | head -1)"
    if [[ -n "$f" ]]; then cmp -s "$f" "$TMP/check-upload.src" || die "$s: stored upload $f differs from the source"
    else log "$s: stored upload file not found under media/uploads; checked Upload-Offset only"; fi
  fi
  UPLOAD_BYTES="$saved"
  rm -f "$TMP/check-upload.src"
  sleep 1; clear_uploads
  log "$s: upload correctness OK (POST 201, PATCHes 204, HEAD Upload-Offset, bytes)"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
T_START=$(date +%s)
ensure_tools
[[ -f "$SLOW_VIEWERS" ]] || log "WARNING: no $SLOW_VIEWERS (the memory engineer's load client); the slow-viewer workload is skipped"
mkdir -p "$RAW_DIR" "$(dirname "$REPORT")"
rm -f "$RAW_DIR"/r*-*.txt "$RAW_DIR"/r*-slow-* "$RAW_DIR"/uploads.txt
RESULTS_TSV="$RAW_DIR/results.tsv"
: >"$RESULTS_TSV"
TMP="$(mktemp -d "$BENCH_TMPDIR/videokit-bench.XXXXXX")"
mkdir -p "$TMP/media" "$TMP/uploads" "$TMP/chunks"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

log "creating big.mp4 ($BIG_MIB MiB of random bytes) and the upload's $PATCH_MIB MiB chunks in $TMP"
head -c "$BIG_BYTES" /dev/urandom >"$TMP/media/big.mp4"
head -c "$UPLOAD_BYTES" "$TMP/media/big.mp4" >"$TMP/upload.src"
split -b "$PATCH_BYTES" -d -a 4 "$TMP/upload.src" "$TMP/chunks/c"
cat "$TMP/media/big.mp4" "$TMP/upload.src" "$TMP/chunks"/* >/dev/null # all in the page cache
sleep 1 # big.mp4 older than anything an upload creates (clear_uploads relies on -newer)
q=$((BIG_BYTES / 8))
MULTI_RANGES="0-$((2 * q - 1)),$((3 * q))-$((5 * q - 1)),$((6 * q))-$((8 * q - 1))" # 3 x 1/4 of the file, apart

start_nginx
start_videokit videokit true
start_videokit videokit-nowatch false
wait_videokit() { # wait_videokit NAME WATCH: a port taken meanwhile by someone else -> once more
  if ! (wait_for "$1" "${BASE[$1]}big.mp4" 206 -H 'Range: bytes=0-1'); then
    grep -q 'already in use' "$TMP/$1.log" 2>/dev/null || die "$1 did not start (log: $TMP/$1.log)"
    log "$1: its port was taken meanwhile; starting it again on another"
    start_videokit "$1" "$2"
    wait_for "$1" "${BASE[$1]}big.mp4" 206 -H 'Range: bytes=0-1'
  fi
}
wait_videokit videokit true
wait_videokit videokit-nowatch false
# videokit-chain: the same server, each request with a cookie unrelated to any session, which
# sends it through the security chain and MVC instead of the front path for credential-less
# reads (docs/decisions/0010-beyond-the-servlet-ceiling.md): what the front path buys
PID[videokit-chain]=${PID[videokit]}
BASE[videokit-chain]=${BASE[videokit]}
start_django
start_tomcat
start_tus

for s in nginx videokit videokit-nowatch; do check_ranges "$s"; done
check_ranges django
check_ranges tomcat
check_upload videokit
check_upload tus-node

if ((WARMUP > 0)); then # JIT warm-up of the JVMs (nginx, gunicorn and node need none)
  for s in videokit videokit-nowatch tomcat; do
    for wl in range probe; do
      BENCH_FILE_SIZE="$BIG_BYTES" BENCH_RANGE_BYTES="$RANGE_BYTES" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" \
        $([[ $wl == range ]] && echo "-s $BENCH_DIR/random-range.lua" || echo "-H Range:bytes=0-1") \
        "${BASE[$s]}big.mp4" >"$RAW_DIR/warmup-$wl-$s.txt" 2>&1 || true
    done
  done
  log "warm-up done"
fi

declare -A SERVERS_OF=(
  [range]="videokit videokit-chain videokit-nowatch nginx django tomcat"
  [probe]="videokit videokit-chain videokit-nowatch nginx tomcat"
  [large]="videokit nginx"
  [multi]="videokit nginx"
  [slow]="videokit nginx"
  [upload]="videokit tus-node dd"
  [upload1]="videokit tus-node"
)
read -ra WORKLOADS <<<"${BENCH_WORKLOADS:-range probe large multi slow upload upload1}"
for ((r = 1; r <= ROUNDS; r++)); do
  log "=== round $r of $ROUNDS"
  for wl in "${WORKLOADS[@]}"; do
    read -ra list <<<"${SERVERS_OF[$wl]}"
    n=${#list[@]}
    for ((i = 0; i < n; i++)); do
      s="${list[$(((i + r - 1) % n))]}" # order rotated each round
      case "$wl" in
        slow) [[ -f "$SLOW_VIEWERS" ]] && slow_viewers "$r" "$s" ;;
        upload | upload1) if [[ "$s" == dd ]]; then measure_dd "$r"; else measure_upload "$r" "$wl" "$s"; fi ;;
        *) wrk_for "$r" "$wl" "$s" ;;
      esac
    done
  done
done

for s in videokit videokit-nowatch nginx django tomcat tus-node; do
  record 0 all "$s" vmhwm_mib "$(($(rss_kib "${PID[$s]}" VmHWM) / 1024))"
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
T_END=$(date +%s)

# Machine and run description for the report
META="$RAW_DIR/meta.txt"
{
  echo "when=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -n "$(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null)" ]] && echo ' (+ uncommitted changes)')"
  echo "jar=$(basename "$JAR"), built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo) x $(nproc) cores"
  echo "kernel=$(uname -sr)"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "jdk=$({ "$JAVA" -version 2>&1 || true; } | sed -n 2p)"
  echo "nginx=$({ /usr/sbin/nginx -v 2>&1 || true; } | sed 's/^nginx version: //') (worker_processes $NGINX_WORKERS, sendfile on, no tcp_nopush)"
  echo "node=$(node -v), @tus/server $TUS_SERVER_VERSION + @tus/file-store $TUS_FILE_STORE_VERSION"
  echo "gunicorn=$("$PY" "$GUNICORN" --version 2>&1 | head -1), $GUNICORN_WORKERS sync workers, Django $("$PY" -c 'import django; print(django.get_version())'), $("$PY" -V)"
  echo "wrk=$({ wrk -v 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }')"
  echo "load=$LOAD_START at start, $LOAD_END at end"
  echo "elapsed=$((T_END - T_START)) s"
  echo "settings=ROUNDS=$ROUNDS DURATION=${DURATION}s WARMUP=${WARMUP}s file ${BIG_MIB} MiB, ranges ${RANGE_BYTES} B, -c$CONNECTIONS/-c$LARGE_CONNECTIONS (bytes=N-)/-c$MULTI_CONNECTIONS (multipart) -t$THREADS; slow viewers $SLOW_CONNECTIONS x ${SLOW_RATE_KIB} KiB/s x ${SLOW_DURATION}s; upload $UPLOAD_MIB MiB in $PATCH_MIB MiB PATCHes and in one; videokit -Xmx$XMX; Django honours the requested end: $BENCH_DJANGO_HONOUR_END"
  echo "multi=$MULTI_RANGES"
  echo "command=${CMD_ENV}bash bench/run.sh$([[ "$SMOKE" == 1 ]] && echo ' --smoke')"
  echo "smoke=$SMOKE"
} >"$META"
"$PY" "$BENCH_DIR/lib/report.py" "$RESULTS_TSV" "$META" "$REPORT" "${REPORT%.md}-ratios.svg"
log "report: $REPORT (raw: $RAW_DIR); took $((T_END - T_START)) s"
