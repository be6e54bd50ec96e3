#!/usr/bin/env bash
# Idle soak: what a daemon with N idle apps costs, minute by minute, jpm and PM2 side by side.
#
#   bash bench/idle.sh [--apps N] [--minutes M] [--no-pm2] [--jpm PATH] [--keep]
#
# Starts N idle bash apps (default 50: each a bash loop around `sleep 3600`, a tree of two processes that never
# wakes; max_memory_restart 1G on both sides, so both managers watch their memory) under jpm and under PM2 7.0.4,
# each with a private home, and lets both daemons idle together for --minutes (default 60). Every minute block
# prints the load average, each daemon's CPU time (user + system from /proc/PID/stat) in that same minute and its
# RSS: the two sides share every block, so load moves both alike. At the end: the median CPU ms per minute of
# each (from minute 3 on: the first two hold start-up and the JIT) and the median of the per-block ratios, RSS
# at 5, 15, 30 and 60 minutes (those the run reaches), then one `jpm ls`, to show that the figures are there.
# Targets (issue 18): CPU per minute <= 2x PM2's; RSS at 60 minutes <= 1.05x RSS at 5 minutes (a shorter run
# compares its last minute, marked "partial").
#
# Nothing outside a temp folder is touched (PM2 gets PM2_HOME, a temp HOME and PM2_DISABLE_VERSION_CHECK=true);
# the EXIT trap stops both daemons and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
apps=50 minutes=60
jpm="$here/../jpm"
pm2_version="7.0.4"

while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_make_work jpm-bench-idle pm2
bench_pm2_timeout=120
run_pids() { bench_pids_naming "$work/app.sh"; }

cat > "$work/app.sh" <<'EOF'
#!/usr/bin/env bash
trap 'kill $! 2>/dev/null; wait $! 2>/dev/null; exit 0' INT TERM
while :; do sleep 3600 & wait $!; done
EOF
chmod +x "$work/app.sh"
{ echo "apps:"; for ((i = 1; i <= apps; i++)); do
    printf '  - name: idle%02d\n    script: %s\n    max_memory_restart: 1G\n' "$i" "$work/app.sh"; done; } > "$work/apps.yaml"
{ echo "module.exports = { apps: ["; for ((i = 1; i <= apps; i++)); do
    printf '  { name: "idle%02d", script: "%s", interpreter: "bash", max_memory_restart: "1G" },\n' "$i" "$work/app.sh"
  done; echo "] };"; } > "$work/apps.config.js"

commit="$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# bench/idle.sh $(date -u '+%Y-%m-%d %H:%M UTC'), jpm $commit, $apps idle apps, $minutes minutes"
echo "# start: load average $(cat /proc/loadavg)"
jpm_cli apply "$work/apps.yaml" > "$work/apply.out" 2>&1 || { echo "$bench_name: jpm apply failed: $(tail -3 "$work/apply.out")" >&2; exit 1; }
jpm_pid="$(daemon_pid jpm)"
pm2_pid=""
if [ "$with_pm2" = 1 ] && bench_install_pm2 "$pm2_version"; then
  pm2_cli start "$work/apps.config.js" > "$work/pm2-start.out" 2>&1 || { echo "$bench_name: pm2 start failed" >&2; exit 1; }
  pm2_pid="$(daemon_pid pm2)"
  echo "# PM2 $pm2_found_version, daemon pid $pm2_pid"
else
  with_pm2=0
fi
echo "# jpm daemon pid $jpm_pid; each block is one minute for both daemons"
printf '%-7s %-16s %12s %12s %8s %10s %10s\n' minute "load (1/5/15)" "jpm CPU ms" "PM2 CPU ms" ratio "jpm MiB" "PM2 MiB"

declare -A rss_jpm rss_pm2
cpu_jpm=() cpu_pm2=() ratios=()
t_start=$(now_us)
j0=$(cpu_us "$jpm_pid") p0=0
[ -z "$pm2_pid" ] || p0=$(cpu_us "$pm2_pid")
for ((m = 1; m <= minutes; m++)); do
  until_us=$(( t_start + m * 60000000 ))
  while [ "$(now_us)" -lt "$until_us" ]; do nap 1; done
  alive "$jpm_pid" || { echo "$bench_name: the jpm daemon is gone" >&2; exit 1; }
  j1=$(cpu_us "$jpm_pid") p1=0
  [ -z "$pm2_pid" ] || p1=$(cpu_us "$pm2_pid")
  dj=$(( (j1 - j0) / 1000 )) dp=$(( (p1 - p0) / 1000 ))
  rj=$(rss_kib "$jpm_pid") rp=0
  [ -z "$pm2_pid" ] || rp=$(rss_kib "$pm2_pid")
  rss_jpm[$m]=$rj rss_pm2[$m]=$rp
  ratio="-"
  [ -n "$pm2_pid" ] && [ "$dp" -gt 0 ] && ratio=$(awk -v a="$dj" -v b="$dp" 'BEGIN { printf "%.2f", a / b }')
  if [ "$m" -ge 3 ]; then
    cpu_jpm+=("$dj"); cpu_pm2+=("$dp"); [ "$ratio" = "-" ] || ratios+=("$ratio")
  fi
  read -r l1 l5 l15 _ < /proc/loadavg
  printf '%-7s %-16s %12s %12s %8s %10.1f %10.1f\n' "$m" "$l1 $l5 $l15" "$dj" "$([ -n "$pm2_pid" ] && echo "$dp" || echo -)" \
    "$ratio" "$(awk -v k="$rj" 'BEGIN { print k / 1024 }')" "$(awk -v k="$rp" 'BEGIN { print k / 1024 }')"
  j0=$j1 p0=$p1
done
echo "# end: load average $(cat /proc/loadavg)"

jpm_ls="$(jpm_cli ls 2>/dev/null)"
shown=$(grep -c -E 'online +[0-9]+ .*[0-9.]+% +[0-9.]+[KMG]' <<< "$jpm_ls")
echo "# jpm ls afterwards: $shown of $apps apps online with CPU and memory figures"

echo
echo "| target | jpm | PM2 | figure | result |"
echo "| --- | --- | --- | --- | --- |"
if [ "${#cpu_jpm[@]}" -gt 0 ]; then
  mj=$(median "${cpu_jpm[@]}") mp=$(median "${cpu_pm2[@]}")
  if [ "$with_pm2" = 1 ] && [ "${#ratios[@]}" -gt 0 ]; then
    r=$(median "${ratios[@]}")
    verdict=$(awk -v r="$r" 'BEGIN { print (r <= 2.0 ? "pass" : "FAIL") }')
    echo "| idle CPU per minute, jpm/PM2 <= 2 (median of ${#ratios[@]} blocks) | $mj ms | $mp ms | $r | $verdict |"
  else
    echo "| idle CPU per minute, jpm/PM2 <= 2 | $mj ms | - | - | no PM2 |"
  fi
else
  echo "| idle CPU per minute, jpm/PM2 <= 2 | - | - | - | run >= 3 minutes |"
fi
checkpoints=""
for c in 5 15 30 60; do [ "$c" -le "$minutes" ] && checkpoints+=" $c"; done
last=$minutes
[ "$minutes" -ge 60 ] && last=60
for c in $checkpoints; do
  echo "| RSS at $c min | $(( rss_jpm[$c] / 1024 )) MiB | $(( rss_pm2[$c] / 1024 )) MiB | - | - |"
done
if [ "$minutes" -gt 5 ]; then
  grow=$(awk -v a="${rss_jpm[$last]}" -v b="${rss_jpm[5]}" 'BEGIN { printf "%.3f", a / b }')
  growp="-"
  [ "$with_pm2" = 1 ] && growp=$(awk -v a="${rss_pm2[$last]}" -v b="${rss_pm2[5]}" 'BEGIN { printf "%.3f", a / b }')
  verdict=$(awk -v r="$grow" 'BEGIN { print (r <= 1.05 ? "pass" : "FAIL") }')
  [ "$last" = 60 ] || verdict+=" (partial: $last min)"
  echo "| RSS at $last min / RSS at 5 min <= 1.05 | $grow | $growp | $grow | $verdict |"
else
  echo "| RSS at 60 min / RSS at 5 min <= 1.05 | - | - | - | run > 5 minutes |"
fi
# Idling must not cost the figures: every app still shows its CPU and memory.
echo "| jpm ls shows CPU and memory of every app | $shown of $apps | - | - | $([ "$shown" -ge "$apps" ] && echo pass || echo FAIL) |"
exit 0
