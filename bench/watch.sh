#!/usr/bin/env bash
# Watch benchmark: what jpm's polling watch costs, and how fast a file change restarts the app.
#
#   bash bench/watch.sh [--files N] [--seconds S] [--changes N] [--interval MS] [--jpm PATH] [--keep]
#
# Builds a tree of N files (default 10,000, in folders of 100) and runs one app whose cwd is that tree. Measures
# the jpm daemon's CPU (utime+stime deltas of /proc/<pid>/stat) over S seconds (default 20), first with the app
# not watching (the idle baseline), then with `watch: true` polling the tree at the interval (default: the
# daemon's default, 1000 ms; --interval sets JPM_WATCH_INTERVAL_MS). Then, --changes times (default 5), rewrites
# one file and measures the time until the app's new process ran its first line (median, min, max).
#
# Nothing outside a temp folder is touched: JPM_HOME is private, and the EXIT trap stops the daemon (jpm kill,
# then its pid) and the app processes of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
files=10000 seconds=20 changes=5 interval="" keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --changes) changes="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_make_work jpm-bench-watch
[ -n "$interval" ] && export JPM_WATCH_INTERVAL_MS="$interval"
mkdir -p "$work/marks"
tree="$work/tree"

# The app: writes its start time (µs) into a marker named by its pid, then idles until told to stop.
cat > "$work/app.sh" <<APP
#!/usr/bin/env bash
t=\$EPOCHREALTIME; echo "\${t/[.,]/}" > "$work/marks/\$\$"
trap 'kill \$! 2> /dev/null; wait \$! 2> /dev/null; exit 0' INT TERM
while true; do sleep 60 & wait \$!; done
APP

# This run's app processes: each named its marker after its pid.
run_pids() { local marker; for marker in "$work"/marks/*; do [ -f "$marker" ] && alive "${marker##*/}" && echo "${marker##*/}"; done; return 0; }

log "building a tree of $files files"
for ((i = 0; i < files; i++)); do
  dir="$tree/d$((i / 100))"
  [ $((i % 100)) = 0 ] && mkdir -p "$dir"
  : > "$dir/f$i.js"
done

ecosystem() { # $1: watch value
  cat > "$work/ecosystem.yaml" <<YAML
apps:
  - name: app
    script: $work/app.sh
    cwd: $tree
    min_uptime: 200ms
    kill_timeout: 1s
    watch: $1
YAML
}

cpu_percent() { # seconds: the daemon's CPU over that many seconds, in % of one core
  local pid; pid="$(daemon_pid)"
  local before after; before="$(cpu_ticks "$pid")"
  nap "$1"
  after="$(cpu_ticks "$pid")"
  awk -v d="$((after - before))" -v hz="$clk_tck" -v s="$1" 'BEGIN { printf "%.2f", 100 * d / hz / s }'
}

ecosystem false
"$jpm" apply "$work/ecosystem.yaml" > /dev/null || { echo "watch.sh: apply failed" >&2; exit 1; }
nap 3 # let the daemon's start-up work (JIT, first apply) settle before measuring
log "daemon $(daemon_pid): measuring CPU without watch for ${seconds}s"
idle="$(cpu_percent "$seconds")"

ecosystem true
"$jpm" apply "$work/ecosystem.yaml" > /dev/null || { echo "watch.sh: apply with watch failed" >&2; exit 1; }
"$jpm" show app | grep -E '^ +watch ' >&2
nap 3
log "measuring CPU while polling $files files for ${seconds}s"
watching="$(cpu_percent "$seconds")"
rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$(daemon_pid)/status")"

latencies=()
for ((c = 1; c <= changes; c++)); do
  before="$(ls "$work/marks" | wc -l)"
  t0="$(now_us)"
  echo "change $c" > "$tree/d$((c % (files / 100 + 1)))/f$((c * 100 % files)).js"
  deadline=$((t0 + 30000000))
  while [ "$(ls "$work/marks" | wc -l)" -le "$before" ] && [ "$(now_us)" -lt "$deadline" ]; do nap 0.01; done
  newest="$(ls -t "$work/marks" | head -1)"
  started="$(cat "$work/marks/$newest")"
  latencies+=($(( (started - t0) / 1000 )))
  log "change $c: restarted after ${latencies[-1]} ms"
  # The next change comes well after this restart settled, at a random phase of the poll cycle (a fixed pause
  # would lock every change to the same point of the cycle and bias the figure).
  nap "2.$(printf '%03d' $((RANDOM % 1000)))"
done
sorted=($(printf '%s\n' "${latencies[@]}" | sort -n))
median="${sorted[$(( ${#sorted[@]} / 2 ))]}"

printf '\n%-52s %s\n' "jpm watch polling, $files files, interval ${interval:-1000} ms" "value"
printf '%-52s %s\n' "daemon CPU, app not watching (% of one core)" "$idle"
printf '%-52s %s\n' "daemon CPU, polling the tree (% of one core)" "$watching"
printf '%-52s %s\n' "daemon RSS while polling (MiB)" "$((rss / 1024))"
printf '%-52s %s\n' "change -> new process ran, median (min..max) ms" "$median (${sorted[0]}..${sorted[-1]})"
