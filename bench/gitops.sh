#!/usr/bin/env bash
# GitOps benchmark: time from a push to the remote until the app runs the new revision.
#
#   bash bench/gitops.sh [--rounds N] [--sync-rounds N] [--interval DURATION] [--jpm PATH] [--keep]
#
# A bare repository on disk is the remote; an author clone pushes commits that change one app's env (GREETING).
# jpm follows the file with `jpm gitops add` (default interval 60s unless --interval). Each round pushes, then
# waits until the app's new process has written a marker naming the new GREETING; the figure is the marker's
# timestamp minus the moment the push returned. Two modes:
#   interval: the daemon's poll finds the push; before each push the script waits a random part of the interval,
#             so pushes land at random phases of the poll (expected: about interval/2 + the apply).
#   sync:     `jpm gitops sync NAME` right after the push (also prints when the command returned).
# Nothing outside a temp folder is touched (JPM_HOME private, git with no global config); the EXIT trap stops the
# daemon and any app process of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
rounds=3 sync_rounds=5 interval=60s keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --sync-rounds) sync_rounds="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
command -v git > /dev/null || { echo "gitops.sh: the bench pushes with the git command; install git" >&2; exit 2; }
case "$interval" in
  *ms) interval_s=$(( ${interval%ms} / 1000 )) ;;
  *s) interval_s=${interval%s} ;;
  *m) interval_s=$(( ${interval%m} * 60 )) ;;
  *h) interval_s=$(( ${interval%h} * 3600 )) ;;
  *) echo "gitops.sh: --interval like 60s, 2m or 1h" >&2; exit 2 ;;
esac

bench_make_work jpm-bench-gitops
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
mkdir -p "$work/marks"
# The apps of this run: their command line names the clone under this run's JPM_HOME.
run_pids() { bench_pids_naming "$JPM_HOME/gitops/"; }

# --- the remote and the author ---------------------------------------------------------------------------------
git init -q --bare -b main "$work/remote.git"
git init -q -b main "$work/author"
g() { git -C "$work/author" -c user.name=bench -c user.email=bench@example.test "$@"; }
cat > "$work/author/run.sh" <<'APP'
#!/usr/bin/env bash
# Records which revision's env it started with, then idles until told to stop.
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" > "$BENCH_MARKS/$GREETING.tmp" && mv "$BENCH_MARKS/$GREETING.tmp" "$BENCH_MARKS/$GREETING"
while true; do sleep 1 & wait $!; done
APP
ecosystem() {
  cat > "$work/author/ecosystem.yaml" <<YAML
apps:
  - name: api
    script: run.sh
    min_uptime: 300ms
    env:
      BENCH_MARKS: $work/marks
      GREETING: $1
YAML
}
push() { ecosystem "$1"; g add -A && g commit -q -m "$1" && g push -q origin main 2> /dev/null; }
ecosystem v0
g add -A && g commit -q -m v0 && g remote add origin "$work/remote.git" && g push -q origin main 2> /dev/null

# --- jpm follows it -------------------------------------------------------------------------------------------
log "building/starting jpm"
"$jpm" ping > /dev/null || { echo "gitops.sh: jpm does not start" >&2; exit 1; }
t=$(now_us)
"$jpm" gitops add bench --repo "$work/remote.git" --ref main --path ecosystem.yaml --interval "$interval" > "$work/add.out" \
  || { cat "$work/add.out" >&2; exit 1; }
log "gitops add (clone + first apply) took $(( ($(now_us) - t) / 1000 )) ms"

wait_mark() { # name timeout_s: the marker's timestamp in µs, or empty
  local deadline=$(( $(now_us) + $2 * 1000000 ))
  while [ ! -f "$work/marks/$1" ]; do
    [ "$(now_us)" -gt "$deadline" ] && return 1
    nap 0.005
  done
  local mark; read -r mark < "$work/marks/$1"; echo "${mark/[.,]/}"
}

median_of_lines() { sort -n | awk '{ v[NR]=$1 } END { if (NR==0) { print "-"; exit } m = (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.0f", m }'; }
max() { sort -n | tail -1; }

poll_ms=() sync_ms=() sync_cmd_ms=()
for i in $(seq 1 "$rounds"); do
  phase=$(( RANDOM % (interval_s > 0 ? interval_s : 1) ))
  log "interval round $i/$rounds: push in ${phase}s"
  nap "$phase"
  push "poll$i"; t0=$(now_us)
  mark=$(wait_mark "poll$i" $(( interval_s * 2 + 30 ))) || { echo "gitops.sh: poll$i never ran" >&2; exit 1; }
  poll_ms+=( $(( (mark - t0) / 1000 )) )
  log "  push -> running: ${poll_ms[-1]} ms"
done
for i in $(seq 1 "$sync_rounds"); do
  push "sync$i"; t0=$(now_us)
  # Each progress line stamped with the ms since the push returned: where a sync spends its time.
  "$jpm" gitops sync bench | while IFS= read -r line; do echo "+$(( ($(now_us) - t0) / 1000 )) ms $line"; done \
    > "$work/sync.out" || { cat "$work/sync.out" >&2; exit 1; }
  t1=$(now_us)
  mark=$(wait_mark "sync$i" 60) || { echo "gitops.sh: sync$i never ran" >&2; exit 1; }
  sync_ms+=( $(( (mark - t0) / 1000 )) ); sync_cmd_ms+=( $(( (t1 - t0) / 1000 )) )
  log "sync round $i/$sync_rounds: push -> running ${sync_ms[-1]} ms, command returned after ${sync_cmd_ms[-1]} ms"
done
[ "$sync_rounds" -gt 0 ] && { log "the last sync's progress:"; grep '^+' "$work/sync.out" | head -8 >&2; }

"$jpm" gitops ls > "$work/ls.out"
grep -q Synced "$work/ls.out" || { echo "gitops.sh: the source is not in sync at the end:" >&2; cat "$work/ls.out" >&2; }

echo
echo "jpm GitOps: push -> app running the new revision ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '| %-44s | %10s | %10s | %s\n' "mode" "median" "max" "runs (ms)"
printf '| %-44s | %10s | %10s | %s\n' "--------------------------------------------" "----------" "----------" "---------"
[ "$rounds" -gt 0 ] && printf '| %-44s | %7s ms | %7s ms | %s\n' "poll, interval $interval (random push phase)" \
  "$(printf '%s\n' "${poll_ms[@]}" | median_of_lines)" "$(printf '%s\n' "${poll_ms[@]}" | max)" "${poll_ms[*]}"
printf '| %-44s | %7s ms | %7s ms | %s\n' "jpm gitops sync right after the push" \
  "$(printf '%s\n' "${sync_ms[@]}" | median_of_lines)" "$(printf '%s\n' "${sync_ms[@]}" | max)" "${sync_ms[*]}"
printf '| %-44s | %7s ms | %7s ms | %s\n' "  (gitops sync command returned)" \
  "$(printf '%s\n' "${sync_cmd_ms[@]}" | median_of_lines)" "$(printf '%s\n' "${sync_cmd_ms[@]}" | max)" "${sync_cmd_ms[*]}"
