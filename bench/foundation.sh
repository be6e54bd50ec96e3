#!/usr/bin/env bash
# Foundation benchmark: jpm against PM2 on the same workloads, in interleaved pairs, on private temp homes.
#
#   bash bench/foundation.sh [--pairs N] [--sweep 10,50,300 | --quick] [--apps N] [--node-apps N] [--runs N]
#                            [--cycles N] [--large-pairs N] [--budget MIN] [--no-pm2] [--no-jpm] [--jpm PATH] [--keep]
#
# A pair is one round of jpm, then one round of PM2, then one of the no-manager floor (--pairs, default 5); each
# block starts with the load average. A round starts a fresh daemon and ends it:
#   cold start    the first `ping` answered (it starts the daemon); idle RSS 3 s later; warm `ping` (median of 5)
#   apply N       for each N of --sweep (bash apps; default 10,50,300, --quick: only --apps): `apply`/`start` of N
#                 apps until every app's code ran (each writes its own timestamp), the first app's timestamp, when
#                 the command returned, the daemon's CPU time until then; then `delete all` (wall, daemon CPU, until
#                 no app process is left). At N = --apps (default 50, added to the sweep when missing) also the
#                 daemon's RSS 2 s and 15 s after the apply, per-app wrapper processes, and `ls` (--runs calls)
#   Node apps     --node-apps Node.js apps (default 50; 0: none), the same apply; daemon + wrappers + apps RSS
#   crash         an app that runs 1.5 s and exits 1: the gap from its exit to the replacement's start (--cycles)
#   kill          `kill` of the idle daemon
# The floor, with no manager: a shell loop starts the same apps at once; for Node also one that keeps at most one
# app per core starting at a time (an order that does not fight for the cores); a shell loop reruns the crasher.
# At the end, one table: per figure the medians of each side, the median of the pair ratios jpm/PM2, the target,
# pass/FAIL, and the floor's median ratio to PM2 (what is reachable here); then one line per target ending in pass
# or FAIL. Wall times: a verdict means something only on a quiet machine (the CPU rows move less with the load).
# The largest N of a sweep of two or more is timed in pair 1: when all pairs would take longer than --budget
# minutes (default 25), that N runs in fewer pairs (at least 3; --large-pairs N sets it) and the output says so.
# With --no-pm2 the ratios use PM2 7.0.4's figures measured earlier on this machine kind (marked *).
#
# Nothing outside a temp folder is touched: JPM_HOME and PM2_HOME are private, PM2 commands also get a temp
# HOME (so ~/.pm2 is never created) and PM2_DISABLE_VERSION_CHECK=true; the EXIT trap stops both daemons and
# any app process of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
pairs=5 sweep="10,50,300" quick=0 apps=50 node_apps=50 runs=6 cycles=6 large_pairs="" budget_min=25
with_pm2=1 with_jpm=1 keep=0
jpm="$here/../jpm"
pm2_version="7.0.4"

while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --sweep) sweep="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --apps) apps="$2"; shift 2 ;;
    --node-apps) node_apps="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --cycles) cycles="$2"; shift 2 ;;
    --large-pairs) large_pairs="$2"; shift 2 ;;
    --budget) budget_min="$2"; shift 2 ;;
    --no-jpm) with_jpm=0; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
for v in "$pairs" "$apps" "$node_apps" "$runs" "$cycles" "$budget_min" ${large_pairs:+"$large_pairs"}; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "$bench_name: not a number: $v" >&2; exit 2; }
done
if [ "$pairs" -lt 1 ] || [ "$apps" -lt 1 ] || [ "$runs" -lt 1 ] || [ "$cycles" -lt 1 ]; then
  echo "$bench_name: --pairs, --apps, --runs and --cycles must be at least 1" >&2; exit 2
fi
[ "$quick" = 1 ] && sweep="$apps"
[[ "$sweep" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "$bench_name: --sweep takes counts like 10,50,300" >&2; exit 2; }
# The sweep in rising order, without repeats, with --apps (the N of the ls, RSS and delete all figures) in it.
mapfile -t sweep_ns < <(tr ',' '\n' <<< "$sweep,$apps" | sed 's/^0*\([0-9]\)/\1/' | grep -v '^0$' | sort -nu)
large_n=""   # the sweep's largest N (300 by default), which the budget may run in fewer pairs
[ "${#sweep_ns[@]}" -lt 2 ] || large_n="${sweep_ns[-1]}"
command -v node > /dev/null || { [ "$node_apps" = 0 ] || log "no node: the Node apps round is skipped"; node_apps=0; }
bench_pairs="$pairs"
bench_resolve_jpm
bench_make_work jpm-bench pm2

sides=()
[ "$with_jpm" = 1 ] && sides+=(jpm)
cli() { local side="$1"; shift; "${side}_cli" "$@"; }
cli_timeout() { # seconds side args...: the same command under timeout(1), which cannot run shell functions
  local s="$1" side="$2"; shift 2
  case "$side" in
    jpm) timeout "$s" "$jpm" "$@" ;;
    pm2) timeout "$s" env HOME="$pm2_user_home" "$pm2_bin" "$@" ;;
  esac
}
apply_cmd() { case "$1" in jpm) echo apply ;; pm2) echo start ;; esac; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# Processes whose command line names this run's apps (app.sh, app.js, crash.sh) or are their `sleep` children.
run_pids() { bench_pids_naming "$work/app.sh" "$work/app.js" "$work/crash.sh"; }

# ---------------------------------------------------------------------------------------------------------------
# Workload
# ---------------------------------------------------------------------------------------------------------------
# Each app writes its own timestamp into $BENCH_MARKS/$BENCH_APP (through a dot file, which the count skips), then
# idles in one long `sleep` (a `sleep 1` loop would fork N times a second while later apps start). The trap ends and
# reaps the `sleep` child: an orphan would linger as a zombie where pid 1 reaps slowly (as in this sandbox), and a
# stopper that waits for the whole tree to be gone (PM2's treekill) would then wait its kill_timeout on every app.
cat > "$work/app.sh" <<'APP'
#!/usr/bin/env bash
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" > "$BENCH_MARKS/.$BENCH_APP" && mv "$BENCH_MARKS/.$BENCH_APP" "$BENCH_MARKS/$BENCH_APP"
while true; do sleep 3600 & wait $!; done
APP
cat > "$work/app.js" <<'APP'
// Writes its own timestamp (seconds with microseconds, as app.sh), then idles until told to stop.
const fs = require("fs");
const at = ((performance.timeOrigin + performance.now()) / 1000).toFixed(6);
const dir = process.env.BENCH_MARKS, name = process.env.BENCH_APP;
fs.writeFileSync(`${dir}/.${name}`, at + "\n");
fs.renameSync(`${dir}/.${name}`, `${dir}/${name}`);
setInterval(() => {}, 3600 * 1000);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
APP
crash_sh="$work/crash.sh"
cat > "$crash_sh" <<'APP'
#!/usr/bin/env bash
# Runs 1.5 s (longer than min_uptime 1 s, so every restart is immediate), then crashes.
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" >> "$BENCH_DIR/starts"
sleep "${BENCH_UP:-1.5}" & wait $!
echo "$EPOCHREALTIME" >> "$BENCH_DIR/exits"
exit 1
APP
chmod +x "$work/app.sh" "$crash_sh"

app_script() { case "$1" in bash) echo "$work/app.sh" ;; node) echo "$work/app.js" ;; esac; }

# The ecosystem file of one round (KIND bash|node, N apps; marks in DIR/marks) in the side's format; prints its path.
apps_file() { # side kind n dir
  local side="$1" kind="$2" n="$3" dir="$4" i name script interpreter=""
  script=$(app_script "$kind")
  [ "$kind" = bash ] && interpreter=bash
  case "$side" in
    jpm) [ -f "$dir/apps.yaml" ] || {
           echo "apps:"
           for ((i = 1; i <= n; i++)); do
             printf -v name 'app%02d' "$i"
             printf '  - name: %s\n    script: %s\n    exec_mode: fork\n    instances: 1\n    min_uptime: 1s\n' "$name" "$script"
             printf '    env:\n      BENCH_APP: %s\n      BENCH_MARKS: %s\n' "$name" "$dir/marks"
           done; } > "$dir/apps.yaml"
         echo "$dir/apps.yaml" ;;
    pm2) [ -f "$dir/apps.config.js" ] || {
           echo "module.exports = { apps: ["
           for ((i = 1; i <= n; i++)); do
             printf -v name 'app%02d' "$i"
             printf '  { name: "%s", script: "%s",%s exec_mode: "fork", instances: 1, min_uptime: 1000,\n' "$name" \
               "$script" "${interpreter:+ interpreter: \"$interpreter\",}"
             printf '    env: { BENCH_APP: "%s", BENCH_MARKS: "%s" } },\n' "$name" "$dir/marks"
           done
           echo "] };"; } > "$dir/apps.config.js"
         echo "$dir/apps.config.js" ;;
  esac
}
crash_file() { # side dir
  case "$1" in
    jpm) cat > "$2/crash.yaml" <<EOF2
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
      BENCH_DIR: $2
EOF2
         echo "$2/crash.yaml" ;;
    pm2) cat > "$2/crash.config.js" <<EOF2
module.exports = { apps: [
  { name: "crasher", script: "$crash_sh", interpreter: "bash", exec_mode: "fork", instances: 1, min_uptime: 1000,
    restart_delay: 0, max_restarts: 1000, autorestart: true, env: { BENCH_DIR: "$2" } },
] };
EOF2
         echo "$2/crash.config.js" ;;
  esac
}

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

# The number of marks in a folder, into $counted (no fork: the pacing loop calls it every few ms). Dot files, the
# marks being written, do not count.
count_marks() { local f; shopt -s nullglob; f=("$1"/*); shopt -u nullglob; counted=${#f[@]}; }
wait_marks() { # dir count timeout_s -> prints the microsecond time when count reached; fails on timeout
  local deadline=$(( $(now_us) + $3 * 1000000 )) counted
  while :; do
    count_marks "$1"
    [ "$counted" -ge "$2" ] && { now_us; return 0; }
    [ "$(now_us)" -gt "$deadline" ] && return 1
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
  ps -e -o pid=,ppid=,rss=,args= | awk -v root="$1" -v app="$work/app." -v crash="$crash_sh" '
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

ms() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf (v >= 10000 ? "%.0f ms" : "%.1f ms"), v / 1000 }' || echo "-"; }
sec() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%.2f s", v / 1000000 }' || echo "-"; }
mib() { [ -n "${1:-}" ] && awk -v v="$1" 'BEGIN { printf "%.1f MiB", v / 1024 }' || echo "-"; }

declare -A NOTE INFO   # problems per side; the last pair's details per side (threads, process tree, ...)
put() { bench_put "$1" "$2" "$pair" "$3"; }  # side metric value, for the current pair
got() { echo "${bench_v[$1.$2.$pair]:-}"; }
note() { NOTE[$1]="${NOTE[$1]:-}$2; "; log "$1: $2"; }
large_us=0   # time spent on the largest N in this pair (all sides), for the budget

# The largest N runs in the first large_pairs pairs only (set after pair 1 when the budget says so).
runs_n() { [ -z "$large_n" ] || [ "$1" != "$large_n" ] || [ -z "$large_pairs" ] || [ "$pair" -le "$large_pairs" ]; }

# ---------------------------------------------------------------------------------------------------------------
# One side's round: a fresh daemon through every figure of the pair
# ---------------------------------------------------------------------------------------------------------------
# apply/start of N apps of a kind until every app's code ran, then `delete all`; figures under KIND N (e.g. bash50).
apply_round() { # side kind n
  local side="$1" kind="$2" n="$3" key="$2$3" dir="$work/$1/$2$3" pid t_start t0 end rc t_ret first last cpu0 file
  local settle_until tree
  mkdir -p "$dir"; rm -rf "$dir/marks" "$dir/apply.ret"; mkdir "$dir/marks"
  file=$(apps_file "$side" "$kind" "$n" "$dir")
  pid=$(daemon_pid "$side")
  t_start=$(now_us)
  cpu0=$(cpu_us "$pid")
  t0=$(now_us)
  # Each output line is stamped when it arrives: shows when the first app was reported started, and the pace.
  ( cli_timeout $((120 + n)) "$side" "$(apply_cmd "$side")" "$file" 2>&1 \
      | while IFS= read -r line; do echo "${EPOCHREALTIME/[.,]/} $line"; done > "$dir/apply.out"
    echo "${PIPESTATUS[0]} ${EPOCHREALTIME/[.,]/}" > "$dir/apply.ret" ) &
  if end=$(wait_marks "$dir/marks" "$n" $((60 + n))); then
    put "$side" "$key.all" $((end - t0))
    read -r first last < <(cat "$dir/marks"/* | sort -n | awk 'NR == 1 { f = $1 } { l = $1 } END { gsub(/[.,]/, "", f); gsub(/[.,]/, "", l); print f, l }')
    put "$side" "$key.first" $((first - t0))
    put "$side" "$key.last" $((last - t0))
  else
    count_marks "$dir/marks"; note "$side" "$key: only $counted of $n apps ran within $((60 + n)) s (pair $pair)"
  fi
  wait_lines "$dir/apply.ret" 1 $((120 + n))
  read -r rc t_ret < "$dir/apply.ret" 2>/dev/null
  put "$side" "$key.cpu" $(( $(cpu_us "$pid") - cpu0 ))
  wait
  [ -n "${t_ret:-}" ] && put "$side" "$key.ret" $((t_ret - t0))
  [ "${rc:-1}" = 0 ] || note "$side" "$key: $(apply_cmd "$side") exited ${rc:-?} (pair $pair): $(tail -c 300 "$dir/apply.out" | cut -d' ' -f2- | tr '\n' ' ')"

  if [ "$kind" = bash ] && [ "$n" = "$apps" ]; then
    sleep 2
    put "$side" rss_apps "$(rss_kib "$pid")"
    INFO[$side.threads_apps]=$(threads "$pid")
    INFO[$side.thread_kinds]=$(cat /proc/"$pid"/task/*/comm 2>/dev/null | sed -e 's/^jpm-log-.*/jpm-log-*/' -e 's/[-_ #]*[0-9]*$//' | sort | uniq -c | sort -rn | head -6 | awk '{ n = $1; $1 = ""; printf "%s%s x%d", (NR > 1 ? "," : ""), $0, n }')
    tree=$(tree_report "$pid")
    INFO[$side.tree]="$tree"
    put "$side" wrapper_rss "$(field "$tree" wrapper_rss_kib)"
    cli "$side" ls > "$dir/ls.out" 2>&1
    INFO[$side.ls_online]=$(grep -c 'online' "$dir/ls.out")
    put "$side" ls "$(time_runs "$runs" cli "$side" ls)"
    # RSS once the apply is 15 s past: what the daemon holds while it runs the apps (jpm unloads the classes that
    # read ecosystem files 10 s after the last file it read).
    settle_until=$(( ${t_ret:-$(now_us)} + 15000000 ))
    while [ "$(now_us)" -lt "$settle_until" ]; do nap 0.5; done
    put "$side" rss_settled "$(rss_kib "$pid")"
    put "$side" rss_total $(( $(got "$side" rss_settled) + $(got "$side" wrapper_rss) ))
  elif [ "$kind" = node ]; then
    tree=$(tree_report "$pid")
    INFO[$side.node_tree]="$tree"
    put "$side" "$key.rss_all" $(( $(rss_kib "$pid") + $(field "$tree" wrapper_rss_kib) + $(field "$tree" app_rss_kib) ))
  fi
  delete_all "$side" "$key" "$n"
  [ "$n" != "${large_n:-none}" ] || large_us=$(( large_us + $(now_us) - t_start ))
}

delete_all() { # side key n: `delete all` with n apps online; then until no app process of this run is left
  local side="$1" key="$2" n="$3" pid t0 cpu0 rc left i p
  pid=$(daemon_pid "$side")
  cpu0=$(cpu_us "$pid")
  t0=$(now_us)
  cli "$side" delete all > "$work/$side/delete.out" 2>&1; rc=$?
  put "$side" "$key.del" $(( $(now_us) - t0 ))
  put "$side" "$key.delcpu" $(( $(cpu_us "$pid") - cpu0 ))
  [ "$rc" = 0 ] || note "$side" "$key: delete all exited $rc (pair $pair): $(tail -1 "$work/$side/delete.out" | cut -c1-160)"
  left=$(run_pids | wc -l)
  INFO[$side.$key.left]=$left
  for ((i = 0; i < 200 + n && left > 0; i++)); do nap 0.05; left=$(run_pids | wc -l); done
  put "$side" "$key.delgone" $(( $(now_us) - t0 ))
  if [ "$left" -gt 0 ]; then
    note "$side" "$key: $left app processes still alive $(( (200 + n) / 20 )) s after delete all (pair $pair): ended by pid"
    for p in $(run_pids); do kill -9 "$p" 2>/dev/null; done
  fi
}

# Gaps between each exit and the next start of the crasher (the first --cycles): their median is SIDE's crash.
crash_gaps() { # side dir
  local starts exits gaps=() i
  mapfile -t starts < "$2/starts"; mapfile -t exits < "$2/exits"
  for ((i = 1; i <= cycles && i < ${#starts[@]} && i - 1 < ${#exits[@]}; i++)); do
    gaps+=($(( ${starts[i]/[.,]/} - ${exits[i-1]/[.,]/} )))
  done
  [ "${#gaps[@]}" -eq 0 ] || put "$1" crash "$(median "${gaps[@]}")"
  INFO[$1.crash_gaps]="${gaps[*]}"
}

crash_round() { # side: the crasher under the manager for --cycles restarts
  local side="$1" dir="$work/$1/crash" file
  rm -rf "$dir"; mkdir -p "$dir"
  file=$(crash_file "$side" "$dir")
  ( cli_timeout 60 "$side" "$(apply_cmd "$side")" "$file" > "$dir/apply.out" 2>&1 ) &
  if wait_lines "$dir/starts" $((cycles + 1)) $((cycles * 4 + 30)); then
    crash_gaps "$side" "$dir"
  else
    note "$side" "crash loop gave $(lines "$dir/starts") starts (pair $pair)"
  fi
  cli "$side" delete all > /dev/null 2>&1
  wait
}

apply_line() { # side key label: the block's line for one apply round
  local s="$1" k="$2"
  [ -n "$(got "$s" "$k.del")" ] || return 0
  echo "  $3: every app ran $(sec "$(got "$s" "$k.all")"), first app $(sec "$(got "$s" "$k.first")"), command returned $(sec "$(got "$s" "$k.ret")"), daemon CPU $(ms "$(got "$s" "$k.cpu")"); delete all $(sec "$(got "$s" "$k.del")") (no app left $(sec "$(got "$s" "$k.delgone")"), daemon CPU $(ms "$(got "$s" "$k.delcpu")"))"
}

side_round() { # side
  local side="$1" dir="$work/$1" pid t0 n i
  mkdir -p "$dir"
  echo "## pair $pair/$pairs: $side ($(bench_load))"
  t0=$(now_us)
  cli "$side" ping > "$dir/ping.out" 2>&1 || { note "$side" "ping failed (pair $pair): $(head -c 300 "$dir/ping.out")"; return 1; }
  put "$side" ping_cold $(( $(now_us) - t0 ))
  pid=$(daemon_pid "$side")
  alive "$pid" || { note "$side" "no daemon pid after ping (pair $pair)"; return 1; }
  sleep 3
  put "$side" rss_idle "$(rss_kib "$pid")"
  INFO[$side.threads_idle]=$(threads "$pid")
  put "$side" ping_warm "$(time_runs 5 cli "$side" ping)"
  for n in "${sweep_ns[@]}"; do runs_n "$n" && apply_round "$side" bash "$n"; done
  [ "$node_apps" = 0 ] || apply_round "$side" node "$node_apps"
  crash_round "$side"
  t0=$(now_us)
  cli "$side" kill > "$dir/kill.out" 2>&1
  put "$side" kill $(( $(now_us) - t0 ))
  for ((i = 0; i < 100; i++)); do alive "$pid" || break; nap 0.05; done
  alive "$pid" && { note "$side" "daemon still alive 5 s after kill (pair $pair): stopped"; bench_stop_pid "$pid"; }

  echo "  cold start $(sec "$(got "$side" ping_cold)"), idle RSS $(mib "$(got "$side" rss_idle)"), warm ping $(ms "$(got "$side" ping_warm)"), crash -> replacement $(ms "$(got "$side" crash)"), kill $(sec "$(got "$side" kill)")"
  for n in "${sweep_ns[@]}"; do
    apply_line "$side" "bash$n" "bash $n"
    [ "$n" != "$apps" ] || echo "  bash $apps: RSS 2 s after $(mib "$(got "$side" rss_apps)"), 15 s after $(mib "$(got "$side" rss_settled)"), wrappers $(mib "$(got "$side" wrapper_rss)"); ls $(ms "$(got "$side" ls)")"
  done
  [ "$node_apps" = 0 ] || { apply_line "$side" "node$node_apps" "node $node_apps"; echo "  node $node_apps: daemon + wrappers + apps RSS $(mib "$(got "$side" "node$node_apps.rss_all")")"; }
  echo "  end: $(bench_load)"
}

# ---------------------------------------------------------------------------------------------------------------
# The floor: the same starts and crashes with no manager at all
# ---------------------------------------------------------------------------------------------------------------
floor_start() { # kind n mode: a shell loop starts n apps at once (all), or at most one per core at a time (paced)
  local kind="$1" n="$2" mode="$3" dir="$work/floor/$1$2-$3" script interpreter=node pids=() i name t0 end cores counted
  script=$(app_script "$kind")
  [ "$kind" = bash ] && interpreter=bash
  cores=$(nproc)
  rm -rf "$dir"; mkdir -p "$dir"
  t0=$(now_us)
  for ((i = 1; i <= n; i++)); do
    if [ "$mode" = paced ]; then
      while count_marks "$dir"; [ $((i - 1 - counted)) -ge "$cores" ]; do nap 0.002; done
    fi
    printf -v name 'app%02d' "$i"
    BENCH_APP="$name" BENCH_MARKS="$dir" "$interpreter" "$script" < /dev/null > /dev/null 2>&1 &
    pids+=($!)
  done
  if end=$(wait_marks "$dir" "$n" $((60 + n))); then put floor "$kind$n.$mode" $((end - t0)); else note floor "$kind $n $mode: not every app ran (pair $pair)"; fi
  # SIGTERM: background jobs of a script ignore SIGINT, and bash cannot trap a signal ignored on entry.
  kill -TERM "${pids[@]}" 2> /dev/null; wait "${pids[@]}" 2> /dev/null
  [ "$n" != "${large_n:-none}" ] || large_us=$(( large_us + $(now_us) - t0 ))
}

floor_round() {
  local n i dir="$work/floor/crash" line="  "
  echo "## pair $pair/$pairs: no manager ($(bench_load))"
  for n in "${sweep_ns[@]}"; do
    runs_n "$n" || continue
    floor_start bash "$n" all
    line+="bash $n: every app ran $(sec "$(got floor "bash$n.all")"); "
  done
  if [ "$node_apps" != 0 ]; then
    floor_start node "$node_apps" all
    floor_start node "$node_apps" paced
    line+="node $node_apps: at once $(sec "$(got floor "node$node_apps.all")"), paced $(sec "$(got floor "node$node_apps.paced")"); "
  fi
  rm -rf "$dir"; mkdir -p "$dir"
  for ((i = 0; i <= cycles; i++)); do BENCH_DIR="$dir" BENCH_UP=0.2 bash "$crash_sh" < /dev/null > /dev/null 2>&1; done
  crash_gaps floor "$dir"
  echo "${line}crash -> rerun $(ms "$(got floor crash)")"
}

# After pair 1: when all pairs would take longer than the budget, the largest N runs in fewer pairs (at least 3).
plan_large_pairs() {
  local now t_pair elapsed budget_us projected k least msg
  [ -n "$large_n" ] && [ "$pairs" -gt 1 ] && [ "$large_us" -gt 0 ] || return 0
  now=$(now_us); t_pair=$(( now - pair_start )); elapsed=$(( now - run_start )); budget_us=$(( budget_min * 60000000 ))
  projected=$(( elapsed + (pairs - 1) * t_pair ))
  msg="# pair 1 took $(sec "$t_pair"), its N = $large_n rounds $(sec "$large_us"): $pairs pairs take ~$(( (projected + 30000000) / 60000000 )) min"
  if [ -n "$large_pairs" ]; then echo "$msg; N = $large_n runs in the first $large_pairs pairs (--large-pairs)"; return 0; fi
  if [ "$projected" -le "$budget_us" ]; then echo "$msg (budget $budget_min min): N = $large_n runs in every pair"; return 0; fi
  k=$(( (budget_us - elapsed - (pairs - 1) * (t_pair - large_us)) / large_us ))
  [ "$k" -ge 0 ] || k=0
  least=$(( pairs < 3 ? pairs : 3 ))
  large_pairs=$(( 1 + k < least ? least : 1 + k ))
  [ "$large_pairs" -le "$pairs" ] || large_pairs=$pairs
  echo "$msg, over the budget of $budget_min min: N = $large_n runs in the first $large_pairs of $pairs pairs only (--large-pairs N, --budget MIN)"
}

# ---------------------------------------------------------------------------------------------------------------
# Reference start-ups
# ---------------------------------------------------------------------------------------------------------------
declare -A REFS
reference_startups() {
  local java="" javac
  command -v node > /dev/null && REFS[node]=$(time_runs 10 node -e 0)
  [ -f "$(dirname "$jpm")/cli/target/jpm-java" ] && read -r java _ < "$(dirname "$jpm")/cli/target/jpm-java"
  [ -x "${java:-}" ] || java=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV | head -1)
  javac="$(dirname "${java:-/nonexistent}")/javac"
  [ -x "$javac" ] || return 0
  mkdir -p "$work/hello"
  echo 'public class Hello { public static void main(String[] a) { System.out.print(""); } }' > "$work/hello/Hello.java"
  "$javac" -d "$work/hello" "$work/hello/Hello.java" 2> /dev/null || return 0
  REFS[jvm]=$(time_runs 10 "$java" -cp "$work/hello" Hello)
  REFS[jvm_tuned]=$(time_runs 10 "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$work/hello" Hello)
}

# ---------------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------------
commit="$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')"
log "work folder $work; jpm $jpm"
echo "# bench/foundation.sh $(date -u '+%Y-%m-%d %H:%M UTC'), jpm $commit, $(nproc) cores; $pairs pairs (jpm, PM2, no manager);" \
  "bash apps: ${sweep_ns[*]}; Node apps: $node_apps; ls: $runs calls and crash: $cycles cycles per pair"
echo "# start: $(bench_load)"
if [ "$with_jpm" = 1 ]; then
  log "warming the jpm launcher (builds on first use)"
  "$jpm" --help > "$work/jpm-help.out" 2>&1 || log "jpm --help failed: $(head -c 400 "$work/jpm-help.out")"
  REFS[jpm_help]=$(time_runs 10 "$jpm" --help)
fi
if [ "$with_pm2" = 1 ]; then
  if bench_install_pm2 "$pm2_version"; then sides+=(pm2); echo "# PM2 $pm2_found_version"
  else log "PM2 not available: reference figures used"; with_pm2=0; fi
fi
reference_startups
run_start=$(now_us)
for ((pair = 1; pair <= pairs; pair++)); do
  pair_start=$(now_us) large_us=0
  for side in "${sides[@]}"; do side_round "$side" || echo "  $side: round incomplete (see the problems below)"; done
  floor_round
  [ "$pair" != 1 ] || plan_large_pairs
done
echo "# end: $(bench_load); $(( ($(now_us) - run_start + 30000000) / 60000000 )) min of pairs"

# ---------------------------------------------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------------------------------------------
# PM2 7.0.4 on this machine kind, for the ratios with --no-pm2 (issue 18's figures for 50 bash apps, else the
# earlier README's): µs and KiB.
declare -A REF=([ls]=151000 [bash50.all]=450000 [bash50.first]=180000 [bash50.cpu]=190000 [bash50.del]=820000
  [rss_idle]=54272 [rss_settled]=60416 [rss_total]=60416 [crash]=8700 [ping_cold]=450000 [kill]=280000)
[ "$apps" = 50 ] || unset 'REF[ls]' 'REF[rss_settled]' 'REF[rss_total]' # measured with 50 apps

row() { # figure fmt metric target [floor-metric[:label]...]
  local figure="$1" fmt="$2" m="$3" target="$4" j p ratio="" floor="" spec r n; shift 4
  j=$(bench_median_series "jpm.$m") p=$(bench_median_series "pm2.$m")
  n=$(bench_count_series "jpm.$m")
  [ "$n" = 0 ] || [ "$n" -ge "$pairs" ] || figure+=" ($n pairs)"
  if [ "$with_pm2" = 1 ]; then
    ratio=$(bench_ratio_series "jpm.$m" "pm2.$m")
    p=$($fmt "$p")
  elif [ -n "${REF[$m]:-}" ] && [ -n "$j" ]; then
    ratio="$(awk -v a="$j" -v b="${REF[$m]}" 'BEGIN { printf "%.2f", a / b }')*"
    p="$($fmt "${REF[$m]}")*"
  else
    p="-"
  fi
  for spec in "$@"; do
    r=$(bench_ratio_series "floor.${spec%%:*}" "pm2.$m")
    [ -z "$r" ] || floor+="${floor:+, }$r${spec#*:}"
  done
  bench_row "$figure" "$($fmt "$j")" "$p" "${ratio:--}" "$target" "" "${floor:--}"
}

for n in "${sweep_ns[@]}"; do
  row "apply $n bash apps -> every app ran" sec "bash$n.all" "<= 0.6" "bash$n.all:"
  row "  bash $n: first app's own timestamp" sec "bash$n.first" "<= 0.6"
  row "  bash $n: daemon CPU until the command returned" ms "bash$n.cpu" "<= 1.0"
  row "  bash $n: command returned" sec "bash$n.ret" "-"
  row "  bash $n: delete all" sec "bash$n.del" "$([ "$n" = "$apps" ] && echo "<= 0.3" || echo -)"
  row "  bash $n: delete all, until no app is left" sec "bash$n.delgone" "-"
  row "  bash $n: delete all, daemon CPU" ms "bash$n.delcpu" "-"
done
if [ "$node_apps" != 0 ]; then
  k="node$node_apps"
  row "apply $node_apps Node apps -> every app ran" sec "$k.all" "<= 0.35" "$k.all: at once" "$k.paced: paced"
  row "  node $node_apps: first app's own timestamp" sec "$k.first" "-"
  row "  node $node_apps: daemon CPU until the command returned" ms "$k.cpu" "-"
  row "  node $node_apps: daemon + wrappers + apps RSS" mib "$k.rss_all" "-"
fi
row "ls with $apps apps (median of $runs per pair)" ms ls "<= 0.6"
row "daemon RSS idle" mib rss_idle "<= 1.0"
row "daemon RSS with $apps apps, 2 s after apply" mib rss_apps "-"
row "daemon RSS with $apps apps, 15 s after apply" mib rss_settled "<= 1.0"
row "  + per-app wrapper processes" mib wrapper_rss "-"
row "  daemon + wrappers, 15 s after apply" mib rss_total "<= 1.0"
row "crash -> replacement start (median of $cycles per pair)" ms crash "<= 0.6" "crash:"
row "daemon cold start (first ping answered)" sec ping_cold "<= 1.0"
row "ping, warm (median of 5)" ms ping_warm "-"
row "kill" sec kill "<= 1.0"

title="jpm vs PM2 ${pm2_found_version:-$pm2_version}: medians of $pairs interleaved pairs, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), jpm $commit"
[ -z "$large_pairs" ] || [ "$large_pairs" -ge "$pairs" ] || title+="; N = $large_n in $large_pairs pairs"
bench_summary "$title"
[ "$with_pm2" = 1 ] || echo "* PM2 7.0.4 figures measured earlier on this machine kind (issue 18's and the README's), not in this run."
echo
echo "reference start-ups (median of 10): node -e 0 $(ms "${REFS[node]:-}"); JVM hello, default flags $(ms "${REFS[jvm]:-}"); JVM hello, C1+SerialGC $(ms "${REFS[jvm_tuned]:-}"); jpm --help $(ms "${REFS[jpm_help]:-}")"
for side in "${sides[@]}"; do
  echo "$side (last pair): daemon threads idle ${INFO[$side.threads_idle]:-?}, with apps ${INFO[$side.threads_apps]:-?} (by name:${INFO[$side.thread_kinds]:-?})"
  echo "$side (last pair): ls showed ${INFO[$side.ls_online]:-?} 'online' lines; descendants with $apps bash apps: ${INFO[$side.tree]:-?}${INFO[$side.node_tree]:+; with $node_apps Node apps: ${INFO[$side.node_tree]}}"
  echo "$side (last pair): app processes alive when delete all of $apps returned: ${INFO[$side.bash$apps.left]:-?}; crash gaps (us): ${INFO[$side.crash_gaps]:-?}"
done
for side in jpm pm2 floor; do [ -z "${NOTE[$side]:-}" ] || echo "$side: problems: ${NOTE[$side]}"; done
exit 0
