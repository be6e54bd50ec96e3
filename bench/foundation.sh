#!/usr/bin/env bash
# Foundation benchmark: jpm against PM2 on the same workload, on private temp homes.
#
#   bash bench/foundation.sh [--runs N] [--apps N] [--cycles N] [--runtime bash|node] [--no-pm2] [--jpm PATH]
#                            [--keep] [--no-jpm]
#
# Measures, for each system: `ls` wall time with N apps (median of --runs), time from `apply`/`start` of N apps
# until every app's code ran, `delete all`, daemon RSS idle and with N apps (plus any per-app wrapper process),
# and the gap between a crash and the replacement's start (median of --cycles). Also the same start and crash
# loop with no manager at all (shell loops), the floor any manager's ratio to PM2 has here. Prints one table with
# the ratio jpm/PM2 and the issue's target for it. --runtime picks the apps: tiny bash scripts (the default), or
# Node.js scripts, which PM2 runs inside its per-app wrapper (ProcessContainerFork) and jpm runs as they are. With --no-pm2 the ratios use PM2 7.0.4's figures measured
# earlier on this machine kind (marked *).
#
# Nothing outside a temp folder is touched: JPM_HOME and PM2_HOME are private, PM2 commands also get a temp
# HOME (so ~/.pm2 is never created), and the EXIT trap stops both daemons and any app process of this run,
# by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
runs=30 apps=50 cycles=20 with_pm2=1 with_jpm=1 keep=0 runtime=bash
jpm="$here/../jpm"
pm2_version="7.0.4"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --apps) apps="$2"; shift 2 ;;
    --cycles) cycles="$2"; shift 2 ;;
    --runtime) runtime="$2"; shift 2 ;;
    --no-jpm) with_jpm=0; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_make_work jpm-bench pm2

cli() { local side="$1"; shift; "${side}_cli" "$@"; }
cli_timeout() { # seconds side args...: the same command under timeout(1), which cannot run shell functions
  local s="$1" side="$2"; shift 2
  case "$side" in
    jpm) timeout "$s" "$jpm" "$@" ;;
    pm2) timeout "$s" env HOME="$pm2_user_home" "$pm2_bin" "$@" ;;
  esac
}

threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# Processes whose command line names this run's temp folder (the apps) or are their `sleep` children.
run_pids() { bench_pids_naming "$work/app.sh" "$work/app.js" "$work/crash.sh"; }

# ---------------------------------------------------------------------------------------------------------------
# Workload
# ---------------------------------------------------------------------------------------------------------------
app_sh="$work/app.sh"
cat > "$app_sh" <<'EOF'
#!/usr/bin/env bash
# Records that its code ran, then idles until told to stop. The trap ends and reaps the `sleep` child: an orphan
# would linger as a zombie where pid 1 reaps slowly (as in this sandbox), and a stopper that waits for the
# whole tree to be gone (PM2's treekill, kill -0) would then wait for its kill_timeout on every app.
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" > "$BENCH_MARKS/$BENCH_APP.tmp" && mv "$BENCH_MARKS/$BENCH_APP.tmp" "$BENCH_MARKS/$BENCH_APP"
while true; do sleep 1 & wait $!; done
EOF
app_js="$work/app.js"
cat > "$app_js" <<'EOF'
// Records that its code ran (as app.sh does, in seconds with microseconds), then idles until told to stop.
const fs = require("fs");
const at = ((performance.timeOrigin + performance.now()) / 1000).toFixed(6);
const mark = process.env.BENCH_MARKS + "/" + process.env.BENCH_APP;
fs.writeFileSync(mark + ".tmp", at + "\n");
fs.renameSync(mark + ".tmp", mark);
setInterval(() => {}, 1000);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
EOF
case "$runtime" in
  bash) app_script="$app_sh" app_interpreter="bash" ;;
  node) app_script="$app_js" app_interpreter="" ;;
  *) echo "--runtime must be bash or node" >&2; exit 2 ;;
esac
crash_sh="$work/crash.sh"
cat > "$crash_sh" <<'EOF'
#!/usr/bin/env bash
# Runs 1.5 s (longer than min_uptime 1 s, so every restart is immediate), then crashes.
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" >> "$BENCH_DIR/starts"
sleep "${BENCH_UP:-1.5}" & wait $!
echo "$EPOCHREALTIME" >> "$BENCH_DIR/exits"
exit 1
EOF
chmod +x "$app_sh" "$crash_sh"

write_workload() { # side -> ecosystem files under $work/$side
  local side="$1" dir="$work/$1" i name
  mkdir -p "$dir/marks" "$dir/crash"
  {
    echo "apps:"
    for ((i = 1; i <= apps; i++)); do
      printf -v name 'app%02d' "$i"
      cat <<EOF
  - name: $name
    script: $app_script
    exec_mode: fork
    instances: 1
    min_uptime: 1s
    env:
      BENCH_APP: $name
      BENCH_MARKS: $dir/marks
EOF
    done
  } > "$dir/apps.yaml"
  cat > "$dir/crash.yaml" <<EOF
apps:
  - name: crasher
    script: $crash_sh
    exec_mode: fork
    instances: 1
    min_uptime: 1s
    restart_delay: 0
    max_restarts: 1000
    autorestart: true
    env:
      BENCH_DIR: $dir/crash
EOF
  {
    echo "module.exports = { apps: ["
    for ((i = 1; i <= apps; i++)); do
      printf -v name 'app%02d' "$i"
      printf '  { name: "%s", script: "%s",%s exec_mode: "fork", instances: 1, min_uptime: 1000,\n' "$name" \
        "$app_script" "${app_interpreter:+ interpreter: \"$app_interpreter\",}"
      printf '    env: { BENCH_APP: "%s", BENCH_MARKS: "%s" } },\n' "$name" "$dir/marks"
    done
    echo "] };"
  } > "$dir/apps.config.js"
  cat > "$dir/crash.config.js" <<EOF
module.exports = { apps: [
  { name: "crasher", script: "$crash_sh", interpreter: "bash", exec_mode: "fork", instances: 1, min_uptime: 1000,
    restart_delay: 0, max_restarts: 1000, autorestart: true, env: { BENCH_DIR: "$dir/crash" } },
] };
EOF
}

apply_file() { case "$1" in jpm) echo "$work/jpm/$2.yaml" ;; pm2) echo "$work/pm2/$2.config.js" ;; esac; }
apply_cmd() { case "$1" in jpm) echo apply ;; pm2) echo start ;; esac; }

# ---------------------------------------------------------------------------------------------------------------
# Helpers for figures
# ---------------------------------------------------------------------------------------------------------------
time_runs() { # n command... -> median microseconds (empty when a run failed)
  local n="$1" i t0 t1 samples=(); shift
  for ((i = 0; i < n; i++)); do
    t0=${EPOCHREALTIME/[.,]/}
    "$@" > /dev/null 2>&1 || { echo ""; return 1; }
    t1=${EPOCHREALTIME/[.,]/}
    samples+=($((t1 - t0)))
  done
  median "${samples[@]}"
}

count_files() { local f=("$1"/*); echo "${#f[@]}"; }

wait_files() { # dir count timeout_s -> prints the microsecond time when count reached; fails on timeout
  local dir="$1" n="$2" deadline=$(( $(now_us) + $3 * 1000000 )) f
  shopt -s nullglob
  while :; do
    f=("$dir"/*)
    if [ "${#f[@]}" -ge "$n" ]; then shopt -u nullglob; echo "${EPOCHREALTIME/[.,]/}"; return 0; fi
    [ "${EPOCHREALTIME/[.,]/}" -gt "$deadline" ] && { shopt -u nullglob; return 1; }
    nap 0.005
  done
}

lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
wait_lines() { # file count timeout_s
  local deadline=$(( $(now_us) + $3 * 1000000 ))
  while [ "$(lines "$1")" -lt "$2" ]; do
    [ "$(now_us)" -gt "$deadline" ] && return 1
    nap 0.05
  done
}

# Descendants of a daemon: how many app processes, how many others (wrappers), and their RSS.
tree_report() { # pid -> "apps=N app_rss_kib=K wrappers=N wrapper_rss_kib=K wrapper_kinds=a,b"
  ps -e -o pid=,ppid=,rss=,args= | awk -v root="$1" -v app="$app_script" -v crash="$crash_sh" '
    { pid = $1; pp[pid] = $2; rss[pid] = $3; line = $0; sub(/^ *[0-9]+ +[0-9]+ +[0-9]+ +/, "", line); args[pid] = line }
    END {
      for (p in args) {
        q = pp[p]; d = 0
        while (q != "" && q != 0 && q != 1 && d < 50) { if (q == root) { desc[p] = 1; break }; q = pp[q]; d++ }
      }
      for (p in desc) {
        if (index(args[p], app) || index(args[p], crash)) { napp++; arss += rss[p] }
        else if (args[p] ~ /^(\[sleep\]|(\/usr\/bin\/)?sleep )/) { }
        else { nw++; wrss += rss[p]; split(args[p], a, " "); kinds[a[1]]++ }
      }
      k = ""; for (x in kinds) k = k (k == "" ? "" : ",") x "x" kinds[x]
      printf "apps=%d app_rss_kib=%d wrappers=%d wrapper_rss_kib=%d wrapper_kinds=%s\n", napp, arss, nw, wrss, (k == "" ? "none" : k)
    }'
}
field() { sed -n "s/.*\\b$2=\\([^ ]*\\).*/\\1/p" <<< "$1"; }

declare -A R   # R[side.metric] = value (us, KiB or counts)
declare -A NOTE

# ---------------------------------------------------------------------------------------------------------------
# One side
# ---------------------------------------------------------------------------------------------------------------
measure() {
  local side="$1" dir="$work/$1" pid t0 t_ret ret_file rc end first last tree n i cpu0
  write_workload "$side"
  log "$side: starting the daemon"
  t0=$(now_us)
  if ! cli "$side" ping > "$dir/ping.out" 2>&1; then
    log "$side: ping failed: $(head -c 400 "$dir/ping.out")"; NOTE[$side]="ping failed"; return 1
  fi
  R[$side.ping_cold]=$(( $(now_us) - t0 ))
  pid="$(daemon_pid "$side")"
  alive "$pid" || { log "$side: no daemon pid"; NOTE[$side]="no daemon pid file"; return 1; }
  sleep 3
  R[$side.rss_idle]=$(rss_kib "$pid")
  R[$side.threads_idle]=$(threads "$pid")
  R[$side.ping_warm]=$(time_runs 10 cli "$side" ping)
  log "$side: daemon pid $pid, idle RSS $(( ${R[$side.rss_idle]} / 1024 )) MiB"

  # apply/start of N apps until every app's code ran
  log "$side: $(apply_cmd "$side") of $apps apps"
  ret_file="$dir/apply.ret"
  cpu0=$(cpu_us "$pid")
  t0=$(now_us)
  # Each output line is stamped when it arrives: shows when the first app was reported started, and the pace.
  ( cli_timeout 180 "$side" "$(apply_cmd "$side")" "$(apply_file "$side" apps)" 2>&1 \
      | while IFS= read -r line; do echo "${EPOCHREALTIME/[.,]/} $line"; done > "$dir/apply.out"
    echo "${PIPESTATUS[0]} ${EPOCHREALTIME/[.,]/}" > "$ret_file" ) &
  if end=$(wait_files "$dir/marks" "$apps" 120); then
    R[$side.start_all]=$(( end - t0 ))
    last=$(cat "$dir/marks"/* | sort -n | tail -1); last=${last/[.,]/}
    first=$(cat "$dir/marks"/* | sort -n | head -1); first=${first/[.,]/}
    R[$side.start_last_marker]=$(( last - t0 ))
    R[$side.start_first_marker]=$(( first - t0 ))
  else
    log "$side: only $(count_files "$dir/marks") of $apps apps ran within 120 s"
    NOTE[$side]="${NOTE[$side]:-}only $(count_files "$dir/marks")/$apps apps ran; "
  fi
  wait_lines "$ret_file" 1 180
  read -r rc t_ret < "$ret_file" 2>/dev/null
  R[$side.apply_rc]="${rc:-?}"
  first=$(awk 'NR == 1 { print $1 }' "$dir/apply.out"); [ -n "$first" ] && R[$side.apply_first_line]=$(( first - t0 ))
  [ -n "${t_ret:-}" ] && R[$side.apply_return]=$(( t_ret - t0 ))
  [ "${rc:-1}" = 0 ] || log "$side: apply exited ${rc:-?}: $(tail -c 600 "$dir/apply.out" | cut -d' ' -f2-)"
  R[$side.apply_cpu]=$(( $(cpu_us "$pid") - cpu0 ))

  sleep 2
  R[$side.rss_apps]=$(rss_kib "$pid")
  R[$side.threads_apps]=$(threads "$pid")
  R[$side.thread_kinds]=$(cat /proc/"$pid"/task/*/comm 2>/dev/null | sed -e 's/^jpm-log-.*/jpm-log-*/' -e 's/[-_ #]*[0-9]*$//' | sort | uniq -c | sort -rn | head -6 | awk '{ n = $1; $1 = ""; printf "%s%s x%d", (NR > 1 ? "," : ""), $0, n }')
  tree=$(tree_report "$pid")
  R[$side.tree]="$tree"
  R[$side.wrapper_rss]=$(field "$tree" wrapper_rss_kib)
  R[$side.wrappers]=$(field "$tree" wrappers)
  R[$side.app_rss]=$(field "$tree" app_rss_kib)
  log "$side: RSS with apps $(( ${R[$side.rss_apps]} / 1024 )) MiB; descendants: $tree"

  # ls with N apps
  cli "$side" ls > "$dir/ls.out" 2>&1
  n=$(grep -c 'online' "$dir/ls.out")
  R[$side.ls_online]="$n"
  log "$side: ls shows $n online lines; timing $runs runs"
  R[$side.ls]=$(time_runs "$runs" cli "$side" ls)

  # RSS once the apply is 15 s past: what the daemon holds while it runs the apps (jpm unloads the classes that
  # read ecosystem files 10 s after the last file it read).
  settle_until=$(( ${t_ret:-$(now_us)} + 15000000 ))
  while [ "$(now_us)" -lt "$settle_until" ]; do sleep 0.5; done
  R[$side.rss_settled]=$(rss_kib "$pid")
  log "$side: RSS with apps, 15 s after the apply: $(( ${R[$side.rss_settled]} / 1024 )) MiB"

  # delete all
  log "$side: delete all"
  cpu0=$(cpu_us "$pid")
  t0=$(now_us)
  cli "$side" delete all > "$dir/delete.out" 2>&1; rc=$?
  R[$side.delete]=$(( $(now_us) - t0 ))
  R[$side.delete_cpu]=$(( $(cpu_us "$pid") - cpu0 ))
  R[$side.delete_rc]=$rc
  [ "$rc" = 0 ] || { log "$side: delete all exited $rc: $(tail -c 400 "$dir/delete.out")"; NOTE[$side]="${NOTE[$side]:-}delete all exited $rc ($(tail -1 "$dir/delete.out" | cut -c1-160)); "; }
  n=$(run_pids | wc -l)
  R[$side.delete_left]=$n
  for ((i = 0; i < 200 && n > 0; i++)); do nap 0.05; n=$(run_pids | wc -l); done
  R[$side.delete_gone]=$(( $(now_us) - t0 ))
  [ "$n" -gt 0 ] && ps -o pid=,ppid=,args= -p "$(run_pids | paste -sd,)" > "$dir/left-after-delete.txt" 2>&1
  [ "$n" -gt 0 ] && NOTE[$side]="${NOTE[$side]:-}$n app processes still alive 10 s after delete all; "

  # crash -> replacement
  log "$side: crash loop, $cycles cycles (~$(( cycles * 16 / 10 + 2 )) s)"
  ( cli_timeout 60 "$side" "$(apply_cmd "$side")" "$(apply_file "$side" crash)" > "$dir/crash-apply.out" 2>&1 ) &
  if wait_lines "$dir/crash/starts" $((cycles + 1)) $((cycles * 4 + 30)); then
    crash_gaps "$side" "$dir/crash"
  else
    log "$side: crash loop gave $(lines "$dir/crash/starts") starts"
    NOTE[$side]="${NOTE[$side]:-}crash loop: $(lines "$dir/crash/starts") starts; "
  fi
  cli "$side" delete all > /dev/null 2>&1
  wait

  log "$side: kill"
  t0=$(now_us)
  cli "$side" kill > "$dir/kill.out" 2>&1
  R[$side.kill]=$(( $(now_us) - t0 ))
  for ((i = 0; i < 100; i++)); do alive "$pid" || break; nap 0.05; done
  alive "$pid" && NOTE[$side]="${NOTE[$side]:-}daemon still alive 5 s after kill; "
  return 0
}

# Gaps between each exit and the next start of the crasher (the first --cycles): R[side.crash] is their median.
crash_gaps() { # side dir
  local starts exits gaps=() i
  mapfile -t starts < "$2/starts"; mapfile -t exits < "$2/exits"
  for ((i = 1; i <= cycles && i < ${#starts[@]} && i - 1 < ${#exits[@]}; i++)); do
    gaps+=($(( ${starts[i]/[.,]/} - ${exits[i-1]/[.,]/} )))
  done
  R[$1.crash]=$(median "${gaps[@]}")
  R[$1.crash_all]="${gaps[*]}"
}

# The same work with no manager at all, as the floor of what any manager can reach here: a shell loop starts the N
# apps (until every app ran, as above), and a shell loop runs the crasher again the moment it exits (up 0.2 s).
measure_floor() {
  local dir="$work/floor" t0 end i name pids=() interpreter
  interpreter="${app_interpreter:-node}"
  mkdir -p "$dir/marks" "$dir/crash"
  log "no manager: a shell loop starts $apps apps"
  t0=$(now_us)
  for ((i = 1; i <= apps; i++)); do
    printf -v name 'app%02d' "$i"
    BENCH_APP="$name" BENCH_MARKS="$dir/marks" "$interpreter" "$app_script" < /dev/null > /dev/null 2>&1 &
    pids+=($!)
  done
  if end=$(wait_files "$dir/marks" "$apps" 60); then R[floor.start_all]=$(( end - t0 )); fi
  # SIGTERM: background jobs of a script ignore SIGINT, and bash cannot trap a signal ignored on entry.
  kill -TERM "${pids[@]}" 2> /dev/null; wait "${pids[@]}" 2> /dev/null
  log "no manager: a shell loop runs the crasher $cycles times"
  for ((i = 0; i <= cycles; i++)); do BENCH_DIR="$dir/crash" BENCH_UP=0.2 bash "$crash_sh" < /dev/null > /dev/null 2>&1; done
  crash_gaps floor "$dir/crash"
}

# ---------------------------------------------------------------------------------------------------------------
# PM2 install (cached), reference start-ups
# ---------------------------------------------------------------------------------------------------------------
install_pm2() { bench_install_pm2 "$pm2_version" && R[pm2.version]="$pm2_found_version"; }

reference_startups() {
  local java javac
  command -v node > /dev/null && R[ref.node]=$(time_runs "$runs" node -e 0)
  java=""
  [ -f "$(dirname "$jpm")/cli/target/jpm-java" ] && read -r java _ < "$(dirname "$jpm")/cli/target/jpm-java"
  [ -x "${java:-}" ] || java=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV | head -1)
  javac="$(dirname "${java:-/nonexistent}")/javac"
  if [ -x "$javac" ]; then
    mkdir -p "$work/hello"
    echo 'public class Hello { public static void main(String[] a) { System.out.print(""); } }' > "$work/hello/Hello.java"
    if "$javac" -d "$work/hello" "$work/hello/Hello.java" 2> /dev/null; then
      R[ref.jvm]=$(time_runs "$runs" "$java" -cp "$work/hello" Hello)
      R[ref.jvm_tuned]=$(time_runs "$runs" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$work/hello" Hello)
      R[ref.java]="$java"
    fi
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------------
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
log "work folder $work; jpm $jpm; $apps apps, $runs ls runs, $cycles crash cycles"
if [ "$with_jpm" = 1 ]; then
  log "warming the jpm launcher (builds on first use)"
  "$jpm" --help > "$work/jpm-help.out" 2>&1 || log "jpm --help failed: $(head -c 400 "$work/jpm-help.out")"
  R[ref.jpm_help]=$(time_runs 10 "$jpm" --help)
fi
reference_startups
measure_floor
if [ "$with_pm2" = 1 ]; then
  if install_pm2; then measure pm2 || log "pm2 side incomplete"; else log "PM2 not available: reference figures used"; with_pm2=0; fi
fi
[ "$with_jpm" = 1 ] && { measure jpm || log "jpm side incomplete"; }

# ---------------------------------------------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------------------------------------------
# PM2 7.0.4 on this machine kind (the issue's figures), used for ratios with --no-pm2: ms, ms, ms, KiB, KiB, ms.
declare -A REF=([ls]=151000 [start_all]=2700000 [delete]=820000 [rss_idle]=54272 [rss_apps]=60416 [rss_settled]=60416
  [crash]=8700 [floor_start]=2700000 [floor_crash]=8700)

ms() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf (v >= 10000 ? "%.0f ms" : "%.1f ms"), v / 1000 }' || echo "-"; }
sec() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000000 }' || echo "-"; }
mib() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%.1f MiB", v / 1024 }' || echo "-"; }

rows=()
row() { # label fmt metric target [jpm_value pm2_value]
  local label="$1" fmt="$2" metric="$3" target="$4" j="${5-${R[jpm.$3]:-}}" p="${6-${R[pm2.$3]:-}}" star="" ratio="-" verdict="-"
  if [ "$with_pm2" = 0 ] && [ -n "${REF[$metric]:-}" ]; then p="${REF[$metric]}"; star="*"; fi
  if [ -n "$j" ] && [ -n "$p" ] && [ "$p" != 0 ]; then
    ratio=$(awk -v a="$j" -v b="$p" 'BEGIN { printf "%.2f", a / b }')
    if [ "$target" != "-" ]; then
      verdict=$(awk -v r="$ratio" -v t="${target#<= }" 'BEGIN { print (r <= t ? "pass" : "FAIL") }')
    fi
  elif [ "$target" != "-" ]; then verdict="n/a"
  fi
  rows+=("$label|$($fmt "$j")|$($fmt "$p")$star|$ratio|$target|$verdict")
}

wr_j=$(( ${R[jpm.wrapper_rss]:-0} )); wr_p=$(( ${R[pm2.wrapper_rss]:-0} ))
tot_j=""; [ -n "${R[jpm.rss_settled]:-}" ] && tot_j=$(( R[jpm.rss_settled] + wr_j ))
tot_p=""; [ -n "${R[pm2.rss_settled]:-}" ] && tot_p=$(( R[pm2.rss_settled] + wr_p ))
# PM2 fork mode runs a bash script without a wrapper (measured: see README), so its reference total is the daemon.
[ "$with_pm2" = 0 ] && tot_p=${REF[rss_apps]}
# Everything the N apps cost: PM2 runs a Node app inside its wrapper (one process), jpm runs it as it is.
all_j=""; [ -n "$tot_j" ] && all_j=$(( tot_j + ${R[jpm.app_rss]:-0} ))
all_p=""; [ -n "$tot_p" ] && [ "$with_pm2" = 1 ] && all_p=$(( tot_p + ${R[pm2.app_rss]:-0} ))

row "ls with $apps apps (median of $runs)" ms ls "<= 0.6"
row "apply/start $apps apps -> every app ran" sec start_all "<= 0.3"
row "  no manager: a shell loop starts them" sec floor_start "-" "${R[floor.start_all]:-}" "${R[pm2.start_all]:-}"
row "  apply/start command returned" sec apply_return "-"
row "  first output line of the command" sec apply_first_line "-"
row "  first app's own timestamp" sec start_first_marker "-"
row "  last app's own timestamp" sec start_last_marker "-"
row "  daemon CPU time until returned" ms apply_cpu "-"
row "delete all ($apps apps online)" sec delete "<= 0.3"
row "  until no app process is left" sec delete_gone "-"
row "  daemon CPU time" ms delete_cpu "-"
row "daemon RSS idle" mib rss_idle "<= 1.0"
row "daemon RSS with $apps apps, 2 s after apply" mib rss_apps "-"
row "daemon RSS with $apps apps, 15 s after apply" mib rss_settled "<= 1.0"
row "  + per-app wrapper processes" mib wrapper_rss "-"
row "  daemon + wrappers" mib total "<= 1.0" "$tot_j" "$tot_p"
row "  daemon + wrappers + apps" mib all "-" "$all_j" "$all_p"
row "crash -> replacement start (median)" ms crash "<= 0.6"
row "  no manager: a shell loop reruns it" ms floor_crash "-" "${R[floor.crash]:-}" "${R[pm2.crash]:-}"
row "first ping (daemon cold start)" sec ping_cold "-"
row "ping, warm (median of 10)" ms ping_warm "-"
row "kill" sec kill "-"

echo
echo "jpm vs PM2 ${R[pm2.version]:-$pm2_version} - $apps apps, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); load average at start ${load_start}, at end $(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "metric|jpm|PM2|jpm/PM2|target|result"
  echo "---|---|---|---|---|---"
  printf '%s\n' "${rows[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; l = length($i); if (l > w[i]) w[i] = l } n = NR; nf = NF }
  END { for (r = 1; r <= n; r++) { line = "|"; for (i = 1; i <= nf; i++) {
          c = cell[r, i]; if (c == "---") { c = ""; while (length(c) < w[i]) c = c "-" }
          line = line " " sprintf("%-" w[i] "s", c) " |" } print line } }'
[ "$with_pm2" = 0 ] && echo "* PM2 7.0.4 figures measured earlier on this machine kind (the issue's). Its 11.6 MiB per-app wrapper is for Node scripts; with interpreter bash PM2 spawns bash directly."
echo
echo "reference start-ups (median of $runs): node -e 0 $(ms "${R[ref.node]:-}"); JVM hello, default flags $(ms "${R[ref.jvm]:-}"); JVM hello, C1+SerialGC $(ms "${R[ref.jvm_tuned]:-}"); jpm --help $(ms "${R[ref.jpm_help]:-}")"
for side in jpm pm2; do
  [ "$side" = pm2 ] && [ "$with_pm2" = 0 ] && continue
  echo "$side: daemon threads idle ${R[$side.threads_idle]:-?}, with apps ${R[$side.threads_apps]:-?} (by name:${R[$side.thread_kinds]:-?})"
  echo "$side: apply exit ${R[$side.apply_rc]:-?}; ls showed ${R[$side.ls_online]:-?} 'online' lines; descendants with apps: ${R[$side.tree]:-?}"
  echo "$side: delete all exit ${R[$side.delete_rc]:-?}, app processes alive when it returned: ${R[$side.delete_left]:-?}; crash gaps (us): ${R[$side.crash_all]:-?}"
  [ -n "${NOTE[$side]:-}" ] && echo "$side: problems: ${NOTE[$side]}"
done
exit 0
