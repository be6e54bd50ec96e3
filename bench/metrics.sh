#!/usr/bin/env bash
# Metrics benchmark: what sampling costs the jpm daemon.
#
#   bash bench/metrics.sh [--apps N] [--seconds S] [--jpm PATH] [--no-pm2]
#
# Starts N idle apps (default 50) on a private JPM_HOME twice: once with sampling practically off
# (sample_interval: 1h, one sample at start) and once at the default interval (2 s). For each it measures the
# daemon's CPU% over S seconds (default 20) from /proc/<pid>/stat tick deltas, and its RSS. The difference is
# what sampling 50 process trees every 2 s costs; it also prints that per sample, and how many processes the
# machine had (each sample reads the whole process list once). When PM2 is installed at /tmp/jpm-bench-pm2 (as
# bench/foundation.sh leaves it), the same apps run under PM2 (each with max_memory_restart, so its worker
# samples them, every 30 s) and its daemon is measured the same way, over 60 s (two rounds of that worker).
#
# Nothing outside a temp folder is touched (PM2 gets a private PM2_HOME and HOME); the EXIT trap stops the
# daemons it started, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
apps=50 seconds=20 pm2_seconds=60
jpm="$here/../jpm"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
with_pm2=1
pm2_bin="${JPM_BENCH_PM2_DIR:-/tmp/jpm-bench-pm2}/node_modules/.bin/pm2"
while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --jpm) jpm="$2"; shift 2 ;;
    --no-pm2) with_pm2=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "metrics.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
jpm="$(readlink -f "$jpm")"
[ -x "$jpm" ] || { echo "metrics.sh: no jpm launcher at $jpm (use --jpm PATH)" >&2; exit 2; }

work="$(mktemp -d /tmp/jpm-bench-metrics.XXXXXX)"
export JPM_HOME="$work/jpm-home"
export PM2_HOME="$work/pm2-home" PM2_DISABLE_VERSION_CHECK=true
mkdir -p "$JPM_HOME" "$PM2_HOME" "$work/pm2-user-home" && chmod 700 "$JPM_HOME"
hz="$(getconf CLK_TCK)"
daemon="" pm2_daemon=""
pm2_cli() { HOME="$work/pm2-user-home" timeout 120 "$pm2_bin" "$@"; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
pid_from() { [ -f "$1" ] && tr -dc '0-9' < "$1"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime of the process itself
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

stop_daemon() {
  [ -n "$daemon" ] || return 0
  timeout 60 "$jpm" kill > /dev/null 2>&1
  # Wait for the process itself: a daemon still exiting would remove the next one's daemon.pid.
  for _ in $(seq 1 100); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$daemon" 2>/dev/null; then kill -KILL "$daemon" 2>/dev/null; fi
  daemon=""
}
stop_pm2() {
  [ -n "$pm2_daemon" ] || return 0
  pm2_cli kill > /dev/null 2>&1
  # PM2's daemon still writes into PM2_HOME for a moment after `pm2 kill` answers.
  for _ in $(seq 1 100); do kill -0 "$pm2_daemon" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pm2_daemon" 2>/dev/null; then kill -KILL "$pm2_daemon" 2>/dev/null; fi
  pm2_daemon=""
}
cleanup() { stop_daemon; stop_pm2; rm -rf "$work"; }
trap cleanup EXIT

printf '#!/usr/bin/env bash\nexec sleep 100000\n' > "$work/app.sh"
{
  echo "apps:"
  for i in $(seq 1 "$apps"); do printf '  - name: idle%d\n    script: %s\n' "$i" "$work/app.sh"; done
} > "$work/ecosystem.yaml"

{
  echo '{"apps": ['
  for i in $(seq 1 "$apps"); do
    [ "$i" -gt 1 ] && echo ','
    printf '{"name": "idle%d", "script": "%s", "interpreter": "bash", "max_memory_restart": "1G"}' "$i" "$work/app.sh"
  done
  echo ']}'
} > "$work/ecosystem.json"

# CPU% and RSS MiB of pid $1 over $2 seconds.
usage_of() {
  local pid="$1" t0 c0 t1 c1 rss
  t0=$EPOCHREALTIME c0=$(ticks "$pid")
  sleep "$2"
  t1=$EPOCHREALTIME c1=$(ticks "$pid")
  rss=$(rss_kib "$pid")
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v rss="$rss" \
    'BEGIN { printf "%.2f %.1f\n", 100 * (c1 - c0) / hz / (t1 - t0), rss / 1024 }'
}

measure_pm2() {
  pm2_cli start "$work/ecosystem.json" > /dev/null 2>&1 || { echo "metrics.sh: pm2 start failed" >&2; return 1; }
  pm2_daemon="$(pid_from "$PM2_HOME/pm2.pid")"
  sleep 5
  local figures; figures=$(usage_of "$pm2_daemon" "$pm2_seconds")
  stop_pm2 # before printing: the reader goes on as soon as it has the line
  echo "$figures"
}

# One run: daemon with the given sample interval and N apps; prints "cpu_percent rss_mib".
measure() {
  local interval="$1"
  printf 'metrics:\n  sample_interval: %s\n' "$interval" > "$JPM_HOME/settings.yaml"
  "$jpm" apply "$work/ecosystem.yaml" > /dev/null || { echo "metrics.sh: apply failed" >&2; exit 1; }
  daemon="$(pid_from "$JPM_HOME/daemon.pid")"
  sleep 5 # start-up work (OSHI's first load, the apply) is not the steady state
  local figures; figures=$(usage_of "$daemon" "$seconds")
  stop_daemon # before printing: the reader goes on as soon as it has the line
  echo "$figures"
}

processes=$(ls -d /proc/[0-9]* | wc -l)
log "baseline: $apps idle apps, sampling every hour, ${seconds}s"
read -r base_cpu base_rss < <(measure 1h)
log "sampling: $apps idle apps, sampling every 2s, ${seconds}s"
read -r cpu rss < <(measure 2s)
samples=$(( seconds / 2 ))
pm2_cpu="" pm2_rss=""
if [ "$with_pm2" = 1 ] && [ -x "$pm2_bin" ]; then
  log "pm2: $apps idle apps with max_memory_restart, ${pm2_seconds}s (two rounds of its 30 s worker)"
  read -r pm2_cpu pm2_rss < <(measure_pm2)
fi

echo
printf '%-44s %10s %10s\n' "jpm daemon, $apps idle apps" "CPU %" "RSS MiB"
printf '%-44s %10s %10s\n' "sampling off (1h interval)" "$base_cpu" "$base_rss"
printf '%-44s %10s %10s\n' "sampling every 2 s (default)" "$cpu" "$rss"
[ -n "$pm2_cpu" ] && printf '%-44s %10s %10s\n' "PM2 7 daemon (memory every 30 s; ${pm2_seconds} s)" "$pm2_cpu" "$pm2_rss"
awk -v a="$cpu" -v b="$base_cpu" -v s="$seconds" -v n="$samples" -v p="$processes" 'BEGIN {
  d = a - b; if (d < 0) d = 0
  printf "%-44s %10.2f\n", "cost of sampling (CPU % of one core)", d
  printf "%-44s %10.1f   (%d processes on the machine)\n", "CPU ms per sample", d / 100 * s * 1000 / n, p }'
