#!/usr/bin/env bash
# Metrics benchmark: what sampling costs the jpm daemon.
#
#   bash bench/metrics.sh [--apps N] [--seconds S] [--jpm PATH]
#
# Starts N idle apps (default 50) on a private JPM_HOME twice: once with sampling practically off
# (sample_interval: 1h, one sample at start) and once at the default interval (2 s). For each it measures the
# daemon's CPU% over S seconds (default 20) from /proc/<pid>/stat tick deltas, and its RSS. The difference is
# what sampling 50 process trees every 2 s costs; it also prints that per sample, and how many processes the
# machine had (each sample reads the whole process list once).
#
# Nothing outside a temp folder is touched; the EXIT trap stops the daemon it started, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
apps=50 seconds=20
jpm="$here/../jpm"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --jpm) jpm="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "metrics.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
jpm="$(readlink -f "$jpm")"
[ -x "$jpm" ] || { echo "metrics.sh: no jpm launcher at $jpm (use --jpm PATH)" >&2; exit 2; }

work="$(mktemp -d /tmp/jpm-bench-metrics.XXXXXX)"
export JPM_HOME="$work/jpm-home"
mkdir -p "$JPM_HOME" && chmod 700 "$JPM_HOME"
hz="$(getconf CLK_TCK)"
daemon=""

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
pid_from() { [ -f "$1" ] && tr -dc '0-9' < "$1"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime of the process itself
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

stop_daemon() {
  [ -n "$daemon" ] || return 0
  timeout 60 "$jpm" kill > /dev/null 2>&1
  if kill -0 "$daemon" 2>/dev/null; then kill -KILL "$daemon" 2>/dev/null; fi
  daemon=""
}
cleanup() { stop_daemon; rm -rf "$work"; }
trap cleanup EXIT

printf '#!/usr/bin/env bash\nexec sleep 100000\n' > "$work/app.sh"
{
  echo "apps:"
  for i in $(seq 1 "$apps"); do printf '  - name: idle%d\n    script: %s\n' "$i" "$work/app.sh"; done
} > "$work/ecosystem.yaml"

# One run: daemon with the given sample interval and N apps; prints "cpu_percent rss_mib".
measure() {
  local interval="$1"
  printf 'metrics:\n  sample_interval: %s\n' "$interval" > "$JPM_HOME/settings.yaml"
  "$jpm" apply "$work/ecosystem.yaml" > /dev/null || { echo "metrics.sh: apply failed" >&2; exit 1; }
  daemon="$(pid_from "$JPM_HOME/daemon.pid")"
  sleep 5 # start-up work (OSHI's first load, the apply) is not the steady state
  local t0 c0 t1 c1
  t0=$EPOCHREALTIME c0=$(ticks "$daemon")
  sleep "$seconds"
  t1=$EPOCHREALTIME c1=$(ticks "$daemon")
  local rss; rss=$(rss_kib "$daemon")
  stop_daemon
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v rss="$rss" \
    'BEGIN { printf "%.2f %.1f\n", 100 * (c1 - c0) / hz / (t1 - t0), rss / 1024 }'
}

processes=$(ls -d /proc/[0-9]* | wc -l)
log "baseline: $apps idle apps, sampling every hour, ${seconds}s"
read -r base_cpu base_rss < <(measure 1h)
log "sampling: $apps idle apps, sampling every 2s, ${seconds}s"
read -r cpu rss < <(measure 2s)
samples=$(( seconds / 2 ))

echo
printf '%-44s %10s %10s\n' "jpm daemon, $apps idle apps" "CPU %" "RSS MiB"
printf '%-44s %10s %10s\n' "sampling off (1h interval)" "$base_cpu" "$base_rss"
printf '%-44s %10s %10s\n' "sampling every 2 s (default)" "$cpu" "$rss"
awk -v a="$cpu" -v b="$base_cpu" -v s="$seconds" -v n="$samples" -v p="$processes" 'BEGIN {
  d = a - b; if (d < 0) d = 0
  printf "%-44s %10.2f\n", "cost of sampling (CPU % of one core)", d
  printf "%-44s %10.1f   (%d processes on the machine)\n", "CPU ms per sample", d / 100 * s * 1000 / n, p }'
