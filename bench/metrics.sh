#!/usr/bin/env bash
# Metrics benchmark: what sampling costs the jpm daemon.
#
#   bash bench/metrics.sh [--apps N] [--seconds S] [--jpm PATH] [--no-pm2]
#
# Starts N idle apps (default 50) on a private JPM_HOME twice: once with sampling practically off
# (sample_interval: 1h, one sample at start) and once at the default interval (2 s). For each it measures the
# daemon's CPU% over S seconds (default 20) from /proc/<pid>/stat tick deltas, and its RSS. The difference is
# what sampling 50 process trees every 2 s costs; it also prints that per sample, and how many processes the
# machine had (a sample reads the apps' trees, and the process list only when a process was created). When PM2 is installed at /tmp/jpm-bench-pm2 (as
# bench/foundation.sh leaves it), the same apps run under PM2 (each with max_memory_restart, so its worker
# samples them, every 30 s) and its daemon is measured the same way, over 60 s (two rounds of that worker).
#
# Nothing outside a temp folder is touched (PM2 gets a private PM2_HOME and HOME); the EXIT trap stops the
# daemons it started, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
apps=50 seconds=20 pm2_seconds=60
jpm="$here/../jpm"

with_pm2=1
while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_locate_pm2
bench_make_work jpm-bench-metrics pm2
bench_pm2_timeout=120
daemon=""
# This run's apps (`exec sleep`, so no path in their command line): the sleeps that inherited this run's JPM_HOME,
# under jpm or PM2. PM2 7 leaves them running after `pm2 kill` here.
run_pids() { local p; for p in $(pgrep -x sleep); do grep -qzx "JPM_HOME=$JPM_HOME" "/proc/$p/environ" 2>/dev/null && echo "$p"; done; return 0; }

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
  t0=$EPOCHREALTIME c0=$(cpu_ticks "$pid")
  sleep "$2"
  t1=$EPOCHREALTIME c1=$(cpu_ticks "$pid")
  rss=$(rss_kib "$pid")
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$clk_tck" -v rss="$rss" \
    'BEGIN { printf "%.2f %.1f\n", 100 * (c1 - c0) / hz / (t1 - t0), rss / 1024 }'
}

measure_pm2() {
  pm2_cli start "$work/ecosystem.json" > /dev/null 2>&1 || { echo "metrics.sh: pm2 start failed" >&2; return 1; }
  pm2_daemon="$(daemon_pid pm2)"
  sleep 5
  local figures; figures=$(usage_of "$pm2_daemon" "$pm2_seconds")
  bench_stop_pm2 # before printing: the reader goes on as soon as it has the line
  echo "$figures"
}

# One run: daemon with the given sample interval and N apps; prints "cpu_percent rss_mib".
measure() {
  local interval="$1"
  printf 'metrics:\n  sample_interval: %s\n' "$interval" > "$JPM_HOME/settings.yaml"
  "$jpm" apply "$work/ecosystem.yaml" > /dev/null || { echo "metrics.sh: apply failed" >&2; exit 1; }
  daemon="$(daemon_pid jpm)"
  sleep 5 # start-up work (the first sample's listing, the apply) is not the steady state
  local figures; figures=$(usage_of "$daemon" "$seconds")
  # Waits for the process itself: a daemon still exiting would remove the next one's daemon.pid.
  bench_stop_jpm # before printing: the reader goes on as soon as it has the line
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
