#!/usr/bin/env bash
# Range-streaming benchmark: videokit's GET /api/stream/?path=... against nginx (sendfile) serving
# the same directory, on loopback only. See bench/README.md for what it measures and how to read it.
#
#   bash bench/range-streaming.sh
#
# Every knob is an environment variable (defaults in brackets); see the "Settings" block below.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
KNOBS=(BENCH_JAVA_HOME JAVA JAR XMX THREADS CONNECTIONS DURATION WARMUP WRK_TIMEOUT BIG_MIB SMALL_MIB
  RANGE_BYTES WATCH_PASS NGINX_WORKERS STARTUP_TIMEOUT RSS_INTERVAL RESULTS RAW_DIR KEEP_TMP BENCH_TMPDIR)
CMD_ENV="" # the knobs this run was given, to print the exact command in the report
for k in "${KNOBS[@]}"; do
  if [[ -n "${!k+x}" ]]; then CMD_ENV+="$k=${!k} "; fi
done
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"

BENCH_JAVA_HOME="${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="${JAVA:-$BENCH_JAVA_HOME/bin/java}"
JAR="${JAR:-$REPO_DIR/videokit-server/target/videokit-server-0.1.0-SNAPSHOT.jar}"
XMX="${XMX:-256m}"                       # videokit heap cap
THREADS="${THREADS:-2}"                  # wrk -t
CONNECTIONS="${CONNECTIONS:-64}"         # wrk -c
DURATION="${DURATION:-20}"               # seconds per measured wrk run
WARMUP="${WARMUP:-10}"                   # seconds of warm-up per workload, per JVM (0 = none)
WRK_TIMEOUT="${WRK_TIMEOUT:-10}"         # seconds before wrk counts a request as timed out
BIG_MIB="${BIG_MIB:-512}"                # size of big.mp4
SMALL_MIB="${SMALL_MIB:-5}"              # size of small.mp4
RANGE_BYTES="${RANGE_BYTES:-1048576}"    # length of each random range
WATCH_PASS="${WATCH_PASS:-1}"            # 1 = also measure videokit with watch sessions on
NGINX_WORKERS="${NGINX_WORKERS:-auto}"   # nginx worker_processes
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}" # seconds to wait for a server to answer
RSS_INTERVAL="${RSS_INTERVAL:-0.2}"      # seconds between RSS samples
RESULTS="${RESULTS:-$BENCH_DIR/results/latest.md}"
RAW_DIR="${RAW_DIR:-$BENCH_DIR/results/raw}" # full wrk output per run (git-ignored)
KEEP_TMP="${KEEP_TMP:-0}"                # 1 = keep the temp dir (media, logs) for inspection
BENCH_TMPDIR="${BENCH_TMPDIR:-${TMPDIR:-/tmp}}"

# Loopback only: never let a proxy setting send these requests anywhere else.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
HOST=127.0.0.1
CURL=(curl --noproxy '*' -sS --max-time 30)

for n in THREADS CONNECTIONS DURATION WARMUP WRK_TIMEOUT BIG_MIB SMALL_MIB RANGE_BYTES STARTUP_TIMEOUT; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "error: $n must be a whole number, got '${!n}'" >&2; exit 2; }
done
((DURATION > 0 && DURATION <= 3600)) || { echo "error: DURATION must be 1..3600 s" >&2; exit 2; }
((WARMUP <= 3600)) || { echo "error: WARMUP must be 0..3600 s" >&2; exit 2; }
BIG_BYTES=$((BIG_MIB * 1024 * 1024))
SMALL_BYTES=$((SMALL_MIB * 1024 * 1024))
((BIG_BYTES >= RANGE_BYTES && RANGE_BYTES >= 2)) || { echo "error: need 2 <= RANGE_BYTES <= big file" >&2; exit 2; }

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes and cleanup
# ---------------------------------------------------------------------------------------------
TMP=""
VK_PID=""
NGINX_PID=""
SAMPLER_PID=""

stop_pid() { # stop_pid PID: TERM, wait up to 10 s, then KILL (only the pid we started)
  local pid="$1" i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still running 10 s after TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$SAMPLER_PID"
  stop_pid "$VK_PID"
  stop_pid "$NGINX_PID"
  if [[ -n "$TMP" && -d "$TMP" ]]; then
    if [[ "$KEEP_TMP" == 1 || $rc -ne 0 ]]; then
      log "temp dir kept for inspection: $TMP (media files removed)"
      rm -f "$TMP/media/big.mp4" "$TMP/media/small.mp4"
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
# Tools (idempotent install)
# ---------------------------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if ((${#missing[@]})); then
    [[ $EUID -eq 0 ]] || die "missing ${missing[*]}; install them (apt-get install nginx wrk curl) or run as root"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  fi
  NGINX="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"
  [[ -x "$JAVA" ]] || die "no java at $JAVA (set JAVA or BENCH_JAVA_HOME)"
  if [[ ! -f "$JAR" ]]; then
    log "no jar at $JAR; building it"
    (cd "$REPO_DIR" && JAVA_HOME="$BENCH_JAVA_HOME" ./mvnw -B -q -o install -DskipTests -Dspotless.check.skip=true)
    [[ -f "$JAR" ]] || die "build finished but $JAR is still missing"
  fi
}

# A port nobody listens on, below the ephemeral range so wrk's client ports never collide.
free_port() {
  local avoid="${1:-0}" p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 10000))
    [[ "$p" == "$avoid" ]] && continue
    if ! (: <"/dev/tcp/$HOST/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# wait_for NAME PID URL EXPECTED_STATUS
wait_for() {
  local name="$1" pid="$2" url="$3" want="$4" code i
  for ((i = 0; i < STARTUP_TIMEOUT * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited during startup (see logs in $TMP)"
    code="$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H 'Range: bytes=0-1' "$url" 2>/dev/null || true)"
    if [[ "$code" == "$want" ]]; then
      log "$name answers ($code) after ~$((i / 2)) s"
      return 0
    fi
    sleep 0.5
  done
  die "$name did not answer $want within ${STARTUP_TIMEOUT}s (last: ${code:-none})"
}

start_videokit() { # start_videokit PORT WATCH(true|false)
  local port="$1" watch="$2" args=()
  [[ "$watch" == false ]] && args+=(--videokit.watch.enabled=false)
  # Run from the temp dir so nothing (e.g. ./data) is created in the caller's working directory.
  (cd "$TMP" && exec "$JAVA" "-Xmx$XMX" -jar "$JAR" \
    --server.port="$port" --server.address="$HOST" \
    --spring.datasource.url=jdbc:h2:mem:bench \
    --videokit.storage.local.root="$TMP/media" \
    --videokit.uploads.directory="$TMP/uploads" \
    "${args[@]}" >"$TMP/videokit-watch-$watch.log" 2>&1) &
  VK_PID=$!
  VK_PORT="$port"
  VK_BASE="http://$HOST:$port/api/stream/?path="
  wait_for "videokit (watch=$watch)" "$VK_PID" "${VK_BASE}big.mp4" 206
}

start_nginx() { # start_nginx PORT
  local port="$1" dir="$TMP/nginx" user_line=""
  mkdir -p "$dir/tmp"
  [[ $EUID -eq 0 ]] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes $NGINX_WORKERS;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
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
  "$NGINX" -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || die "nginx config test failed"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
  NGINX_PID=$!
  NGINX_PORT="$port"
  NGINX_BASE="http://$HOST:$port/"
  wait_for nginx "$NGINX_PID" "${NGINX_BASE}big.mp4" 206
}

# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------
rss_kib() { # rss_kib PID [FIELD]: VmRSS (or another /proc status field) in KiB, 0 if gone
  awk -v f="${2:-VmRSS}:" '$1 == f { print $2; found = 1 } END { if (!found) print 0 }' \
    "/proc/$1/status" 2>/dev/null || echo 0
}

tree_rss_kib() { # RSS of a pid plus its direct children (nginx master + workers)
  local total=0 p
  for p in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    total=$((total + $(rss_kib "$p")))
  done
  echo "$total"
}

start_sampler() { # start_sampler PID OUTFILE: RSS samples until stopped (bounded)
  local pid="$1" out="$2" max
  max=$(awk -v d="$DURATION" -v i="$RSS_INTERVAL" 'BEGIN { printf "%d", (d + 60) / i }')
  : >"$out"
  (
    for ((n = 0; n < max; n++)); do
      kill -0 "$pid" 2>/dev/null || break
      tree_rss_kib "$pid" >>"$out"
      sleep "$RSS_INTERVAL"
    done
  ) &
  SAMPLER_PID=$!
}

stop_sampler() {
  stop_pid "$SAMPLER_PID"
  SAMPLER_PID=""
}

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
max_of() { awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }' "$1"; }

# run_wrk LABEL DURATION URL [extra wrk args...]: writes $RAW_DIR/LABEL.txt
run_wrk() {
  local label="$1" secs="$2" url="$3"
  shift 3
  local out="$RAW_DIR/$label.txt"
  log "wrk $label: -t$THREADS -c$CONNECTIONS -d${secs}s $url"
  if ! BENCH_FILE_SIZE="$BIG_BYTES" BENCH_RANGE_BYTES="$RANGE_BYTES" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout "${WRK_TIMEOUT}s" --latency "$@" "$url" \
    >"$out" 2>&1; then
    log "wrk $label exited non-zero; see $out"
  fi
}

# parse_wrk FILE -> "req/s|MiB/s|p50|p99|KiB per response|errors"
parse_wrk() {
  awk '
    function bytes(s,   n, u) {
      n = s + 0; u = s; gsub(/[0-9.]/, "", u)
      if (u == "KB") n *= 1024; else if (u == "MB") n *= 1048576
      else if (u == "GB") n *= 1073741824; else if (u == "TB") n *= 1099511627776
      return n
    }
    /requests in/        { reqs = $1; read = bytes($(NF - 1)) }
    /Requests\/sec:/     { rps = $2 }
    /Transfer\/sec:/     { tps = bytes($2) }
    /^[ \t]+50%/         { p50 = $2 }
    /^[ \t]+99%/         { p99 = $2 }
    /Socket errors:/     { line = $0; gsub(/,/, "", line); n = split(line, f, " ")
                           for (i = 1; i <= n; i++) if (f[i] ~ /^[0-9]+$/) errs += f[i] }
    /Non-2xx or 3xx/     { errs += $NF }
    END {
      if (rps == "") { print "n/a|n/a|n/a|n/a|n/a|run failed"; exit }
      per = (reqs > 0) ? sprintf("%.1f", read / reqs / 1024) : "n/a"
      printf "%.0f|%.0f|%s|%s|%s|%d\n", rps, tps / 1048576, p50, p99, per, errs
    }' "$1"
}

# ---------------------------------------------------------------------------------------------
# Correctness (before any load): a bench of wrong answers is worthless.
# ---------------------------------------------------------------------------------------------
check_server() { # check_server NAME BASE_URL
  local name="$1" base="$2" hdr="$TMP/check.hdr" body="$TMP/check.body" status size cr off want
  # 1. bytes=0-1: exactly 2 bytes, 206, Content-Range bytes 0-1/<size>, the file's first 2 bytes.
  read -r status size < <("${CURL[@]}" -D "$hdr" -o "$body" -w '%{http_code} %{size_download}\n' \
    -H 'Range: bytes=0-1' "${base}big.mp4") || true
  cr="$(awk -F': *' 'tolower($1) == "content-range" { sub(/\r$/, "", $2); print $2 }' "$hdr")"
  [[ "$status" == 206 && "$size" == 2 ]] || die "$name bytes=0-1: got status $status, $size bytes (want 206, 2)"
  [[ "$cr" == "bytes 0-1/$BIG_BYTES" ]] || die "$name bytes=0-1: Content-Range '$cr'"
  cmp -s "$body" <(head -c 2 "$TMP/media/big.mp4") || die "$name bytes=0-1: wrong bytes"
  # 2. One random RANGE_BYTES range in the middle: 206 and byte-identical to the file.
  off=$(((RANDOM * 32768 + RANDOM) % (BIG_BYTES - RANGE_BYTES + 1)))
  read -r status size < <("${CURL[@]}" -o "$body" -w '%{http_code} %{size_download}\n' \
    -H "Range: bytes=$off-$((off + RANGE_BYTES - 1))" "${base}big.mp4") || true
  [[ "$status" == 206 && "$size" == "$RANGE_BYTES" ]] || die "$name range at $off: status $status, $size bytes"
  cmp -s "$body" <(tail -c +"$((off + 1))" "$TMP/media/big.mp4" | head -c "$RANGE_BYTES") \
    || die "$name range at $off: wrong bytes"
  # 3. Whole small file: 200 and identical.
  read -r status size < <("${CURL[@]}" -o "$body" -w '%{http_code} %{size_download}\n' "${base}small.mp4") || true
  want="$SMALL_BYTES"
  [[ "$status" == 200 && "$size" == "$want" ]] || die "$name small.mp4: status $status, $size bytes"
  cmp -s "$body" "$TMP/media/small.mp4" || die "$name small.mp4: wrong bytes"
  rm -f "$body" "$hdr"
  log "$name: correctness OK (bytes=0-1 -> 206/2 bytes, a random range byte-exact, small file byte-exact)"
}

# ---------------------------------------------------------------------------------------------
# The three workloads against one server
# ---------------------------------------------------------------------------------------------
WORKLOADS=(range probe small)
declare -A WL_TITLE=(
  [range]="random $((RANGE_BYTES / 1024)) KiB ranges of big.mp4 (seeking player)"
  [probe]="bytes=0-1 probes of big.mp4 (small responses)"
  [small]="whole small.mp4 (${SMALL_MIB} MiB) downloads"
)
declare -A RESULT    # RESULT[workload,server] = parse_wrk line
declare -A RSS       # RSS[server,phase] = MiB

wrk_workload() { # wrk_workload WORKLOAD SERVER BASE SECS LABEL
  local wl="$1" base="$3" secs="$4" label="$5"
  case "$wl" in
    range) run_wrk "$label" "$secs" "${base}big.mp4" -s "$BENCH_DIR/random-range.lua" ;;
    probe) run_wrk "$label" "$secs" "${base}big.mp4" -H 'Range: bytes=0-1' ;;
    small) run_wrk "$label" "$secs" "${base}small.mp4" ;;
  esac
}

bench_server() { # bench_server SERVER PID BASE JVM(0|1)
  local server="$1" pid="$2" base="$3" jvm="$4" wl samples="$TMP/rss-$1.txt"
  if [[ "$jvm" == 1 ]] && ((WARMUP > 0)); then
    for wl in "${WORKLOADS[@]}"; do
      wrk_workload "$wl" "$server" "$base" "$WARMUP" "warmup-$wl-$server"
    done
  fi
  for wl in "${WORKLOADS[@]}"; do
    if [[ "$wl" == range ]]; then
      sleep 1
      RSS[$server,before]=$(mib "$(tree_rss_kib "$pid")")
      start_sampler "$pid" "$samples"
      wrk_workload "$wl" "$server" "$base" "$DURATION" "$wl-$server"
      stop_sampler
      RSS[$server,peak]=$(mib "$(max_of "$samples")")
      sleep 2
      RSS[$server,after]=$(mib "$(tree_rss_kib "$pid")")
      log "$server RSS MiB: before ${RSS[$server,before]}, peak ${RSS[$server,peak]}, after ${RSS[$server,after]}"
    else
      wrk_workload "$wl" "$server" "$base" "$DURATION" "$wl-$server"
    fi
    RESULT[$wl,$server]="$(parse_wrk "$RAW_DIR/$wl-$server.txt")"
    log "$wl / $server: ${RESULT[$wl,$server]}  (req/s|MiB/s|p50|p99|KiB/resp|errors)"
  done
  [[ "$jvm" == 1 ]] && RSS[$server,hwm]=$(mib "$(rss_kib "$pid" VmHWM)")
  return 0
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
ensure_tools
mkdir -p "$RAW_DIR" "$(dirname "$RESULTS")"
rm -f "$RAW_DIR"/*.txt
TMP="$(mktemp -d "$BENCH_TMPDIR/videokit-bench.XXXXXX")"
mkdir -p "$TMP/media" "$TMP/uploads"

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "creating media: big.mp4 ${BIG_MIB} MiB, small.mp4 ${SMALL_MIB} MiB (random bytes) in $TMP/media"
head -c "$BIG_BYTES" /dev/urandom >"$TMP/media/big.mp4"
head -c "$SMALL_BYTES" /dev/urandom >"$TMP/media/small.mp4"
cat "$TMP/media/big.mp4" "$TMP/media/small.mp4" >/dev/null # both in the page cache for both servers

NGX_PORT_PICK="$(free_port)"
start_nginx "$NGX_PORT_PICK"
RSS[nginx,idle]=$(mib "$(tree_rss_kib "$NGINX_PID")")
start_videokit "$(free_port "$NGINX_PORT")" false
RSS[videokit,idle]=$(mib "$(rss_kib "$VK_PID")")

check_server nginx "$NGINX_BASE"
check_server videokit "$VK_BASE"

SERVERS=(nginx videokit)
bench_server nginx "$NGINX_PID" "$NGINX_BASE" 0
bench_server videokit "$VK_PID" "$VK_BASE" 1
stop_pid "$VK_PID"
VK_PID=""

if [[ "$WATCH_PASS" == 1 ]]; then
  start_videokit "$(free_port "$NGINX_PORT")" true
  RSS[videokit+watch,idle]=$(mib "$(rss_kib "$VK_PID")")
  check_server "videokit+watch" "$VK_BASE"
  bench_server "videokit+watch" "$VK_PID" "$VK_BASE" 1
  stop_pid "$VK_PID"
  VK_PID=""
  SERVERS+=("videokit+watch")
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$REPO_DIR" status --porcelain --untracked-files=no 2>/dev/null || true)" ]]; then
  commit="$commit (+ uncommitted changes)"
fi
# (wrk -v exits 1; none of these may end the run after all the measuring)
java_version="$({ "$JAVA" -version 2>&1 || true; } | awk 'NR == 1')"
nginx_version="$({ "$NGINX" -v 2>&1 || true; } | sed 's/^nginx version: //')"
wrk_version="$({ wrk -v 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }')"
jar_built="$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC' 2>/dev/null || echo unknown)"
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo || true)"

{
  echo "# Range-streaming benchmark: latest run"
  echo
  echo "- When: $(date -u '+%Y-%m-%d %H:%M UTC'); checkout at commit $commit; jar built $jar_built"
  echo "- Host: $(nproc) CPUs ($cpu), shared by wrk and both servers; load average at start $LOAD_START, at end $LOAD_END"
  echo "- Tools: $java_version; nginx $nginx_version (worker_processes $NGINX_WORKERS, sendfile on); $wrk_version"
  echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout ${WRK_TIMEOUT}s --latency\`; videokit -Xmx$XMX, warmed up ${WARMUP}s per workload first (nginx not)"
  echo "- Files: big.mp4 $BIG_MIB MiB, small.mp4 $SMALL_MIB MiB (random bytes, in the page cache)"
  echo "- Command: \`${CMD_ENV}bash bench/range-streaming.sh\`"
  echo
  echo "| workload | server | req/s | MiB/s | p50 | p99 | KiB/resp | errors | req/s vs nginx |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|"
  for wl in "${WORKLOADS[@]}"; do
    IFS='|' read -r base_rps _ <<<"${RESULT[$wl,nginx]}"
    for s in "${SERVERS[@]}"; do
      IFS='|' read -r rps tps p50 p99 per errs <<<"${RESULT[$wl,$s]}"
      ratio="$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { if (b + 0 > 0 && a ~ /^[0-9.]+$/) printf "%.2fx", a / b; else print "n/a" }')"
      echo "| ${WL_TITLE[$wl]} | $s | $rps | $tps | $p50 | $p99 | $per | $errs | $ratio |"
    done
  done
  echo
  echo "Resident memory (VmRSS, MiB) around the random-range run on the ${BIG_MIB} MiB file (nginx: master + workers):"
  echo
  echo "| server | idle after start | before run | peak during run | after run | JVM lifetime peak (VmHWM) |"
  echo "|---|--:|--:|--:|--:|--:|"
  for s in "${SERVERS[@]}"; do
    echo "| $s | ${RSS[$s,idle]:--} | ${RSS[$s,before]:--} | ${RSS[$s,peak]:--} | ${RSS[$s,after]:--} | ${RSS[$s,hwm]:--} |"
  done
  echo
  echo "errors = wrk socket errors (connect/read/write/timeout) + non-2xx/3xx responses. KiB/resp = bytes read / responses (headers included): ~$((RANGE_BYTES / 1024)), <1 and ~$((SMALL_MIB * 1024)) are the expected sizes. Full wrk output of this run: bench/results/raw/ (not committed)."
} >"$RESULTS"

log "results written to $RESULTS"
echo
cat "$RESULTS"
