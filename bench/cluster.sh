#!/usr/bin/env bash
# Cluster benchmark: jpm's two cluster data paths and its rolling reload against PM2 cluster mode, interleaved, with
# wrk on loopback.
#
#   bash bench/cluster.sh [--pairs N] [--duration S] [--reload-duration S] [--reload-at S] [--connections N]
#                         [--instances N] [--max-surge N] [--verb reload|restart] [--java] [--no-haproxy] [--no-pm2]
#                         [--jpm PATH] [--keep]
#
# One tiny Node HTTP server (written to a temp folder; it reads PORT and, on SIGINT, answers with "Connection:
# close" from then on, a second later stops listening and closes what is still idle, then exits) runs, N instances
# each (default 2), all at once:
#   - under jpm with no key (the hand-off, the default for a Node cluster app with a port): jpm listens on the port
#     once, every instance inherits that socket and jpm's Node preload moves the server's listen(PORT) onto it; no
#     byte passes through jpm;
#   - under jpm with `socket_activation: false` (the copying balancer): wrk -> jpm's front port -> an instance's
#     private port;
#   - under PM2 7.0.4, cluster mode (Node's cluster module shares the port);
#   - alone, one process, no manager: the floor a manager adds to;
#   - behind HAProxy (tcp mode, round robin, a thread per core; in a session of its own with its N instances on
#     private ports, as a manager's daemon and its instances are): what the best-known
#     copying proxy reaches on this machine, the floor for jpm's balancer (installed with apt-get when missing;
#     skipped with --no-haproxy or when it cannot be installed).
# Each of --pairs rounds (default 5) runs wrk -t2 -cN -dS against each in turn (alone, jpm hand-off, PM2, jpm
# balancer, HAProxy), printing the load average first; the ratio to PM2 is taken within a round (the same machine load) and the
# median over the rounds is what the targets compare. Then as many rounds of a reload under load (--reload-duration s
# of wrk, `jpm reload` / `pm2 reload` --reload-at s in): req/s, p99, socket errors and non-2xx answers, the reload's
# exit code and wall time. --java adds the older copy-free comparison: a small Java server alone, behind the balancer
# and with `reuse_port: true`.
#
# Targets (issue 18), each line ending in pass/FAIL: hand-off throughput >= 1.1x PM2's and p99 <= PM2's; balancer
# throughput >= 1.0x PM2's; every jpm reload with 0 failed requests; reload wall time <= 1.0x PM2's (hand-off).
#
# Nothing outside a temp folder is touched: JPM_HOME and PM2_HOME are private, PM2 gets a temp HOME, and the EXIT
# trap stops both daemons and every app process of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
pairs=5 duration=10 reload_duration=12 reload_at=3 connections=32 instances=2 max_surge=1 verb=reload with_pm2=1
with_java=0 with_haproxy=1 keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --reload-duration) reload_duration="$2"; shift 2 ;;
    --reload-at) reload_at="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --max-surge) max_surge="$2"; shift 2 ;;
    --verb) verb="$2"; shift 2 ;;
    --java) with_java=1; shift ;;
    --no-haproxy) with_haproxy=0; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
case "$verb" in reload|restart) ;; *) echo "cluster.sh: --verb is reload or restart, not $verb" >&2; exit 2 ;; esac
bench_resolve_jpm
command -v node > /dev/null || { echo "cluster.sh: needs node" >&2; exit 2; }
install_package() { # name: Debian's package, as root or through sudo
  echo "cluster.sh: installing $1 (Debian package)" >&2
  { apt-get install -y "$1" || sudo apt-get install -y "$1"; } > /dev/null 2>&1
}
command -v wrk > /dev/null || install_package wrk || { echo "cluster.sh: needs wrk" >&2; exit 2; }
# HAProxy, the copy floor (--no-haproxy skips it): Debian installs it in /usr/sbin, which a user's PATH may lack.
haproxy_bin() { command -v haproxy 2>/dev/null || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; }; }
if [ "$with_haproxy" = 1 ] && [ -z "$(haproxy_bin)" ] && ! install_package haproxy; then
  echo "cluster.sh: no haproxy: the copy floor is skipped" >&2; with_haproxy=0
fi
bench_locate_pm2

bench_make_work jpm-bench-cluster pm2

# The app processes of this run: their command line names this run's server.js (or its Java Server class).
run_pids() { bench_pids_naming "$work/server.js" "-cp $work Server" "$work/haproxy.cfg"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # port: until it answers 200 (30 s at most)
  local i
  for i in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

cat > "$work/server.js" <<'EOF'
// The same tiny server for every run. Graceful on SIGINT: answers from now on carry "Connection: close"; a second
// later it stops listening and closes what is still idle, then exits.
const http = require('http');
let stopping = false;
const body = 'hello from ' + (process.env.NODE_APP_INSTANCE || '0') + '\n';
const server = http.createServer((req, res) => {
  if (stopping) res.setHeader('Connection', 'close');
  res.writeHead(200, {'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body)});
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.PORT || 8080), '127.0.0.1', () => {
  console.log('listening on ' + server.address().port);
  if (process.send) process.send('ready');
});
process.on('SIGINT', () => {
  stopping = true;
  // server.close() also closes idle keep-alive connections (Node 19+), and a client sends its next request on one
  // at any moment: that race is a failed request. Give every connection a second to get one more answer, with
  // "Connection: close", before closing what is left.
  setTimeout(() => server.close(() => process.exit(0)), 1000).unref();
  setTimeout(() => process.exit(0), 4000).unref();
});
EOF

# wrk with latency percentiles; prints "req/s p99 errors non2xx" on one line.
load() { # port seconds
  wrk -t2 -c"$connections" -d"$2s" --latency "http://127.0.0.1:$1/" > "$work/wrk.out" 2>&1
  grep -h "Socket errors" "$work/wrk.out" >&2
  awk '
    /Requests\/sec:/ { rps=$2 }
    /^ +99%/ { p99=$2 }
    /Socket errors:/ { gsub(/,/, ""); errors=$4+$6+$8+$10 }
    /Non-2xx or 3xx responses:/ { non2xx=$5 }
    END { printf "%s %s %d %d\n", rps, p99, errors, non2xx }' "$work/wrk.out"
}

declare -A R

# The copy-free comparison needs SO_REUSEPORT in the app: a raw HTTP/1.1 keep-alive server in Java.
cat > "$work/Server.java" <<'EOF'
import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

public class Server {
  static volatile boolean stopping;
  static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
  static final byte[] BODY = ("hello from " + System.getenv().getOrDefault("NODE_APP_INSTANCE", "0") + "\n")
      .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    ServerSocket server = new ServerSocket();
    if ("1".equals(System.getenv("JPM_REUSEPORT"))) server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"))), 1024);
    // Graceful as the Node server: "Connection: close" from the stop signal on, listener closed a second later.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping = true;
      try { Thread.sleep(1000); server.close(); } catch (Exception ignored) { }
      for (int i = 0; i < 300 && !OPEN.isEmpty(); i++) try { Thread.sleep(10); } catch (InterruptedException e) { return; }
    }));
    System.out.println("listening on " + server.getLocalPort());
    while (true) {
      Socket socket;
      try { socket = server.accept(); } catch (IOException closed) { Thread.sleep(Long.MAX_VALUE); return; }
      OPEN.add(socket);
      Thread.ofVirtual().start(() -> serve(socket));
    }
  }

  static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      while (true) {
        int c, run = 0; // a request ends at an empty line: "\r\n\r\n" (wrk sends no body)
        while ((c = in.read()) >= 0) {
          if (c == '\n') { if (++run == 2) break; } else if (c != '\r') run = 0;
        }
        if (c < 0) return;
        boolean close = stopping;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY.length
            + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(BODY);
        out.flush();
        if (close) return;
      }
    } catch (IOException ignored) {
    } finally {
      OPEN.remove(socket);
    }
  }
}
EOF
java_bin=""

java_ecosystem() { # instances port reuse_port
  cat > "$work/java-ecosystem.yaml" <<EOF
apps:
  - name: jbench
    script: $java_bin
    interpreter: none
    args: [-XX:+UseSerialGC, -XX:TieredStopAtLevel=1, -Xss256k, -cp, $work, Server]
    exec_mode: cluster
    instances: $1
    port: $2
    host: 127.0.0.1
    reuse_port: $3
    ready_pattern: "listening on"
    min_uptime: 500ms
    listen_timeout: 20s
    kill_timeout: 5s
    drain_timeout: 2s
EOF
}

run_java() {
  # A JDK 21+ (virtual threads): JPM_JAVA's, else the newest under /usr/lib/jvm.
  java_bin="${JPM_JAVA:-$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | grep -E -- '-(2[1-9]|[3-9][0-9])[.-]' | sort -V | tail -1)}"
  { [ -x "$java_bin" ] && "$(dirname "$java_bin")/javac" -d "$work" "$work/Server.java" 2> "$work/javac.out"; } \
    || { log "no JDK 21+ with javac: copy-free path skipped"; with_java=0; return; }
  local port; port="$(free_port)"
  PORT="$port" "$java_bin" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -cp "$work" Server > /dev/null 2>&1 &
  alone_pid=$!
  wait_http "$port" || { log "java alone did not answer"; return; }
  wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$port/" > /dev/null 2>&1 # JIT warm-up, as for every Java run
  log "java alone: throughput"
  R[java.alone]="$(load "$port" "$duration")"
  kill "$alone_pid"; wait "$alone_pid" 2>/dev/null; alone_pid=""
  local reuse rc t0 t1
  for reuse in false true; do
    port="$(free_port)"
    java_ecosystem 2 "$port" "$reuse"
    "$jpm" apply "$work/java-ecosystem.yaml" > "$work/jpm-java.out" 2>&1 || { log "jpm apply (java) failed"; cat "$work/jpm-java.out" >&2; return; }
    wait_http "$port" || { log "jpm (java, reuse_port $reuse) did not answer"; return; }
    wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$port/" > /dev/null 2>&1
    log "java under jpm x2, reuse_port $reuse: throughput"
    R[java.jpm.$reuse]="$(load "$port" "$duration")"
    log "java under jpm x2, reuse_port $reuse: reload $reload_at s into ${duration}s of load"
    ( sleep "$reload_at"; start=$EPOCHREALTIME; "$jpm" reload jbench > "$work/jpm-java-reload.out" 2>&1; echo "$? $start $EPOCHREALTIME" > "$work/jpm-java-reload.rc" ) &
    R[java.reload.$reuse]="$(load "$port" "$duration")"
    wait
    read -r rc t0 t1 < "$work/jpm-java-reload.rc"
    R[java.reload.$reuse.rc]="$rc"
    R[java.reload.$reuse.secs]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
    "$jpm" delete jbench > /dev/null 2>&1
  done
}

# Both jpm apps in one file, on ports of their own: the hand-off, which a Node cluster app with a port gets with no
# key (as a PM2 user's file would be), and the copying balancer, kept with socket_activation: false and given a drain.
jpm_ecosystem() { # instances handoff-port balancer-port
  local name port balancer_keys
  echo "apps:" > "$work/ecosystem.yaml"
  for name in handoff balancer; do
    if [ "$name" = handoff ]; then port=$2 balancer_keys=""
    else port=$3 balancer_keys=$'\n    socket_activation: false\n    drain_timeout: 2s'; fi
    cat >> "$work/ecosystem.yaml" <<EOF
  - name: $name
    script: $work/server.js
    interpreter: node
    exec_mode: cluster
    instances: $1
    port: $port
    host: 127.0.0.1
    min_uptime: 500ms
    listen_timeout: 10s
    kill_timeout: 5s
    max_surge: $max_surge$balancer_keys
EOF
  done
}

pm2_ecosystem() { # instances port
  cat > "$work/pm2.config.js" <<EOF
module.exports = { apps: [{ name: 'bench', script: '$work/server.js', exec_mode: 'cluster', instances: $1,
  env: { PORT: '$2' }, kill_timeout: 5000, listen_timeout: 10000 }] };
EOF
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# One reload under load: wrk for --reload-duration s, the verb --reload-at s in; sets R[KEY] and R[KEY.rc/.secs].
reload_under_load() { # key port command...
  local key="$1" port="$2" rc t0 t1; shift 2
  ( sleep "$reload_at"; start=$EPOCHREALTIME; "$@" > "$work/$key.out" 2>&1; echo "$? $start $EPOCHREALTIME" > "$work/$key.rc" ) &
  R[$key]="$(load "$port" "$reload_duration")"
  wait
  read -r rc t0 t1 < "$work/$key.rc"
  R[$key.rc]="$rc"
  R[$key.secs]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
}

# The copy floor: N instances on private ports behind HAProxy in tcp mode, a thread per core. They run in a session of
# their own, as a manager's daemon and its instances do: with the kernel's autogroup scheduling the CPU is shared
# between sessions first, so the floor competes with wrk as jpm and PM2 do (decision 0038). Their pids go to a file.
start_haproxy() { # port
  local i ports="" servers=""
  for ((i = 0; i < instances; i++)); do
    ports+=" $(free_port)"
    servers+="  server s$i 127.0.0.1:${ports##* }"$'\n'
  done
  cat > "$work/haproxy.cfg" <<EOF
global
  nbthread $(nproc)
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend front
  bind 127.0.0.1:$1
  default_backend instances
backend instances
  balance roundrobin
$servers
EOF
  # shellcheck disable=SC2016
  setsid bash -c 'for port in $5; do PORT=$port node "$1" > /dev/null 2>&1 & echo $! >> "$2"; done
    echo $$ >> "$2"; exec "$3" -db -f "$4"' _ "$work/server.js" "$work/haproxy.pids" "$(haproxy_bin)" \
    "$work/haproxy.cfg" "$ports" > "$work/haproxy.out" 2>&1 < /dev/null &
}

log "building / starting jpm"
"$jpm" ping > /dev/null 2>&1 || { log "jpm ping failed"; exit 1; }
alone_port="$(free_port)" handoff_port="$(free_port)" balancer_port="$(free_port)" pm2_port="$(free_port)"
haproxy_port="$(free_port)"
PORT="$alone_port" node "$work/server.js" > /dev/null 2>&1 &
alone_pid=$!
[ "$with_haproxy" = 1 ] && start_haproxy "$haproxy_port"
jpm_ecosystem "$instances" "$handoff_port" "$balancer_port"
"$jpm" apply "$work/ecosystem.yaml" > "$work/jpm-apply.out" 2>&1 || { log "jpm apply failed"; cat "$work/jpm-apply.out" >&2; exit 1; }
# Each side must run on the plane its name says, or the comparison measures something else.
[[ "$("$jpm" show handoff 2>&1)" == *"one socket jpm holds"* ]] || { log "handoff is not on the hand-off"; exit 1; }
[[ "$("$jpm" show balancer 2>&1)" == *"balanced by jpm"* ]] || { log "balancer is not on the balancer"; exit 1; }
if [ "$with_pm2" = 1 ]; then
  pm2_ecosystem "$instances" "$pm2_port"
  pm2_cli start "$work/pm2.config.js" > "$work/pm2-start.out" 2>&1 || { log "pm2 start failed"; cat "$work/pm2-start.out" >&2; exit 1; }
fi
for p in "$alone_port" "$handoff_port" "$balancer_port" $([ "$with_pm2" = 1 ] && echo "$pm2_port") \
    $([ "$with_haproxy" = 1 ] && echo "$haproxy_port"); do
  wait_http "$p" || { log "nothing answers on $p"; exit 1; }
done
sleep 1

port_of() {
  case "$1" in alone) echo "$alone_port" ;; handoff) echo "$handoff_port" ;; balancer) echo "$balancer_port" ;;
    pm2) echo "$pm2_port" ;; haproxy) echo "$haproxy_port" ;; esac
}
for ((round = 1; round <= pairs; round++)); do
  log "throughput round $round/$pairs, load average $(loadavg): wrk -t2 -c$connections -d${duration}s each"
  for side in alone handoff pm2 balancer haproxy; do
    [ "$side" = pm2 ] && [ "$with_pm2" = 0 ] && continue
    [ "$side" = haproxy ] && [ "$with_haproxy" = 0 ] && continue
    R[tp.$side.$round]="$(load "$(port_of "$side")" "$duration")"
    log "  $side: ${R[tp.$side.$round]}"
  done
done
kill "$alone_pid"; wait "$alone_pid" 2>/dev/null; alone_pid=""
[ "$with_haproxy" = 1 ] && kill $(cat "$work/haproxy.pids") 2>/dev/null

for ((round = 1; round <= pairs; round++)); do
  log "reload round $round/$pairs, load average $(loadavg): $verb ${reload_at}s into ${reload_duration}s of load"
  reload_under_load "rl.handoff.$round" "$handoff_port" "$jpm" "$verb" handoff
  log "  handoff: ${R[rl.handoff.$round]} (exit ${R[rl.handoff.$round.rc]}, ${R[rl.handoff.$round.secs]} s)"
  if [ "$with_pm2" = 1 ]; then
    reload_under_load "rl.pm2.$round" "$pm2_port" pm2_cli "$verb" bench
    log "  pm2: ${R[rl.pm2.$round]} (exit ${R[rl.pm2.$round.rc]}, ${R[rl.pm2.$round.secs]} s)"
  fi
  reload_under_load "rl.balancer.$round" "$balancer_port" "$jpm" "$verb" balancer
  log "  balancer: ${R[rl.balancer.$round]} (exit ${R[rl.balancer.$round.rc]}, ${R[rl.balancer.$round.secs]} s)"
done
"$jpm" delete all > /dev/null 2>&1
[ "$with_pm2" = 1 ] && pm2_cli delete bench > /dev/null 2>&1
[ "$with_java" = 1 ] && run_java

# wrk's latency with its unit (12.3us, 4.5ms, 1.2s) in ms.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.3f", n }'; }
field() { # key rps|p99|failed
  local a b c d
  read -r a b c d <<< "${R[$1]:-}"
  [ -n "$a" ] || return 0
  case "$2" in rps) echo "$a" ;; p99) ms "$b" ;; failed) echo $((c + d)) ;; esac
}
# Medians over the rounds: of a field of one side, and of its ratio to PM2's in the same round.
median_of() { # side field prefix
  local r v=()
  for ((r = 1; r <= pairs; r++)); do v+=("$(field "$3.$1.$r" "$2")"); done
  median "${v[@]}"
}
median_ratio() { # side field prefix
  local r v=() a b
  for ((r = 1; r <= pairs; r++)); do
    a="$(field "$3.$1.$r" "$2")" b="$(field "$3.pm2.$r" "$2")"
    [ -n "$a" ] && [ -n "$b" ] && v+=("$(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.3f", a / b }')")
  done
  median "${v[@]}"
}
median_secs() { local r v=(); for ((r = 1; r <= pairs; r++)); do v+=("${R[rl.$1.$r.secs]:-}"); done; median "${v[@]}"; }
secs_ratio() {
  local r v=()
  for ((r = 1; r <= pairs; r++)); do
    v+=("$(awk -v a="${R[rl.$1.$r.secs]:-0}" -v b="${R[rl.pm2.$r.secs]:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b }')")
  done
  median "${v[@]}"
}
# Failed requests of every reload round of a side, plus one per reload that did not exit 0.
failed_total() {
  local r n=0
  for ((r = 1; r <= pairs; r++)); do
    n=$((n + $(field "rl.$1.$r" failed || echo 0) + (${R[rl.$1.$r.rc]:-1} != 0)))
  done
  echo "$n"
}
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "") { print "not run"; exit } ok = op == ">=" ? v + 0 >= t : v + 0 <= t; print ok ? "pass" : "FAIL" }'; }
label_of() {
  case "$1" in alone) echo "node alone (no manager)" ;; handoff) echo "jpm x$instances, hand-off (default)" ;;
    balancer) echo "jpm x$instances, balancer (copy)" ;; pm2) echo "PM2 cluster x$instances" ;;
    haproxy) echo "HAProxy x$instances (copy floor)" ;; esac
}

echo
echo "wrk -t2 -c$connections on loopback, $(nproc) cores, $instances instances each, the same Node server everywhere;"
echo "$pairs interleaved rounds of ${duration}s each, medians; reloads: $verb ${reload_at}s into ${reload_duration}s, jpm max_surge $max_surge"
echo "load average at the end: $(loadavg)"
printf '%-32s %10s %9s %12s %10s\n' "throughput" "req/s" "p99 ms" "req/s / PM2" "p99 / PM2"
for side in alone handoff balancer haproxy pm2; do
  [ "$side" = pm2 ] && [ "$with_pm2" = 0 ] && continue
  [ "$side" = haproxy ] && [ "$with_haproxy" = 0 ] && continue
  printf '%-32s %10s %9s %12s %10s\n' "$(label_of "$side")" "$(median_of "$side" rps tp)" "$(median_of "$side" p99 tp)" \
    "$([ "$with_pm2" = 1 ] && median_ratio "$side" rps tp)" "$([ "$with_pm2" = 1 ] && median_ratio "$side" p99 tp)"
done
echo
printf '%-32s %10s %9s %8s %8s %11s\n' "$verb under load" "req/s" "p99 ms" "failed" "secs" "secs / PM2"
for side in handoff balancer pm2; do
  [ "$side" = pm2 ] && [ "$with_pm2" = 0 ] && continue
  printf '%-32s %10s %9s %8s %8s %11s\n' "$(label_of "$side")" "$(median_of "$side" rps rl)" "$(median_of "$side" p99 rl)" \
    "$(failed_total "$side")" "$(median_secs "$side")" "$([ "$with_pm2" = 1 ] && secs_ratio "$side")"
done
echo
echo "targets (issue 18; medians of the per-round ratios to PM2):"
if [ "$with_pm2" = 1 ]; then
  v="$(median_ratio handoff rps tp)"; echo "  hand-off throughput / PM2 >= 1.1: $v $(verdict "$v" ">=" 1.1)"
  v="$(median_ratio handoff p99 tp)"; echo "  hand-off p99 / PM2 <= 1.0: $v $(verdict "$v" "<=" 1.0)"
  v="$(median_ratio balancer rps tp)"; floor=""
  [ "$with_haproxy" = 1 ] && floor=" (copy floor, HAProxy / PM2: $(median_ratio haproxy rps tp))"
  echo "  balancer throughput / PM2 >= 1.0: $v $(verdict "$v" ">=" 1.0)$floor"
  v="$(secs_ratio handoff)"; echo "  hand-off $verb time / PM2 <= 1.0: $v $(verdict "$v" "<=" 1.0)"
fi
v="$(failed_total handoff)"; echo "  hand-off $verb, failed requests and reloads = 0: $v $(verdict "$v" "<=" 0)"
v="$(failed_total balancer)"; echo "  balancer $verb, failed requests and reloads = 0: $v $(verdict "$v" "<=" 0)"

row() { # label key
  local v="${R[$2]:-}"
  if [ -z "$v" ]; then printf '%-34s %12s\n' "$1" "not run"; return; fi
  read -r rps p99 errors non2xx <<< "$v"
  printf '%-34s %12s %10s %8s %8s %s\n' "$1" "$rps" "$p99" "$errors" "$non2xx" "${3:-}"
}
if [ "$with_java" = 1 ]; then
  echo
  echo "the copy-free path: a Java server (SO_REUSEPORT when JPM_REUSEPORT=1), 2 instances"
  printf '%-34s %12s %10s %8s %8s\n' "" "req/s" "p99" "errors" "non-2xx"
  row "java alone (no manager)" java.alone
  row "jpm balancer x2 (copy)" java.jpm.false
  row "jpm reuse_port x2 (no copy)" java.jpm.true
  row "jpm reload, balancer x2" java.reload.false "(exit ${R[java.reload.false.rc]:-?}, ${R[java.reload.false.secs]:-?} s)"
  row "jpm reload, reuse_port x2" java.reload.true "(exit ${R[java.reload.true.rc]:-?}, ${R[java.reload.true.secs]:-?} s)"
fi
