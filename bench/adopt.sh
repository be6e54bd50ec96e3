#!/usr/bin/env bash
# Daemon hand-over benchmark: what a killed or replaced daemon costs its apps.
#
#   bash bench/adopt.sh [--apps N] [--update] [--rounds R] [--no-pm2] [--jpm PATH] [--keep]
#
# Starts --apps apps (default 20): one writes numbered lines all along (about 5,000 lines/s), one is a two-instance
# cluster app (a small Node HTTP server with its port written in the code, behind jpm's front port), the rest sleep.
# Then SIGKILLs the daemon (jpm only: PM2's apps die with it) and runs `jpm ls`, which starts a new daemon; or, with
# --update, replaces the daemon on purpose (`jpm update`, and `pm2 update` side by side when PM2 is installed at
# /tmp/jpm-bench-pm2: rounds interleaved jpm, PM2, jpm, PM2, ...) while an HTTP client loops on the cluster's port
# all along (a new connection per request, one at a time, 1 s timeout). Prints, per round:
#   restarts     instances whose pid changed or whose restart count moved (goal 0)
#   took         SIGKILL: the first `jpm ls` (JVM start, restore, adoption); --update: the update command
#   port back    SIGKILL: from the kill until the cluster's port answers HTTP again
#   failed       --update: requests that got no answer (goal 0)
#   lines        after the spewer is stopped: numbers missing from and doubled in its log (goal 0 and 0); an app
#                that was restarted starts counting again, so its figure says "restarted"
# Nothing outside a temp folder is touched; the EXIT trap stops the daemons and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
apps=20 keep=0 update=0 rounds=1
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --update) update=1; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-pm2) with_pm2=0; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
[ "$apps" -ge 3 ] || { echo "adopt.sh: --apps is at least 3" >&2; exit 2; }
[ "$update" = 1 ] || with_pm2=0 # after a SIGKILL PM2's apps are gone: nothing to compare
bench_resolve_jpm
command -v node > /dev/null || { echo "adopt.sh: needs node" >&2; exit 2; }
[ "$with_pm2" = 0 ] || bench_locate_pm2
bench_make_work jpm-bench-adopt pm2
run_pids() { bench_pids_naming "$work/"; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cat > "$work/spew.sh" <<'EOF'
#!/usr/bin/env bash
i=0
while true; do i=$((i+1)); echo "line $i"; if (( i % 50 == 0 )); then sleep 0.01; fi; done
EOF
cat > "$work/sleep.sh" <<'EOF'
#!/usr/bin/env bash
while true; do sleep 1 & wait $!; done
EOF
cat > "$work/hello.js" <<EOF
const server = require('http').createServer((req, res) => { res.setHeader('Connection', 'close'); res.end('hello\n'); });
server.listen($port, '127.0.0.1', () => console.log('listening'));
process.on('SIGINT', () => server.close(() => process.exit(0)));
EOF
{
  echo "apps:"
  printf '  - {name: spew, script: %s, out_file: %s, min_uptime: 300ms}\n' "$work/spew.sh" "$work/spew.log"
  printf '  - {name: web, script: %s, exec_mode: cluster, instances: 2, port: %s, host: 127.0.0.1, min_uptime: 300ms}\n' "$work/hello.js" "$port"
  for ((i = 3; i <= apps; i++)); do printf '  - {name: idle%s, script: %s, min_uptime: 300ms}\n' "$i" "$work/sleep.sh"; done
} > "$work/ecosystem.yaml"
node -e '
  const [work, apps] = [process.argv[1], Number(process.argv[2])];
  const list = [{ name: "spew", script: work + "/spew.sh", out_file: work + "/spew.log", error_file: "/dev/null" },
    { name: "web", script: work + "/hello.js", exec_mode: "cluster", instances: 2 }];
  for (let i = 3; i <= apps; i++) list.push({ name: "idle" + i, script: work + "/sleep.sh" });
  require("fs").writeFileSync(work + "/ecosystem.pm2.json", JSON.stringify({ apps: list }));' "$work" "$apps"

answers() { curl -fsS -m 1 "http://127.0.0.1:$port/" > /dev/null 2>&1; }
# "id pid restarts" per instance, sorted.
table_jpm() { jpm_cli ls --json | node -e 'for (const r of JSON.parse(require("fs").readFileSync(0))) console.log(r.id, r.pid, r.restarts)' | sort; }
table_pm2() { pm2_cli jlist 2> /dev/null | node -e 'for (const p of JSON.parse(require("fs").readFileSync(0))) console.log(p.name + "#" + p.pm_id, p.pid, p.pm2_env.restart_time)' | sort; }
start_load() { # a new connection per request, one at a time; "ok failed" into $1 when $1.stop appears
  ( ok=0 failed=0; while [ ! -f "$1.stop" ]; do if answers; then ok=$((ok + 1)); else failed=$((failed + 1)); fi; done
    echo "$ok $failed" > "$1" ) &
  load_pid=$!
}
lines_in() { # "missing doubled total" of the spewer's numbered lines in $1
  node -e '
    const seen = new Map(); let total = 0;
    for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n"))
      if (line.startsWith("line ")) { total++; const n = Number(line.slice(5)); seen.set(n, (seen.get(n) || 0) + 1); }
    const top = Math.max(0, ...seen.keys()); let missing = 0, doubled = 0;
    for (let n = 1; n <= top; n++) if (!seen.has(n)) missing++;
    for (const c of seen.values()) doubled += c - 1;
    console.log(missing, doubled, total);' "$1"
}

# One round: side (jpm|pm2), round number. Prints one result line.
round() {
  local side=$1 r=$2 before after changed took_us back_us="" killed_us daemon ok=0 failed=0 missing doubled total spew_before spew_after
  rm -f "$work/spew.log" "$work/load" "$work/load.stop"
  if [ "$side" = jpm ]; then
    export JPM_HOME="$work/jpm-home-$r"; mkdir -p "$JPM_HOME"; chmod 700 "$JPM_HOME"
    jpm_cli apply "$work/ecosystem.yaml" > /dev/null || { echo "adopt.sh: apply failed" >&2; exit 1; }
  else
    export PM2_HOME="$work/pm2-home-$r"; mkdir -p "$PM2_HOME"
    pm2_cli start "$work/ecosystem.pm2.json" > /dev/null 2>&1 || { echo "adopt.sh: pm2 start failed" >&2; exit 1; }
  fi
  for ((i = 0; i < 100; i++)); do answers && break; nap 0.1; done
  nap 2
  before="$(table_$side)"
  daemon=$(daemon_pid "$side")
  [ "$update" = 1 ] && { start_load "$work/load"; nap 1; }
  killed_us=$(now_us)
  if [ "$update" = 0 ]; then
    kill -KILL "$daemon"
    while alive "$daemon" && [ "$(awk '{print $3}' "/proc/$daemon/stat" 2>/dev/null)" != Z ]; do nap 0.01; done
    killed_us=$(now_us)
    after="$(table_jpm)"
    took_us=$(( $(now_us) - killed_us ))
    for ((i = 0; i < 1500; i++)); do answers && break; nap 0.01; done
    back_us=$(( $(now_us) - killed_us ))
  else
    if [ "$side" = jpm ]; then jpm_cli update > /dev/null; else pm2_cli update > /dev/null 2>&1; fi
    took_us=$(( $(now_us) - killed_us ))
    for ((i = 0; i < 1500; i++)); do answers && break; nap 0.01; done
    nap 3
    after="$(table_$side)"
    touch "$work/load.stop"; wait "$load_pid"; read -r ok failed < "$work/load"
  fi
  changed=$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)
  spew_before=$(echo "$before" | awk '$1 ~ /^spew#/ {print $2}')
  spew_after=$(echo "$after" | awk '$1 ~ /^spew#/ {print $2}')
  if [ "$side" = jpm ]; then jpm_cli stop spew > /dev/null; bench_stop_jpm; else pm2_cli stop spew > /dev/null 2>&1; bench_stop_pm2; fi
  read -r missing doubled total < <(lines_in "$work/spew.log")
  local lines="$missing missing, $doubled doubled of $total"
  [ "$spew_before" = "$spew_after" ] || lines="restarted (pid $spew_before -> $spew_after)"
  local fifth="$failed of $((ok + failed))"
  [ -n "$back_us" ] && fifth="$((back_us / 1000)) ms"
  printf '%-4s %-6s %-14s %-10s %-10s %-18s %s\n' "$r" "$side" "$changed of $(echo "$after" | grep -c .)" \
    "$((took_us / 1000)) ms" "$fifth" "$(cut -d' ' -f1-3 /proc/loadavg)" "$lines"
}

sides="jpm"; [ "$with_pm2" = 1 ] && sides="jpm pm2"
[ "$with_pm2" = 1 ] && log "PM2 $(pm2_installed_version "$pm2_cache") side by side"
printf '%s, %s apps\n' "$([ "$update" = 1 ] && echo "jpm update / pm2 update under HTTP load" || echo "daemon SIGKILL")" "$apps"
printf '%-4s %-6s %-14s %-10s %-10s %-18s %s\n' round side restarts took "$([ "$update" = 1 ] && echo failed || echo "port back")" "load average" lines
for ((r = 1; r <= rounds; r++)); do
  for side in $sides; do round "$side" "$r"; done
done
