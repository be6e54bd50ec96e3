#!/usr/bin/env bash
# Log pipeline benchmark: jpm against PM2 on the same workload, on private temp homes.
#
#   bash bench/logs.sh [--runs N] [--apps N] [--rss-seconds N] [--no-pm2] [--jpm PATH] [--keep]
#
# Measures, for each system (median of --runs where it says so):
#   to-file   time from the start command until 1,000,000 numbered lines (seq, 6.9 MB) are in the out file
#   lost      lines missing or out of order in that file (compared with seq's own output), summed over the runs
#   app-write the app's own time to write those lines through the manager's pipe, next to `| cat > /dev/null`
#             (from a second start of the app, which the bench does not poll: see measure_throughput)
#   tail      `logs --lines 100 --nostream` with --apps apps that each wrote 200 lines
#   rss       (jpm only) daemon RSS sampled every 0.5 s for --rss-seconds while one app writes as fast as it can
#             (`yes`, into a file rotated at 20M keeping 1: flat means no buffer grows with the rate)
# Nothing outside a temp folder is touched; the EXIT trap stops both daemons and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
runs=5 apps=50 rss_seconds=10 with_pm2=1 keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --apps) apps="$2"; shift 2 ;;
    --rss-seconds) rss_seconds="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_locate_pm2
bench_make_work jpm-bench-logs pm2
mkdir -p "$work/jpm" "$work/pm2"

ms() { [ -n "$1" ] && awk -v u="$1" 'BEGIN { printf "%.0f", u / 1000 }' || echo "-"; }

# This run's app processes: their command lines name the temp folder.
run_pids() { bench_pids_naming "$work"; }

# ---------------------------------------------------------------------------------------------------------------
# Workload
# ---------------------------------------------------------------------------------------------------------------
seq 1 1000000 > "$work/expected"
expected_bytes=$(stat -c %s "$work/expected")

# The spewer times its own writing: the pipe is the manager's (or cat's), the clock the app's.
spew_sh="$work/spew.sh"
cat > "$spew_sh" <<'EOF'
#!/usr/bin/env bash
t0=${EPOCHREALTIME/[.,]/}
seq 1 1000000
t1=${EPOCHREALTIME/[.,]/}
echo $((t1 - t0)) > "$1"
EOF
talker_sh="$work/talker.sh"
cat > "$talker_sh" <<'EOF'
#!/usr/bin/env bash
trap 'exit 0' INT TERM
for ((i = 1; i <= 200; i++)); do echo "line $i of $BENCH_APP: some text to make the line look like a log line"; done
while true; do sleep 1 & wait $!; done
EOF
chmod +x "$spew_sh" "$talker_sh"

spew_file() { # side run -> ecosystem path; the app writes $work/<side>/mark-<run>
  local side="$1" run="$2" out="$work/$1/spew-$2.log" mark="$work/$1/mark-$2"
  case "$side" in
    jpm) cat > "$work/jpm/spew-$run.yaml" <<EOF
apps:
  - name: spew$run
    script: $spew_sh
    interpreter: bash
    args: [$mark]
    out_file: $out
    error_file: /dev/null
    autorestart: false
EOF
      echo "$work/jpm/spew-$run.yaml" ;;
    pm2) cat > "$work/pm2/spew-$run.config.js" <<EOF
module.exports = { apps: [ { name: "spew$run", script: "$spew_sh", interpreter: "bash", args: ["$mark"],
  out_file: "$out", error_file: "/dev/null", autorestart: false } ] };
EOF
      echo "$work/pm2/spew-$run.config.js" ;;
  esac
}

start_cmd() { case "$1" in jpm) echo apply ;; pm2) echo start ;; esac; }

measure_throughput() { # side -> prints "to_file_us_median lost app_write_us_median"
  local side="$1" run file out t0 t1 size deadline lost=0 to_file=() app_write=() mark i
  for ((run = 1; run <= runs; run++)); do
    file="$(spew_file "$side" "$run")"
    out="$work/$side/spew-$run.log"
    mark="$work/$side/mark-$run"
    t0=$(now_us)
    # In the background: jpm apply returns once the app settled (here: seq is done, exit 1 "stopped, autorestart
    # is off"), pm2 start once it launched; only the file counts.
    "${side}_cli" "$(start_cmd "$side")" "$file" > /dev/null 2>&1 &
    deadline=$(( t0 + 60000000 ))
    while :; do
      size=$(stat -c %s "$out" 2>/dev/null || echo 0)
      [ "$size" -ge "$expected_bytes" ] && break
      [ "$(now_us)" -gt "$deadline" ] && { log "$side run $run: only $size bytes after 60 s"; break; }
      nap 0.002
    done
    t1=$(now_us)
    wait
    to_file+=($((t1 - t0)))
    for ((i = 0; i < 500; i++)); do [ -s "$mark" ] && break; nap 0.01; done
    if ! cmp -s "$work/expected" "$out"; then
      lost=$(( lost + 1000000 - $(grep -c '' "$out" 2>/dev/null || echo 0) ))
      [ "$lost" -eq 0 ] && lost=1 # same count, different content: say so rather than 0
    fi
    "${side}_cli" delete "spew$run" > /dev/null 2>&1

    # The app's own write time comes from a second start that nobody watches: the size polling above starts a
    # `stat` process every ~2 ms, which on two cores takes CPU from the app and the manager while the plain pipe
    # it is compared with runs unwatched. Here the bench only naps (no fork) until the spewer's mark appears.
    file="$(spew_file "$side" "w$run")"
    mark="$work/$side/mark-w$run"
    "${side}_cli" "$(start_cmd "$side")" "$file" > /dev/null 2>&1 &
    for ((i = 0; i < 6000; i++)); do [ -s "$mark" ] && break; nap 0.01; done
    wait
    [ -s "$mark" ] && app_write+=("$(cat "$mark")")
    "${side}_cli" delete "speww$run" > /dev/null 2>&1
  done
  echo "$(median "${to_file[@]}") $lost $(median "${app_write[@]}")"
}

plain_pipe_us() {
  local samples=() run mark="$work/plain-mark"
  for ((run = 1; run <= runs; run++)); do
    bash "$spew_sh" "$mark" | cat > /dev/null
    samples+=("$(cat "$mark")")
  done
  median "${samples[@]}"
}

tail_workload() { # side -> starts --apps talkers and waits until each wrote its 200 lines
  local side="$1" i name dir="$work/$1/tail"
  mkdir -p "$dir"
  case "$side" in
    jpm) { echo "apps:"; for ((i = 1; i <= apps; i++)); do printf -v name 'talk%02d' "$i"
           printf '  - name: %s\n    script: %s\n    interpreter: bash\n    env: {BENCH_APP: %s}\n' "$name" "$talker_sh" "$name"
         done; } > "$dir/apps.yaml"
         jpm_cli apply "$dir/apps.yaml" > /dev/null 2>&1 ;;
    pm2) { echo "module.exports = { apps: ["; for ((i = 1; i <= apps; i++)); do printf -v name 'talk%02d' "$i"
           printf '  { name: "%s", script: "%s", interpreter: "bash", env: { BENCH_APP: "%s" } },\n' "$name" "$talker_sh" "$name"
         done; echo "] };"; } > "$dir/apps.config.js"
         pm2_cli start "$dir/apps.config.js" > /dev/null 2>&1 ;;
  esac
  local logs_dir; case "$side" in jpm) logs_dir="$JPM_HOME/logs" ;; pm2) logs_dir="$PM2_HOME/logs" ;; esac
  for ((i = 0; i < 3000; i++)); do
    [ "$(cat "$logs_dir"/talk*-out*.log 2>/dev/null | grep -c '^line 200 ')" -ge "$apps" ] && return 0
    nap 0.02
  done
  log "$side: talkers did not all write 200 lines"
}

time_tail() { # side -> median microseconds of `logs --lines 100 --nostream` over 2*runs runs
  local side="$1" i t0 t1 samples=() lines
  lines=$("${side}_cli" logs --lines 100 --nostream 2>/dev/null | grep -c 'line ')
  log "$side: logs --lines 100 --nostream printed $lines lines"
  for ((i = 0; i < 2 * runs; i++)); do
    t0=$(now_us)
    "${side}_cli" logs --lines 100 --nostream > /dev/null 2>&1
    t1=$(now_us)
    samples+=($((t1 - t0)))
  done
  median "${samples[@]}"
}

rss_under_load() { # -> "first min max last" KiB of the jpm daemon while `yes` writes through it
  cat > "$work/jpm/yes.yaml" <<EOF
apps:
  - name: yes
    script: yes
    args: ["a line of about sixty bytes, written as fast as the pipe takes it"]
    out_file: $work/jpm/yes.log
    error_file: /dev/null
    log_rotate: {size: 20M, keep: 1}
EOF
  jpm_cli apply "$work/jpm/yes.yaml" > /dev/null 2>&1
  local pid samples=() i
  pid="$(daemon_pid jpm)"
  for ((i = 0; i < rss_seconds * 2; i++)); do nap 0.5; samples+=("$(rss_kib "$pid")"); done
  local bytes_line
  bytes_line=$(jpm_cli ls --json 2>/dev/null | grep -o '"log_bytes" *: *[0-9]*' | head -1)
  jpm_cli delete yes > /dev/null 2>&1
  log "jpm: rss samples (KiB): ${samples[*]}; $bytes_line"
  printf '%s %s %s %s\n' "${samples[0]}" "$(printf '%s\n' "${samples[@]}" | sort -n | head -1)" \
    "$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)" "${samples[-1]}"
}

# ---------------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------------
log "jpm: build/start the daemon"
jpm_cli ping > /dev/null 2>&1 || jpm_cli ls > /dev/null 2>&1
read -r jpm_to_file jpm_lost jpm_write <<< "$(measure_throughput jpm)"
log "jpm: to-file $(ms "$jpm_to_file") ms, lost $jpm_lost, app write $(ms "$jpm_write") ms"
plain="$(plain_pipe_us)"
log "plain pipe: app write $(ms "$plain") ms"
tail_workload jpm
jpm_tail="$(time_tail jpm)"
jpm_cli delete all > /dev/null 2>&1
read -r rss_first rss_min rss_max rss_last <<< "$(rss_under_load)"

pm2_to_file="" pm2_lost="-" pm2_write="" pm2_tail=""
if [ "$with_pm2" = 1 ]; then
  log "pm2: start the daemon"
  pm2_cli ping > /dev/null 2>&1
  read -r pm2_to_file pm2_lost pm2_write <<< "$(measure_throughput pm2)"
  log "pm2: to-file $(ms "$pm2_to_file") ms, lost $pm2_lost, app write $(ms "$pm2_write") ms"
  tail_workload pm2
  pm2_tail="$(time_tail pm2)"
  pm2_cli delete all > /dev/null 2>&1
fi

ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$2" != 0 ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }' || echo "-"; }
printf '\n%-34s %10s %10s %8s  %s\n' "figure ($runs runs, median)" "jpm" "pm2" "jpm/pm2" "target"
printf '%-34s %10s %10s %8s  %s\n' "1M lines in the file (ms)" "$(ms "$jpm_to_file")" "$(ms "$pm2_to_file")" "$(ratio "$jpm_to_file" "$pm2_to_file")" "<= 0.5"
printf '%-34s %10s %10s %8s  %s\n' "lines lost (sum of runs)" "$jpm_lost" "$pm2_lost" "" "0"
printf '%-34s %10s %10s %8s  %s\n' "app write time (ms)" "$(ms "$jpm_write")" "$(ms "$pm2_write")" "$(ratio "$jpm_write" "$pm2_write")" ""
printf '%-34s %10s %10s %8s  %s\n' "  vs plain pipe $(ms "$plain") ms (ratio)" "$(ratio "$jpm_write" "$plain")" "$(ratio "$pm2_write" "$plain")" "" "jpm <= 1.3"
printf '%-34s %10s %10s %8s  %s\n' "logs --lines 100 --nostream (ms)" "$(ms "$jpm_tail")" "$(ms "$pm2_tail")" "$(ratio "$jpm_tail" "$pm2_tail")" "<= 0.6 ($apps apps)"
printf '%-34s %10s %10s %8s  %s\n' "daemon RSS under \`yes\` (MiB)" "$((rss_first / 1024))..$((rss_max / 1024))" "" "" "flat (first..max, last $((rss_last / 1024)))"
