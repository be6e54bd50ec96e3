#!/usr/bin/env bash
# Log pipeline benchmark: jpm against PM2 on the same workload, in interleaved pairs, on private temp homes.
#
#   bash bench/logs.sh [--pairs N] [--apps N] [--rss-seconds N] [--no-pm2] [--jpm PATH] [--keep]
#
# --pairs pairs (default 5; --runs is the same) of one jpm run, one PM2 run and one with no manager, each pair
# headed by the load average. A run starts an app that writes 1,000,000 numbered lines (seq, 6.9 MB) to its out file:
#   to-file   from the start command until the file holds every byte (polled every 2 ms; the figure with the target)
#   CPU       in that same window, user + system time of the manager's daemon (/proc/PID/stat); of the writing app
#             (bash and seq: the app's own `times`); of the start command (`jpm apply` / `pm2 start`, /usr/bin/time)
#   lost      lines missing or out of order in the file (compared with seq's own output), summed over the pairs
#   app-write the app's own time to write the lines through the manager's pipe, from a second start the bench does
#             not poll (the polling's forks take CPU from the app on two cores)
# The no-manager floor: the same app through `| cat > file`, polled the same way, and unwatched through
# `| cat > /dev/null` (the plain pipe the app-write time is compared with).
# Then, interleaved too: `logs --lines 100 --nostream` with --apps apps that each wrote 200 lines; and (jpm only)
# daemon RSS every 0.5 s for --rss-seconds while `yes` writes as fast as it can into a file rotated at 20M keeping 1.
# At the end one table: medians, the median of the pair ratios jpm/PM2, target, pass/FAIL, floor/PM2; then one line
# per target ending in pass or FAIL. On a quiet machine the wall ratio is the figure; when other work keeps both
# cores busy the wall times follow the CPU each side needs (daemon + app + command), so the CPU rows tell a loaded
# run's ratio from a quiet one's.
# Nothing outside a temp folder is touched; the EXIT trap stops both daemons and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
pairs=5 apps=50 rss_seconds=10 with_pm2=1 keep=0
jpm="$here/../jpm"
pm2_version="7.0.4"

while [ $# -gt 0 ]; do
  case "$1" in
    --pairs|--runs) pairs="$2"; shift 2 ;;
    --apps) apps="$2"; shift 2 ;;
    --rss-seconds) rss_seconds="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
for v in "$pairs" "$apps" "$rss_seconds"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "$bench_name: --pairs, --apps and --rss-seconds take a count >= 1, not $v" >&2; exit 2; }
done
bench_pairs="$pairs"
bench_resolve_jpm
bench_make_work jpm-bench-logs pm2
mkdir -p "$work/jpm" "$work/pm2" "$work/floor"

ms() { [ -n "${1:-}" ] && awk -v u="$1" 'BEGIN { printf "%.0f ms", u / 1000 }' || echo "-"; }
put() { bench_put "$1" "$2" "$pair" "$3"; }
got() { echo "${bench_v[$1.$2.$pair]:-}"; }

# This run's app processes: their command lines name the temp folder.
run_pids() { bench_pids_naming "$work"; }

# ---------------------------------------------------------------------------------------------------------------
# Workload
# ---------------------------------------------------------------------------------------------------------------
seq 1 1000000 > "$work/expected"
expected_bytes=$(stat -c %s "$work/expected")

# The spewer times its own writing (the pipe is the manager's or cat's, the clock the app's), then writes that time
# and its CPU time (`times`: the shell's, then seq's) into the mark file named by its argument.
spew_sh="$work/spew.sh"
cat > "$spew_sh" <<'EOF'
#!/usr/bin/env bash
t0=${EPOCHREALTIME/[.,]/}
seq 1 1000000
t1=${EPOCHREALTIME/[.,]/}
{ echo $((t1 - t0)); times; } > "$1.tmp" && mv "$1.tmp" "$1"
EOF
talker_sh="$work/talker.sh"
cat > "$talker_sh" <<'EOF'
#!/usr/bin/env bash
trap 'kill $! 2>/dev/null; wait $! 2>/dev/null; exit 0' INT TERM
for ((i = 1; i <= 200; i++)); do echo "line $i of $BENCH_APP: some text to make the line look like a log line"; done
while true; do sleep 3600 & wait $!; done
EOF
chmod +x "$spew_sh" "$talker_sh"

read_mark() { # mark -> "write_us cpu_us": the app's write time and its CPU time (user + system of bash and seq)
  awk 'NR == 1 { w = $1; next }
       { for (i = 1; i <= NF; i++) { split($i, t, "m"); sub(/s$/, "", t[2]); c += t[1] * 60 + t[2] } }
       END { printf "%d %d\n", w, c * 1000000 }' "$1"
}

spew_file() { # side name -> ecosystem path; the app writes $work/<side>/<name>.log and the mark $work/<side>/<name>.mark
  local side="$1" name="$2" out="$work/$1/$2.log" mark="$work/$1/$2.mark"
  case "$side" in
    jpm) cat > "$work/jpm/$name.yaml" <<EOF
apps:
  - name: $name
    script: $spew_sh
    interpreter: bash
    args: [$mark]
    out_file: $out
    error_file: /dev/null
    autorestart: false
EOF
      echo "$work/jpm/$name.yaml" ;;
    pm2) cat > "$work/pm2/$name.config.js" <<EOF
module.exports = { apps: [ { name: "$name", script: "$spew_sh", interpreter: "bash", args: ["$mark"],
  out_file: "$out", error_file: "/dev/null", autorestart: false } ] };
EOF
      echo "$work/pm2/$name.config.js" ;;
  esac
}

start_cmd() { case "$1" in jpm) echo apply ;; pm2) echo start ;; esac; }
# The start command under /usr/bin/time (its CPU, "user system" seconds, into FILE); without it, untimed.
timed_start() { # side file ecosystem
  local cmd=("$jpm")
  [ "$1" = jpm ] || cmd=(env HOME="$pm2_user_home" "$pm2_bin")
  if [ -x /usr/bin/time ]; then /usr/bin/time -o "$2" -f '%U %S' "${cmd[@]}" "$(start_cmd "$1")" "$3" > /dev/null 2>&1
  else "${cmd[@]}" "$(start_cmd "$1")" "$3" > /dev/null 2>&1; fi
}

# Polls OUT until it holds every byte; stops early once the app is done (MARK written) and the file stopped growing
# for a second (lines lost). Prints the µs time it stopped and whether the file was complete.
watch_file() { # out mark t0
  local size last=-1 still=0 now deadline=$(( $3 + 60000000 ))
  while :; do
    size=$(stat -c %s "$1" 2>/dev/null || echo 0)
    now=$(now_us)
    [ "$size" -ge "$expected_bytes" ] && { echo "$now complete"; return; }
    if [ -s "$2" ]; then
      if [ "$size" != "$last" ]; then last=$size still=$now
      elif [ $((now - still)) -gt 1000000 ]; then echo "$now short"; return; fi
    fi
    [ "$now" -gt "$deadline" ] && { echo "$now short"; return; }
    nap 0.002
  done
}
wait_mark() { local i; for ((i = 0; i < 6000; i++)); do [ -s "$1" ] && return 0; nap 0.01; done; return 1; }
lost_lines() { # out -> lines missing or out of order (1 when the count is right and the content is not)
  cmp -s "$work/expected" "$1" && { echo 0; return; }
  local n; n=$(( 1000000 - $(grep -c '' "$1" 2>/dev/null || echo 0) ))
  [ "$n" -gt 0 ] || n=1
  echo "$n"
}

run_side() { # side: one watched run and one unwatched run of this pair
  local side="$1" name="spew$pair" file out mark pid cpu0 t0 t1 state lost write cpu u s
  file=$(spew_file "$side" "$name"); out="$work/$side/$name.log"; mark="$work/$side/$name.mark"
  pid=$(daemon_pid "$side")
  cpu0=$(cpu_us "$pid")
  t0=$(now_us)
  # In the background: jpm apply returns once the app settled (here: seq is done, exit 1 "stopped, autorestart is
  # off"), pm2 start once it launched; only the file counts.
  timed_start "$side" "$work/$side/$name.time" "$file" &
  read -r t1 state < <(watch_file "$out" "$mark" "$t0")
  put "$side" daemon_cpu $(( $(cpu_us "$pid") - cpu0 ))
  [ "$state" = complete ] && put "$side" to_file $((t1 - t0))
  wait
  # The last line: time(1) writes "Command exited with non-zero status N" first (jpm's apply exits 1 here: the app
  # stopped and autorestart is off).
  if [ -s "$work/$side/$name.time" ] && read -r u s < <(tail -1 "$work/$side/$name.time"); then
    put "$side" cli_cpu "$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000000 }')"
  fi
  if wait_mark "$mark"; then read -r write cpu < <(read_mark "$mark"); put "$side" app_cpu "$cpu"; fi
  lost=$(lost_lines "$out")
  "${side}_cli" delete "$name" > /dev/null 2>&1

  # The app's own write time comes from a second start that nobody watches: the size polling above starts a `stat`
  # process every ~2 ms, which on two cores takes CPU from the app and the manager while the plain pipe it is
  # compared with runs unwatched. Here the bench only naps (no fork) until the spewer's mark appears.
  name="speww$pair"
  file=$(spew_file "$side" "$name"); out="$work/$side/$name.log"; mark="$work/$side/$name.mark"
  "${side}_cli" "$(start_cmd "$side")" "$file" > /dev/null 2>&1 &
  if wait_mark "$mark"; then read -r write cpu < <(read_mark "$mark"); put "$side" write "$write"; fi
  wait
  "${side}_cli" delete "$name" > /dev/null 2>&1
  lost=$(( lost + $(lost_lines "$out") ))
  put "$side" lost "$lost"
  if [ -n "$(got "$side" daemon_cpu)" ] && [ -n "$(got "$side" app_cpu)" ]; then
    put "$side" total_cpu $(( $(got "$side" daemon_cpu) + $(got "$side" app_cpu) + ${bench_v[$side.cli_cpu.$pair]:-0} ))
  fi
  echo "  $side: 1M lines in the file $(ms "$(got "$side" to_file)") ($state), lost $lost; CPU meanwhile: daemon" \
    "$(ms "$(got "$side" daemon_cpu)"), app $(ms "$(got "$side" app_cpu)"), $(start_cmd "$side") command" \
    "$(ms "$(got "$side" cli_cpu)"); unwatched, the app wrote in $(ms "$(got "$side" write)")"
}

run_floor() { # the same app with no manager: `| cat > file` watched, then `| cat > /dev/null` unwatched
  local out="$work/floor/spew$pair.log" mark="$work/floor/spew$pair.mark" t0 t1 state write cpu
  t0=$(now_us)
  ( bash "$spew_sh" "$mark" | cat > "$out" ) &
  read -r t1 state < <(watch_file "$out" "$mark" "$t0")
  [ "$state" = complete ] && put floor to_file $((t1 - t0))
  wait
  if wait_mark "$mark"; then read -r write cpu < <(read_mark "$mark"); put floor app_cpu "$cpu"; fi
  mark="$work/floor/plain$pair.mark"
  bash "$spew_sh" "$mark" | cat > /dev/null
  read -r write cpu < <(read_mark "$mark"); put floor write "$write"
  echo "  no manager: 1M lines through | cat > file $(ms "$(got floor to_file)") (app CPU $(ms "$(got floor app_cpu)"));" \
    "through | cat > /dev/null, the app wrote in $(ms "$write")"
}

# ---------------------------------------------------------------------------------------------------------------
# logs --lines 100 --nostream, and jpm's RSS under `yes`
# ---------------------------------------------------------------------------------------------------------------
tail_workload() { # side -> starts --apps talkers and waits until each wrote its 200 lines
  local side="$1" i name dir="$work/$1/tail" logs_dir
  mkdir -p "$dir"
  case "$side" in
    jpm) { echo "apps:"; for ((i = 1; i <= apps; i++)); do printf -v name 'talk%02d' "$i"
           printf '  - name: %s\n    script: %s\n    interpreter: bash\n    env: {BENCH_APP: %s}\n' "$name" "$talker_sh" "$name"
         done; } > "$dir/apps.yaml"
         jpm_cli apply "$dir/apps.yaml" > /dev/null 2>&1
         logs_dir="$JPM_HOME/logs" ;;
    pm2) { echo "module.exports = { apps: ["; for ((i = 1; i <= apps; i++)); do printf -v name 'talk%02d' "$i"
           printf '  { name: "%s", script: "%s", interpreter: "bash", env: { BENCH_APP: "%s" } },\n' "$name" "$talker_sh" "$name"
         done; echo "] };"; } > "$dir/apps.config.js"
         pm2_cli start "$dir/apps.config.js" > /dev/null 2>&1
         logs_dir="$PM2_HOME/logs" ;;
  esac
  for ((i = 0; i < 3000; i++)); do
    [ "$(cat "$logs_dir"/talk*-out*.log 2>/dev/null | grep -c '^line 200 ')" -ge "$apps" ] && return 0
    nap 0.02
  done
  log "$side: talkers did not all write 200 lines"
}
time_tail() { # side -> microseconds of one `logs --lines 100 --nostream`
  local t0; t0=$(now_us)
  "${1}_cli" logs --lines 100 --nostream > /dev/null 2>&1
  echo $(( $(now_us) - t0 ))
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
  local pid samples=() i bytes_line
  pid="$(daemon_pid jpm)"
  for ((i = 0; i < rss_seconds * 2; i++)); do nap 0.5; samples+=("$(rss_kib "$pid")"); done
  bytes_line=$(jpm_cli ls --json 2>/dev/null | grep -o '"log_bytes" *: *[0-9]*' | head -1)
  jpm_cli delete yes > /dev/null 2>&1
  log "jpm: rss samples (KiB): ${samples[*]}; $bytes_line"
  printf '%s %s %s %s\n' "${samples[0]}" "$(printf '%s\n' "${samples[@]}" | sort -n | head -1)" \
    "$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)" "${samples[-1]}"
}

# ---------------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------------
sides=(jpm)
if [ "$with_pm2" = 1 ]; then
  if bench_install_pm2 "$pm2_version"; then sides+=(pm2); else log "PM2 not available: PM2 side skipped"; with_pm2=0; fi
fi
commit="$(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# bench/logs.sh $(date -u '+%Y-%m-%d %H:%M UTC'), jpm $commit, $(nproc) cores; $pairs pairs (${sides[*]}, no manager)${pm2_found_version:+; PM2 $pm2_found_version}"
echo "# start: $(bench_load)"
# Starts the daemons (and builds jpm's launcher): not timed.
for side in "${sides[@]}"; do "${side}_cli" ping > /dev/null 2>&1 || "${side}_cli" ls > /dev/null 2>&1; done
for ((pair = 1; pair <= pairs; pair++)); do
  echo "## pair $pair/$pairs ($(bench_load))"
  for side in "${sides[@]}"; do run_side "$side"; done
  run_floor
done

echo "## logs --lines 100 --nostream with $apps apps per side, $pairs pairs of two calls each ($(bench_load))"
for side in "${sides[@]}"; do tail_workload "$side"; done
for side in "${sides[@]}"; do
  log "$side: logs --lines 100 --nostream printed $("${side}_cli" logs --lines 100 --nostream 2>/dev/null | grep -c 'line ') lines"
done
declare -A tails=()
for ((pair = 1; pair <= pairs; pair++)); do
  for round in 1 2; do for side in "${sides[@]}"; do tails[$side.$round]=$(time_tail "$side"); done; done
  for side in "${sides[@]}"; do put "$side" tail $(( (tails[$side.1] + tails[$side.2]) / 2 )); done
done
for side in "${sides[@]}"; do "${side}_cli" delete all > /dev/null 2>&1; done
echo "  end: $(bench_load)"
echo "## jpm's daemon RSS while \`yes\` writes through it, $rss_seconds s ($(bench_load))"
read -r rss_first rss_min rss_max rss_last <<< "$(rss_under_load)"
echo "  first $((rss_first / 1024)) MiB, min $((rss_min / 1024)), max $((rss_max / 1024)), last $((rss_last / 1024)) MiB"
echo "# end: $(bench_load)"

# ---------------------------------------------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------------------------------------------
row() { # figure metric target [floor]: medians over the pairs, median of the pair ratios, floor/PM2
  local j p ratio floor=""
  j=$(bench_median_series "jpm.$2") p=$(bench_median_series "pm2.$2")
  ratio=$(bench_ratio_series "jpm.$2" "pm2.$2")
  [ -z "${4:-}" ] || floor=$(bench_ratio_series "floor.$2" "pm2.$2")
  bench_row "$1" "$(ms "$j")" "$(ms "$p")" "${ratio:--}" "$3" "" "${floor:--}"
}
sum_series() { bench_series_values "$1" | awk '{ s += $1 } END { print s + 0 }'; }
row "1M lines in the file" to_file "<= 0.5" floor
row "  CPU meanwhile: manager's daemon" daemon_cpu "-"
row "  CPU meanwhile: the writing app (bash + seq)" app_cpu "-" floor
row "  CPU meanwhile: the start command" cli_cpu "-"
row "  CPU meanwhile: daemon + app + command" total_cpu "-"
lost_j=$(sum_series jpm.lost) lost_p="-"
[ "$with_pm2" = 0 ] || lost_p=$(sum_series pm2.lost)
bench_row "lines lost (sum of $pairs pairs, 2 runs each)" "$lost_j" "$lost_p" "-" "0" "$([ "$lost_j" = 0 ] && echo pass || echo FAIL)" "-"
row "app write time, unwatched" write "-" floor
write_plain=$(bench_ratio_series jpm.write floor.write)
bench_row "  jpm's app write time / plain pipe (in the ratio column)" "$(ms "$(bench_median_series jpm.write)")" \
  "plain $(ms "$(bench_median_series floor.write)")" "${write_plain:--}" "<= 1.3" "" "-"
row "logs --lines 100 --nostream ($apps apps)" tail "<= 0.6"
bench_row "daemon RSS under \`yes\`, first..max (last)" "$((rss_first / 1024))..$((rss_max / 1024)) MiB ($((rss_last / 1024)))" \
  "-" "-" "-" "" "-"
bench_summary "jpm vs PM2 ${pm2_found_version:-$pm2_version}: medians of $pairs interleaved pairs, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), jpm $commit"
echo "# reading: the wall ratio of '1M lines in the file' is the figure on a quiet machine; when other work keeps both"
echo "# cores busy it moves toward the ratio of 'daemon + app + command' CPU (each side gets a share of the cores)."
