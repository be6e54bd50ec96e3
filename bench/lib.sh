# shellcheck shell=bash
# What the bench/*.sh scripts share. Sourced, never run: `. "$here/lib.sh"` right after `here=...`.
#
# Plain bash, safe under `set -euo pipefail`. The scripts keep their own options, workload and output; this file
# only holds the plumbing they all had copies of. Variables it reads (set them before calling what uses them):
#   jpm        the launcher path (bench_option --jpm, bench_resolve_jpm)
#   keep       1: bench_cleanup leaves the temp folder (default 0)
#   with_jpm   0: bench_cleanup does not stop a jpm daemon (default 1)
#   with_pm2   0: no PM2 side (bench_locate_pm2 may set it to 0)
#   bench_pm2_timeout   seconds: pm2_cli runs PM2 under timeout(1) (default: no limit)
#   run_pids   a function the script may define: this run's app processes (bench_pids_naming helps); ended at exit
# Functions:
#   log MSG                 timestamped line on stderr
#   now_us / nap SECONDS    wall clock in µs / fork-free short sleep (after bench_make_work)
#   usage                   prints the script's header comment
#   bench_option "$@"       the shared options: --jpm PATH, --keep, --no-pm2, -h|--help, else "unknown option";
#                           sets bench_shift
#   bench_resolve_jpm       absolute launcher path, exits 2 when it is not executable
#   bench_make_work PREFIX [pm2]   temp folder $work with a private JPM_HOME (and PM2_HOME, HOME for PM2)
#   bench_locate_pm2 / bench_install_pm2   PM2 at /tmp/jpm-bench-pm2 (JPM_BENCH_PM2_DIR): pm2_bin, pm2_cli
#   jpm_cli / pm2_cli ARGS  the launcher / PM2 with its private HOME
#   alive PID, pid_from FILE, daemon_pid [jpm|pm2], rss_kib PID, cpu_ticks PID, cpu_us PID, median N...
#   bench_pids_naming STR...   processes whose command line contains one of STR, and their `sleep` children
#   bench_stop_jpm / bench_stop_pm2   stop a daemon (its kill command, then its pid), waiting until it is gone
#   bench_cleanup (installed by bench_make_work as the EXIT trap)   ends the script's background jobs, stops the
#                           daemons, then this run's apps (run_pids), by pid only; removes $work unless keep=1

bench_name="${0##*/}"
keep="${keep:-0}" with_jpm="${with_jpm:-1}" with_pm2="${with_pm2:-1}"
pm2_cache="${JPM_BENCH_PM2_DIR:-/tmp/jpm-bench-pm2}"
pm2_bin="" pm2_user_home="" bench_tick_fd="" bench_pm2_timeout=""
clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_us() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }
# A fork-free short sleep: read with a timeout from a FIFO nobody writes to (opened by bench_make_work).
nap() { read -r -t "$1" -u "$bench_tick_fd" _ || true; }

# The script's header comment (from line 2 to the first line that is not a comment), without the "# ".
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }

# The options every script has, in its `case`: `*) bench_option "$@"; shift "$bench_shift" ;;`.
bench_option() {
  case "$1" in
    --jpm) jpm="$2"; bench_shift=2 ;;
    --keep) keep=1; bench_shift=1 ;;
    --no-pm2) with_pm2=0; bench_shift=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$bench_name: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
}

bench_resolve_jpm() {
  jpm="$(readlink -f "$jpm")"
  [ "$with_jpm" = 0 ] || [ -x "$jpm" ] || { echo "$bench_name: no jpm launcher at $jpm (use --jpm PATH)" >&2; exit 2; }
}

# work=/tmp/PREFIX.XXXXXX with JPM_HOME inside (mode 700); with "pm2" also PM2_HOME and a temp HOME for PM2 commands
# (so ~/.pm2 is never created). Opens the nap FIFO and installs bench_cleanup on EXIT.
bench_make_work() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  export JPM_HOME="$work/jpm-home"
  mkdir -p "$JPM_HOME"
  chmod 700 "$JPM_HOME"
  if [ "${2:-}" = pm2 ]; then
    export PM2_HOME="$work/pm2-home" PM2_DISABLE_VERSION_CHECK=true
    pm2_user_home="$work/pm2-user-home"
    mkdir -p "$PM2_HOME" "$pm2_user_home"
  fi
  mkfifo "$work/tick"
  exec {bench_tick_fd}<>"$work/tick"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

jpm_cli() { "$jpm" "$@"; }
# PM2 with its private HOME (and, when bench_pm2_timeout is set, under timeout(1)).
pm2_cli() { HOME="$pm2_user_home" ${bench_pm2_timeout:+timeout "$bench_pm2_timeout"} "$pm2_bin" "$@"; }

# PM2 as bench/foundation.sh installs it; without it the PM2 side is skipped (with_pm2=0), saying why.
bench_locate_pm2() {
  pm2_bin="$pm2_cache/node_modules/.bin/pm2"
  [ "$with_pm2" = 0 ] || [ -x "$pm2_bin" ] || { echo "$bench_name: no PM2 at $pm2_cache: PM2 side skipped" >&2; with_pm2=0; }
}
pm2_installed_version() { # never run `pm2 --version`: it starts a daemon in ~/.pm2 when PM2_HOME is unset
  node -e "console.log(require('$1/node_modules/pm2/package.json').version)" 2>/dev/null || true
}
bench_install_pm2() { # version: installs it (npm, into pm2_cache) unless a 7.x is there; sets pm2_bin, pm2_found_version
  local want="$1" v tmp
  command -v node > /dev/null && command -v npm > /dev/null || { log "no node/npm: skipping PM2"; return 1; }
  v=$(pm2_installed_version "$pm2_cache")
  if [[ "$v" != 7.* ]]; then
    log "installing pm2@$want into $pm2_cache (npm)"
    tmp=$(mktemp -d /tmp/jpm-bench-pm2.XXXXXX)
    if ! (cd "$tmp" && npm install --no-audit --no-fund --loglevel=error "pm2@$want" > /dev/null 2>&1); then
      log "pm2@$want unavailable, trying pm2@7"
      (cd "$tmp" && npm install --no-audit --no-fund --loglevel=error "pm2@7" > /dev/null 2>&1) || { rm -rf "$tmp"; return 1; }
    fi
    rm -rf "$pm2_cache"; mv -T "$tmp" "$pm2_cache" || { rm -rf "$tmp"; return 1; }
    v=$(pm2_installed_version "$pm2_cache")
  fi
  pm2_bin="$pm2_cache/node_modules/.bin/pm2"
  pm2_found_version="$v"
  [ -x "$pm2_bin" ]
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_from() { [ -f "$1" ] && tr -dc '0-9' < "$1"; }
daemon_pid() { case "${1:-jpm}" in jpm) pid_from "${JPM_HOME:-}/daemon.pid" ;; pm2) pid_from "${PM2_HOME:-}/pm2.pid" ;; esac; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# CPU time (user + system) a process has used so far, in clock ticks (clk_tck a second) / in microseconds (0 when it
# is gone). Unlike wall times it hardly moves when other work shares the machine. The fields are counted after the
# command name's closing parenthesis, since the name may hold spaces.
cpu_ticks() {
  local s; read -r s < "/proc/$1/stat" 2>/dev/null || { echo 0; return 0; }
  s=${s##*) }
  # shellcheck disable=SC2086
  set -- $s
  echo $(( ${12} + ${13} ))
}
cpu_us() { echo $(( $(cpu_ticks "$1") * 1000000 / clk_tck )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Processes whose command line contains one of the strings (this run's apps name its temp folder), and their `sleep`
# children; never this shell, ps or awk.
bench_pids_naming() {
  ps -e -o pid=,ppid=,args= | awk -v self="$$" -v needles="$(printf '%s\034' "$@")" '
    BEGIN { n = split(needles, want, "\034") }
    { pid = $1; pp[pid] = $2; line = $0; sub(/^ *[0-9]+ +[0-9]+ +/, "", line); args[pid] = line }
    END { for (p in args) if (p != self && args[p] !~ /^(ps|awk) /) for (i = 1; i <= n; i++) if (want[i] != "" && index(args[p], want[i])) mine[p] = 1
          for (p in args) if (p in mine || (pp[p] in mine && args[p] ~ /^(\[sleep\]|sleep )/)) print p }'
}

bench_stop_pid() { # pid: up to 10 s for it to exit after its kill command, then SIGKILL
  local i
  for ((i = 0; i < 100; i++)); do alive "$1" || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}
bench_stop_jpm() {
  local pid; pid="$(daemon_pid jpm || true)"
  alive "$pid" || return 0
  timeout 60 "$jpm" kill > /dev/null 2>&1 || true
  bench_stop_pid "$pid"
}
bench_stop_pm2() {
  local pid
  [ -n "$pm2_bin" ] || return 0
  pid="$(daemon_pid pm2 || true)"
  alive "$pid" || return 0
  # PM2's daemon still writes into PM2_HOME for a moment after `pm2 kill` answers: wait for the process itself.
  HOME="$pm2_user_home" timeout 60 "$pm2_bin" kill > /dev/null 2>&1 || true
  bench_stop_pid "$pid"
}

bench_cleanup() {
  local status=$? p
  set +e
  trap - EXIT INT TERM
  for p in $(jobs -p); do kill "$p" 2>/dev/null; done
  [ "$with_jpm" = 0 ] || bench_stop_jpm
  [ "$with_pm2" = 0 ] || bench_stop_pm2
  if declare -F run_pids > /dev/null; then
    for p in $(run_pids); do kill "$p" 2>/dev/null; done
    sleep 0.3
    for p in $(run_pids); do kill -9 "$p" 2>/dev/null; done
  fi
  [ -n "$bench_tick_fd" ] && exec {bench_tick_fd}>&- 2>/dev/null
  if [ "$keep" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}

# ---------------------------------------------------------------------------------------------------------------
# Interleaved pairs and the pass/FAIL summary (issue 18: jpm, PM2, jpm, PM2...; judged on the median of the pair
# ratios). Figures live in bench_v[SIDE.METRIC.PAIR] (SIDE: jpm, pm2, or e.g. floor); bench_pairs is the run's pairs.
#   bench_load                   "load 0.52 0.61 0.70 1/234 5678" (/proc/loadavg), for each block's heading
#   bench_put SIDE METRIC PAIR VALUE
#   bench_median_series KEY      median of KEY's values over the pairs that have one ("" when none); KEY=SIDE.METRIC
#   bench_count_series KEY       how many pairs have a value for KEY
#   bench_ratio_series KEY_A KEY_B   median over the pairs that have both of A/B (two decimals; "" when none)
#   bench_row FIGURE JPM PM2 RATIO TARGET RESULT FLOOR   one summary row; TARGET "<= X" or "-"; an empty RESULT is
#                                judged from RATIO (pass when RATIO <= X, FAIL above, n/a without a ratio)
#   bench_summary TITLE          the rows as an aligned table, then one line per target ending in pass or FAIL
# ---------------------------------------------------------------------------------------------------------------
declare -A bench_v=()
bench_pairs="${bench_pairs:-0}" bench_rows=()

bench_load() { echo "load $(cat /proc/loadavg)"; }
bench_put() { bench_v[$1.$2.$3]="$4"; }
bench_series_values() { # KEY -> one value per pair that has one
  local p
  for ((p = 1; p <= bench_pairs; p++)); do [ -z "${bench_v[$1.$p]:-}" ] || echo "${bench_v[$1.$p]}"; done
}
bench_median_series() {
  local values; mapfile -t values < <(bench_series_values "$1")
  [ "${#values[@]}" -eq 0 ] || median "${values[@]}"
}
bench_count_series() { bench_series_values "$1" | grep -c .; }
bench_ratio_series() {
  local p a b ratios=()
  for ((p = 1; p <= bench_pairs; p++)); do
    a="${bench_v[$1.$p]:-}" b="${bench_v[$2.$p]:-}"
    if [ -z "$a" ] || [ -z "$b" ] || [ "$b" = 0 ]; then continue; fi
    ratios+=("$(awk -v x="$a" -v y="$b" 'BEGIN { printf "%.4f", x / y }')")
  done
  [ "${#ratios[@]}" -eq 0 ] || awk -v m="$(median "${ratios[@]}")" 'BEGIN { printf "%.2f", m }'
}
bench_row() {
  local figure="$1" j="${2:--}" p="${3:--}" ratio="${4:--}" target="${5:--}" result="${6:-}" floor="${7:--}"
  if [ -z "$result" ]; then
    if [ "$target" = "-" ]; then result="-"
    elif [ "$ratio" = "-" ] || [ -z "$ratio" ]; then result="n/a"
    else result=$(awk -v r="${ratio%\*}" -v t="${target#<= }" 'BEGIN { print (r + 0 <= t + 0 ? "pass" : "FAIL") }')
    fi
  fi
  bench_rows+=("$figure|$j|$p|$ratio|$target|$result|$floor")
}
bench_summary() {
  local row figure j ratio target result floor
  echo
  echo "$1"
  {
    echo "figure|jpm|PM2|jpm/PM2|target|result|floor/PM2"
    echo "---|---|---|---|---|---|---"
    printf '%s\n' "${bench_rows[@]}"
  } | awk -F'|' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; l = length($i); if (l > w[i]) w[i] = l } n = NR; nf = NF }
    END { for (r = 1; r <= n; r++) { line = "|"; for (i = 1; i <= nf; i++) {
            c = cell[r, i]; if (c == "---") { c = ""; while (length(c) < w[i]) c = c "-" }
            line = line " " sprintf("%-" w[i] "s", c) " |" } print line } }'
  echo "# targets (median of the pair ratios jpm/PM2; wall times, so a verdict means something on a quiet machine):"
  for row in "${bench_rows[@]}"; do
    IFS='|' read -r figure j _ ratio target result floor <<< "$row"
    case "$result" in pass|FAIL|n/a) ;; *) continue ;; esac
    figure="${figure#"${figure%%[! ]*}"}"
    [ "$floor" != "-" ] || floor=""
    [ "$ratio" != "-" ] || ratio="jpm $j"
    echo "  $figure: $ratio (target $target${floor:+, floor $floor}): $result"
  done
}
