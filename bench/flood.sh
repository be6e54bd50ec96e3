#!/usr/bin/env bash
# Control-socket flood: can clients wedge the daemon? (issue 16)
#
#   bash bench/flood.sh [--hogs 30] [--idle 2000] [--jpm PATH] [--keep]
#
# Starts a daemon with one app, then opens --hogs connections that each announce an 8 MiB request and send all of it
# but the last byte, and --idle connections that send nothing, all held open (a Node script on loopback's Unix
# socket; it stops by itself after 60 s). While they are held, prints:
#   answering    whether `jpm ping` answers, and its wall time (goal: yes)
#   supervising  the app's process is SIGKILLed: whether the daemon starts a new one within 15 s (goal: yes)
#   refused      how many flood connections the daemon refused or closed (its limits at work)
#   rss          the daemon's RSS before and during the flood
# Nothing outside a temp folder is touched; the EXIT trap stops the daemon and this run's processes, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
hogs=30 idle=2000 keep=0 with_pm2=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --hogs) hogs="$2"; shift 2 ;;
    --idle) idle="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
bench_resolve_jpm
command -v node > /dev/null || { echo "flood.sh: needs node" >&2; exit 2; }
bench_make_work jpm-bench-flood
run_pids() { bench_pids_naming "$work/"; }

cat > "$work/sleep.sh" <<'EOF'
#!/usr/bin/env bash
while true; do sleep 1 & wait $!; done
EOF
printf 'apps:\n  - {name: victim, script: %s, min_uptime: 300ms}\n' "$work/sleep.sh" > "$work/ecosystem.yaml"
cat > "$work/flood.js" <<'EOF'
// Holds hogs connections that each send an 8 MiB frame but its last byte, and idle ones that send nothing.
// Prints "ready" once all are open (or refused), then "closed N" at the end: the connections the daemon ended.
const net = require('net');
const [socket, hogs, idle] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const MAX = 8 * 1024 * 1024;
let pending = hogs + idle, closedByDaemon = 0, stopping = false;
const all = [];
function opened() { if (--pending === 0) console.log('ready'); }
function open(hog) {
  const c = net.createConnection({ path: socket }, () => {
    if (hog) {
      const header = Buffer.alloc(4); header.writeUInt32BE(MAX);
      c.write(header); c.write(Buffer.alloc(MAX - 1, 0x20), opened);
    } else opened();
  });
  c.on('error', () => {});
  c.on('close', () => { if (!stopping) closedByDaemon++; });
  c.resume();
  all.push(c);
}
for (let i = 0; i < hogs; i++) open(true);
for (let i = 0; i < idle; i++) open(false);
const end = () => { stopping = true; console.log('closed ' + closedByDaemon); all.forEach(c => c.destroy()); process.exit(0); };
process.on('SIGTERM', end);
setTimeout(end, 60000);
EOF

jpm_cli apply "$work/ecosystem.yaml" > /dev/null || { echo "flood.sh: apply failed" >&2; exit 1; }
daemon=$(daemon_pid jpm)
rss_before=$(rss_kib "$daemon")
victim=$(jpm_cli pid victim)
log "flooding: $hogs hogs of 8 MiB, $idle idle connections"
node "$work/flood.js" "$JPM_HOME/jpm.sock" "$hogs" "$idle" > "$work/flood.out" &
flood=$!
for ((i = 0; i < 300; i++)); do grep -q ready "$work/flood.out" && break; nap 0.1; done
nap 2
start=$(now_us)
if timeout 30 "$jpm" ping > /dev/null 2>&1; then answering="yes, $(( ($(now_us) - start) / 1000 )) ms"; else answering="no"; fi
kill -KILL "$victim"
supervising=no
for ((i = 0; i < 150; i++)); do
  now=$(jpm_cli pid victim 2> /dev/null)
  if [ -n "$now" ] && [ "$now" != 0 ] && [ "$now" != "$victim" ]; then supervising="yes, new pid $now"; break; fi
  nap 0.1
done
rss_during=$(rss_kib "$daemon")
alive "$daemon" || answering="no (the daemon died)"
kill -TERM "$flood" 2> /dev/null; wait "$flood"
refused=$(awk '/^closed/ {print $2}' "$work/flood.out")

printf '%-14s %s\n' "load average" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %s\n' "flood" "$hogs x 8 MiB frames, $idle idle connections"
printf '%-14s %s\n' "answering" "$answering"
printf '%-14s %s\n' "supervising" "$supervising"
printf '%-14s %s of %s\n' "refused" "${refused:-?}" "$((hogs + idle))"
printf '%-14s %s MiB before, %s MiB during\n' "rss" "$((rss_before / 1024))" "$((rss_during / 1024))"
