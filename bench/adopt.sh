#!/usr/bin/env bash
# Daemon SIGKILL benchmark: what a killed jpm daemon costs its apps.
#
#   bash bench/adopt.sh [--apps N] [--update] [--jpm PATH] [--keep]
#
# With --update the daemon is replaced on purpose (`jpm update`) instead of SIGKILLed, and an HTTP client loops on
# the cluster's front port all along (one request at a time, 1 s timeout): "failed requests" counts those that did
# not get an answer (issue 15's goal is 0).
#
# Starts --apps apps (default 20): one writes numbered lines all along (about 5,000 lines/s), one is a two-instance
# cluster app (a small python3 HTTP server behind jpm's front port), the rest sleep. Then SIGKILLs the daemon,
# runs `jpm ls` (which starts a new daemon) and prints:
#   restarts     instances whose pid changed or whose restart count moved (goal 0; PM2: its apps die with it)
#   ls after     wall time of that first `jpm ls` (JVM start, restore, adoption)
#   port back    from the SIGKILL until the cluster's front port answers HTTP again
#   lines        after the spewer is stopped: lines missing and lines doubled in its log file (goal 0 and 0)
# Nothing outside a temp folder is touched; the EXIT trap stops the daemon and this run's apps, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
apps=20 keep=0 with_pm2=0 update=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --apps) apps="$2"; shift 2 ;;
    --update) update=1; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
[ "$apps" -ge 3 ] || { echo "adopt.sh: --apps is at least 3" >&2; exit 2; }
bench_resolve_jpm
command -v python3 > /dev/null || { echo "adopt.sh: needs python3" >&2; exit 2; }
bench_make_work jpm-bench-adopt
run_pids() { bench_pids_naming "$work/"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$work/spew.sh" <<'EOF'
#!/usr/bin/env bash
i=0
while true; do i=$((i+1)); echo "line $i"; if (( i % 50 == 0 )); then sleep 0.01; fi; done
EOF
cat > "$work/sleep.sh" <<'EOF'
#!/usr/bin/env bash
while true; do sleep 1 & wait $!; done
EOF
cat > "$work/hello_server.py" <<'EOF'
import http.server, os
class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
print("listening on", os.environ["PORT"], flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Hello).serve_forever()
EOF
{
  echo "apps:"
  printf '  - {name: spew, script: %s, out_file: %s, min_uptime: 300ms}\n' "$work/spew.sh" "$work/spew.log"
  printf '  - {name: web, script: %s, interpreter: python3, exec_mode: cluster, instances: 2, port: %s, host: 127.0.0.1, min_uptime: 300ms, ready_pattern: "listening on"}\n' "$work/hello_server.py" "$port"
  for ((i = 3; i <= apps; i++)); do printf '  - {name: idle%s, script: %s, min_uptime: 300ms}\n' "$i" "$work/sleep.sh"; done
} > "$work/ecosystem.yaml"

answers() { curl -fsS -m 1 "http://127.0.0.1:$port/" > /dev/null 2>&1; }
table() { jpm_cli ls --json | python3 -c 'import json,sys; [print(r["id"], r["pid"], r["restarts"]) for r in json.load(sys.stdin)]' | sort; }

log "jpm: apply $apps apps"
jpm_cli apply "$work/ecosystem.yaml" > /dev/null || { echo "adopt.sh: apply failed" >&2; exit 1; }
for ((i = 0; i < 100; i++)); do answers && break; nap 0.1; done
nap 2
before="$(table)"
daemon=$(daemon_pid jpm)
if [ "$update" = 1 ]; then # an HTTP client all along: one request at a time, every failure counted
  ( ok=0 failed=0; while [ ! -f "$work/stop-load" ]; do if answers; then ok=$((ok + 1)); else failed=$((failed + 1)); fi; done
    echo "$ok $failed" > "$work/load" ) &
  load_pid=$!
  nap 1
fi
killed_us=$(now_us)
if [ "$update" = 1 ]; then jpm_cli update > /dev/null; else kill -KILL "$daemon"; fi
while alive "$daemon" && [ "$(awk '{print $3}' "/proc/$daemon/stat" 2>/dev/null)" != Z ]; do nap 0.01; done
start_us=$(now_us)
after="$(table)"
ls_us=$(( $(now_us) - start_us ))
for ((i = 0; i < 1500; i++)); do answers && break; nap 0.01; done
back_us=$(( $(now_us) - killed_us ))
changed=$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)
nap 2
if [ "$update" = 1 ]; then touch "$work/stop-load"; wait "$load_pid"; read -r load_ok load_failed < "$work/load"; fi
jpm_cli stop spew > /dev/null
read -r missing doubled < <(python3 - "$work/spew.log" <<'EOF'
import sys
seen = {}
for line in open(sys.argv[1]):
    if line.startswith("line "): n = int(line[5:]); seen[n] = seen.get(n, 0) + 1
top = max(seen) if seen else 0
print(sum(1 for n in range(1, top + 1) if n not in seen), sum(c - 1 for c in seen.values()))
EOF
)

printf '%-28s %s\n' "load average" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %s\n' "figure (jpm, $apps apps, $([ "$update" = 1 ] && echo "jpm update" || echo "SIGKILL"))" "value"
printf '%-28s %s of %s\n' "restarts" "$changed" "$(echo "$after" | wc -l)"
printf '%-28s %s ms\n' "ls after (new daemon)" "$((ls_us / 1000))"
printf '%-28s %s ms\n' "port back" "$((back_us / 1000))"
printf '%-28s %s missing, %s doubled (of %s)\n' "lines" "$missing" "$doubled" "$(grep -c '^line ' "$work/spew.log")"
if [ "$update" = 1 ]; then printf '%-28s %s of %s\n' "failed requests" "$load_failed" "$((load_ok + load_failed))"; fi
