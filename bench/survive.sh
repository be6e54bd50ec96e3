#!/usr/bin/env bash
# Survival benchmark: jpm against PM2 on what must survive a reboot or a dead daemon, on private temp homes.
#
#   bash bench/survive.sh [--apps N] [--pairs N] [--no-pm2] [--jpm PATH] [--keep]
#
# save/resurrect: N apps (default 50) running; time of `save`, then of `resurrect` after `delete all` until every
# app's code ran again (each app's own time stamp: jpm's resurrect also waits for min_uptime before it returns).
# Interleaved pairs (jpm, PM2, jpm, PM2...), the load average printed with the block, median of the pair ratios.
# Nothing outside a temp folder is touched; the EXIT trap stops both daemons and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
apps=50 pairs=5 with_pm2=1 keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
bench_make_work jpm-survive pm2
if [ "$with_pm2" = 1 ]; then bench_install_pm2 7.0.4 || { log "no PM2: PM2 side skipped"; with_pm2=0; }; fi

run_pids() { bench_pids_naming "$work/app.sh"; }

cat > "$work/app.sh" <<'EOF'
#!/usr/bin/env bash
# Records that its code ran, then idles until told to stop (the trap reaps its sleep child).
trap 'kill $! 2> /dev/null; wait $! 2> /dev/null; exit 0' INT TERM
echo "$EPOCHREALTIME" > "$BENCH_MARKS/$BENCH_APP.tmp" && mv "$BENCH_MARKS/$BENCH_APP.tmp" "$BENCH_MARKS/$BENCH_APP"
while true; do sleep 1 & wait $!; done
EOF
chmod +x "$work/app.sh"

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
ms_since() { echo $(( ($(now_us) - $1) / 1000 )); }

# N idle apps as strict JSON, which both read: $1 side, $2 count.
write_apps() {
  local dir="$work/$1" i sep=""
  mkdir -p "$dir/marks"
  {
    echo '{"apps": ['
    for ((i = 1; i <= $2; i++)); do
      printf '%s{"name": "app%02d", "script": "%s", "interpreter": "bash", "env": {"BENCH_APP": "app%02d", "BENCH_MARKS": "%s"}}\n' \
        "$sep" "$i" "$work/app.sh" "$i" "$dir/marks"
      sep=","
    done
    echo ']}'
  } > "$dir/apps.json"
}

await_marks() { # dir count: waits (up to 60 s) until count apps wrote their mark
  local i
  for ((i = 0; i < 6000; i++)); do
    [ "$(find "$1" -maxdepth 1 -type f ! -name '*.tmp' | wc -l)" -ge "$2" ] && return 0
    nap 0.01
  done
  log "only $(find "$1" -maxdepth 1 -type f | wc -l) of $2 apps ran"; return 1
}

cli() { local side="$1"; shift; "${side}_cli" "$@"; }

save_resurrect() { # side -> "save_ms resurrect_ms"
  local side="$1" dir="$work/$1" t save resurrect
  rm -f "$dir/marks"/*
  case "$side" in
    jpm) cli jpm apply "$dir/apps.json" > /dev/null ;;
    pm2) cli pm2 start "$dir/apps.json" > /dev/null ;;
  esac
  await_marks "$dir/marks" "$apps" || return 1
  t=$(now_us); cli "$side" save > /dev/null; save=$(ms_since "$t")
  cli "$side" delete all > /dev/null
  rm -f "$dir/marks"/*
  t=$(now_us); cli "$side" resurrect > /dev/null
  await_marks "$dir/marks" "$apps" || return 1
  # Until the last app's code ran (its own time stamp): jpm's resurrect also waits for min_uptime before it returns.
  resurrect=$(cat "$dir/marks"/* | sort -n | tail -1 | awk -v t="$t" '{ printf "%d", ($1 * 1000000 - t) / 1000 }')
  cli "$side" delete all > /dev/null
  echo "$save $resurrect"
}

block_save_resurrect() {
  local p j q js jr ps pr save_ratios=() res_ratios=()
  echo
  echo "## save/resurrect of $apps apps (load $(loadavg))"
  write_apps jpm "$apps"; [ "$with_pm2" = 1 ] && write_apps pm2 "$apps"
  printf '%-5s %12s %12s %16s %16s\n' pair "jpm save" "PM2 save" "jpm resurrect" "PM2 resurrect"
  for ((p = 1; p <= pairs; p++)); do
    read -r js jr < <(save_resurrect jpm) || { log "jpm save/resurrect failed"; return 1; }
    ps="-" pr="-"
    if [ "$with_pm2" = 1 ]; then
      read -r ps pr < <(save_resurrect pm2) || { log "PM2 save/resurrect failed"; return 1; }
      save_ratios+=("$(awk -v a="$js" -v b="$ps" 'BEGIN { printf "%.2f", a / b }')")
      res_ratios+=("$(awk -v a="$jr" -v b="$pr" 'BEGIN { printf "%.2f", a / b }')")
    fi
    printf '%-5s %10s ms %10s ms %14s ms %14s ms\n' "$p" "$js" "$ps" "$jr" "$pr"
  done
  if [ "$with_pm2" = 1 ]; then
    echo "median jpm/PM2: save $(median "${save_ratios[@]}"), resurrect $(median "${res_ratios[@]}") (load $(loadavg))"
  fi
}

block_save_resurrect
