#!/usr/bin/env bash
# CLI start-up benchmark: `jpm ls` against `pm2 ls`, and `jpm apply`/`jpm stop` of one build against another.
#
#   bash bench/cli.sh [--before PATH] [--pairs N] [--apps N] [--no-pm2] [--jpm PATH] [--keep]
#
# Every comparison runs in interleaved pairs (A, B, A, B, ...) and reports the medians of each side and the median
# of the pair ratios, with `cat /proc/loadavg` printed with each block; wall times (ms) and, for jpm's commands,
# the CPU time (user + system) of the command, which moves less when other work shares the machine.
#   1. `ls` with --apps apps online: jpm (--jpm, default ./jpm) against PM2 (installed as foundation.sh does) and,
#      with --before, against that build (runs in turn: jpm, PM2, before, jpm, ...).
#   2. `apply FILE` of 10 apps, then `stop all`, each timed, with `delete all` between rounds (not timed): the
#      launcher --before (another build's ./jpm, e.g. main's) against --jpm, each with its own daemon and home.
# Each target of issue 17 (`ls` <= 0.5x PM2; `apply` and `stop` <= 1.0x the build before) ends its line with pass
# or FAIL, judged on the median of the wall-time pair ratios, and the last lines list the verdicts; wall time, so a
# verdict means something only on a quiet machine.
# Every side gets the same idle bash apps (one `sleep` an hour each, so 150 of them hardly load the machine); PM2
# gets PM2_HOME, a temp HOME and PM2_DISABLE_VERSION_CHECK=true.
# The EXIT trap stops every daemon it started and the apps of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
pairs=11 apps=50 keep=0 before=""
jpm="$here/../jpm"
pm2_version="7.0.4"

while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    --apps) apps="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
[ -z "$before" ] || before="$(readlink -f "$before")"
[ -z "$before" ] || [ -x "$before" ] || { echo "$bench_name: no launcher at --before $before" >&2; exit 2; }
bench_make_work jpm-bench-cli pm2
before_home="$work/before-home"
mkdir -m 700 "$before_home"

run_pids() { bench_pids_naming "$work/app.sh"; }

# The before side's daemon, stopped at exit too (bench_cleanup knows only JPM_HOME's).
stop_before_daemon() {
  [ -n "$before" ] || return 0
  local pid; pid="$(pid_from "$before_home/daemon.pid" || true)"
  alive "$pid" || return 0
  JPM_HOME="$before_home" timeout 60 "$before" kill > /dev/null 2>&1 || true
  bench_stop_pid "$pid"
}
trap 'status=$?; stop_before_daemon; (exit "$status"); bench_cleanup' EXIT

cat > "$work/app.sh" <<'EOF'
#!/usr/bin/env bash
trap 'kill $! 2>/dev/null; wait $! 2>/dev/null; exit 0' INT TERM
while :; do sleep 3600 & wait $!; done
EOF
chmod +x "$work/app.sh"

write_files() { # count name -> $work/NAME.yaml and $work/NAME.config.js with COUNT apps
  local i name
  { echo "apps:"; for ((i = 1; i <= $1; i++)); do printf -v name 'app%02d' "$i"
      printf '  - name: %s\n    script: %s\n    min_uptime: 100ms\n' "$name" "$work/app.sh"; done; } > "$work/$2.yaml"
  { echo "module.exports = { apps: ["; for ((i = 1; i <= $1; i++)); do printf -v name 'app%02d' "$i"
      printf '  { name: "%s", script: "%s", interpreter: "bash", min_uptime: 100 },\n' "$name" "$work/app.sh"; done
    echo "] };"; } > "$work/$2.config.js"
}
write_files "$apps" many
write_files 10 ten

# timed LAUNCHER HOME ARGS...: runs one command; prints "wall_us cpu_us" (cpu from /usr/bin/time when present).
timed() {
  local launcher="$1" home="$2" t0 t1 cpu=0; shift 2
  t0=$(now_us)
  if [ -x /usr/bin/time ]; then
    JPM_HOME="$home" /usr/bin/time -o "$work/time.out" -f '%U %S' "$launcher" "$@" > /dev/null 2>&1
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000000 }' "$work/time.out")
  else
    JPM_HOME="$home" "$launcher" "$@" > /dev/null 2>&1
  fi
  t1=$(now_us)
  echo "$((t1 - t0)) $cpu"
}
pm2_timed() { local t0 t1; t0=$(now_us); pm2_cli "$@" > /dev/null 2>&1; t1=$(now_us); echo "$((t1 - t0)) 0"; }

ms() { awk -v us="$1" 'BEGIN { printf "%.0f", us / 1000 }'; }
ratio_median() { # a-values b-values (space-separated, same order) -> median of a_i / b_i
  local ratios=() i a=($1) b=($2)
  for i in "${!a[@]}"; do ratios+=("$(awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN { printf "%.3f", x / y }')"); done
  median "${ratios[@]}"
}
verdicts=()
# report LABEL A-NAME B-NAME A-walls B-walls A-cpus B-cpus [LIMIT]: with LIMIT, the target is met ("pass") when the
# median of the wall-time pair ratios A/B is at most LIMIT; the verdict ends the line and the summary.
report() {
  local line ratio verdict
  ratio="$(ratio_median "$4" "$5")"
  printf -v line '%-34s %s %s ms, %s %s ms, ratio %s/%s (median of pair ratios) %s' "$1" "$2" "$(ms "$(median $4)")" \
    "$3" "$(ms "$(median $5)")" "$2" "$3" "$ratio"
  [ "$(median $6)" = 0 ] \
    || line+="; CPU $2 $(ms "$(median $6)") ms, $3 $(ms "$(median $7)") ms, ratio $(ratio_median "$6" "$7")"
  if [ -n "${8:-}" ]; then
    verdict="$(awk -v r="$ratio" -v limit="$8" 'BEGIN { print (r <= limit ? "pass" : "FAIL") }')"
    line+="; $verdict (target <= $8)"
    verdicts+=("$verdict: $1, wall ratio $ratio (target <= $8)")
  fi
  echo "$line"
}

log "work folder $work; jpm $jpm${before:+; before $before}; $pairs pairs"
commit="$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# bench/cli.sh $(date -u '+%Y-%m-%d %H:%M UTC'), jpm $commit"
echo "# start: load average $(cat /proc/loadavg)"
# Builds the launchers, trains their AOT caches, starts the daemons: none of it is timed.
jpm_cli ping > /dev/null 2>&1
[ -z "$before" ] || JPM_HOME="$before_home" "$before" ping > /dev/null 2>&1

# 1. ls with N apps: jpm against PM2 and, with --before, against the build before (each with its own daemon).
jpm_cli apply "$work/many.yaml" > /dev/null 2>&1 || { echo "$bench_name: jpm apply of $apps apps failed" >&2; exit 1; }
if [ -n "$before" ]; then
  JPM_HOME="$before_home" "$before" apply "$work/many.yaml" > /dev/null 2>&1 \
    || { echo "$bench_name: apply of $apps apps with --before failed" >&2; exit 1; }
fi
if [ "$with_pm2" = 1 ] && bench_install_pm2 "$pm2_version"; then
  pm2_cli start "$work/many.config.js" > /dev/null 2>&1 || { echo "$bench_name: pm2 start failed" >&2; exit 1; }
  pm2_cli ls > /dev/null 2>&1 # one untimed run: page caches
else
  with_pm2=0
fi
sides="jpm${before:+, the build before}"
[ "$with_pm2" = 0 ] || sides+=", PM2 $pm2_found_version"
echo "# ls with $apps apps: $sides in turn; load average $(cat /proc/loadavg)"
wa=() ca=() wp=() wb=() cb=()
for ((i = 0; i < pairs; i++)); do
  read -r w c < <(timed "$jpm" "$JPM_HOME" ls); wa+=("$w"); ca+=("$c")
  if [ "$with_pm2" = 1 ]; then read -r w _ < <(pm2_timed ls); wp+=("$w"); fi
  if [ -n "$before" ]; then read -r w c < <(timed "$before" "$before_home" ls); wb+=("$w"); cb+=("$c"); fi
  (( (i + 1) % 4 == 0 )) && echo "  after round $((i + 1)): load average $(cat /proc/loadavg)"
done
[ "$with_pm2" = 0 ] || report "ls with $apps apps, against PM2" jpm pm2 "${wa[*]}" "${wp[*]}" 0 0 0.5
[ -z "$before" ] \
  || report "ls with $apps apps, after vs before" after before "${wa[*]}" "${wb[*]}" "${ca[*]}" "${cb[*]}"
echo "  jpm ls CPU $(ms "$(median "${ca[@]}")") ms; load average after $(cat /proc/loadavg)"
if [ "$with_pm2" = 1 ]; then pm2_cli delete all > /dev/null 2>&1; bench_stop_pm2; fi
jpm_cli delete all > /dev/null 2>&1
[ -z "$before" ] || JPM_HOME="$before_home" "$before" delete all > /dev/null 2>&1

# 2. apply and stop, before against after.
if [ -n "$before" ]; then
  declare -A wall cpu
  for side in before after; do wall[$side.apply]="" wall[$side.stop]="" cpu[$side.apply]="" cpu[$side.stop]=""; done
  echo "# apply of 10 apps and stop all, before ($before) vs after ($jpm); load average $(cat /proc/loadavg)"
  for ((i = 0; i < pairs; i++)); do
    for side in before after; do
      if [ "$side" = before ]; then launcher="$before" home="$before_home"; else launcher="$jpm" home="$JPM_HOME"; fi
      read -r w c < <(timed "$launcher" "$home" apply "$work/ten.yaml")
      wall[$side.apply]+=" $w" cpu[$side.apply]+=" $c"
      read -r w c < <(timed "$launcher" "$home" stop all)
      wall[$side.stop]+=" $w" cpu[$side.stop]+=" $c"
      JPM_HOME="$home" "$launcher" delete all > /dev/null 2>&1
    done
    (( (i + 1) % 4 == 0 )) && echo "  after pair $((i + 1)): load average $(cat /proc/loadavg)"
  done
  report "apply of 10 apps" after before "${wall[after.apply]}" "${wall[before.apply]}" \
    "${cpu[after.apply]}" "${cpu[before.apply]}" 1.0
  report "stop all, 10 apps" after before "${wall[after.stop]}" "${wall[before.stop]}" \
    "${cpu[after.stop]}" "${cpu[before.stop]}" 1.0
fi
echo "# targets (issue 17; wall time, so judged on a quiet machine):"
[ "${#verdicts[@]}" -gt 0 ] || echo "  none measured (no PM2 and no --before)"
for verdict in "${verdicts[@]}"; do echo "  $verdict"; done
echo "# end: load average $(cat /proc/loadavg)"
