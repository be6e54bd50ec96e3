#!/usr/bin/env bash
# Cluster benchmark: jpm's balancer and rolling reload against PM2 cluster mode, with wrk on loopback.
#
#   bash bench/cluster.sh [--duration S] [--reload-at S] [--connections N] [--max-surge N] [--verb reload|restart]
#                         [--no-pm2] [--no-java] [--jpm PATH] [--keep]
#
# One tiny Node HTTP server (written to a temp folder; it reads PORT and, on SIGINT, answers with "Connection:
# close" from then on, a second later stops listening and closes what is still idle, then exits) runs:
#   - alone, one process, no manager: the baseline;
#   - under jpm, exec_mode cluster x2: wrk -> jpm's front port -> an instance's private port;
#   - under PM2 7.0.4, cluster mode x2 (Node's cluster module shares the port).
# Prints req/s and p99 latency of each (wrk -t2 -cN -dS), then for jpm and PM2 with 2 and 4 instances a reload
# under the same load, --reload-at seconds in: req/s, p99, socket errors and non-2xx answers (targets: 0 errors);
# --max-surge sets jpm's max_surge (default 1: one replacement at a time; 2 replaces x4 two at a time); --verb restart
# runs `jpm restart` / `pm2 restart` instead (downtime per instance, but jpm drains each one before its stop signal).
# Then the copy-free path, which Node 20 cannot use (no SO_REUSEPORT): a small Java HTTP server (same graceful
# stop) alone, behind jpm's balancer x2, and with `reuse_port: true` x2 (the instances share the port, the kernel
# spreads connections, no byte goes through jpm), each with a reload under load.
#
# Nothing outside a temp folder is touched: JPM_HOME and PM2_HOME are private, PM2 gets a temp HOME, and the EXIT
# trap stops both daemons and every app process of this run, by pid only.
set -uo pipefail
export LC_ALL=C

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$here/lib.sh"
duration=20 reload_at=5 connections=32 max_surge=1 verb=reload with_pm2=1 with_java=1 keep=0
jpm="$here/../jpm"

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --reload-at) reload_at="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --max-surge) max_surge="$2"; shift 2 ;;
    --verb) verb="$2"; shift 2 ;;
    --no-java) with_java=0; shift ;;
    *) bench_option "$@"; shift "$bench_shift" ;;
  esac
done
case "$verb" in reload|restart) ;; *) echo "cluster.sh: --verb is reload or restart, not $verb" >&2; exit 2 ;; esac
bench_resolve_jpm
command -v node > /dev/null || { echo "cluster.sh: needs node" >&2; exit 2; }
if ! command -v wrk > /dev/null; then
  echo "cluster.sh: installing wrk (Debian package)" >&2
  { apt-get install -y wrk || sudo apt-get install -y wrk; } > /dev/null 2>&1 || { echo "cluster.sh: needs wrk" >&2; exit 2; }
fi
bench_locate_pm2

bench_make_work jpm-bench-cluster pm2

# The app processes of this run: their command line names this run's server.js (or its Java Server class).
run_pids() { bench_pids_naming "$work/server.js" "-cp $work Server"; }

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

jpm_ecosystem() { # instances port
  cat > "$work/ecosystem.yaml" <<EOF
apps:
  - name: bench
    script: $work/server.js
    interpreter: node
    exec_mode: cluster
    instances: $1
    port: $2
    host: 127.0.0.1
    min_uptime: 500ms
    listen_timeout: 10s
    kill_timeout: 5s
    drain_timeout: 2s
    max_surge: $max_surge
EOF
}

pm2_ecosystem() { # instances port
  cat > "$work/pm2.config.js" <<EOF
module.exports = { apps: [{ name: 'bench', script: '$work/server.js', exec_mode: 'cluster', instances: $1,
  env: { PORT: '$2' }, kill_timeout: 5000, listen_timeout: 10000 }] };
EOF
}

run_alone() {
  local port; port="$(free_port)"
  PORT="$port" node "$work/server.js" > /dev/null 2>&1 &
  alone_pid=$!
  wait_http "$port" || { log "node alone did not answer"; return; }
  log "node alone: wrk -t2 -c$connections -d${duration}s"
  R[alone]="$(load "$port" "$duration")"
  kill "$alone_pid"; wait "$alone_pid" 2>/dev/null; alone_pid=""
}

run_jpm() { # instances
  local n="$1" port; port="$(free_port)"
  jpm_ecosystem "$n" "$port"
  "$jpm" apply "$work/ecosystem.yaml" > "$work/jpm-apply.out" 2>&1 || { log "jpm apply failed"; cat "$work/jpm-apply.out" >&2; return; }
  wait_http "$port" || { log "jpm front port did not answer"; return; }
  if [ "$n" = 2 ]; then
    log "jpm cluster x$n: throughput"
    R[jpm.tp]="$(load "$port" "$duration")"
  fi
  log "jpm cluster x$n: reload $reload_at s into ${duration}s of load"
  ( sleep "$reload_at"; start=$EPOCHREALTIME; "$jpm" "$verb" bench > "$work/jpm-reload.out" 2>&1; echo "$? $start $EPOCHREALTIME" > "$work/jpm-reload.rc" ) &
  R[jpm.reload.$n]="$(load "$port" "$duration")"
  wait
  read -r rc t0 t1 < "$work/jpm-reload.rc"
  R[jpm.reload.$n.rc]="$rc"
  R[jpm.reload.$n.secs]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  "$jpm" delete bench > /dev/null 2>&1
}

run_pm2() { # instances
  local n="$1" port; port="$(free_port)"
  pm2_ecosystem "$n" "$port"
  pm2_cli start "$work/pm2.config.js" > "$work/pm2-start.out" 2>&1 || { log "pm2 start failed"; return; }
  wait_http "$port" || { log "pm2 did not answer"; return; }
  sleep 1
  if [ "$n" = 2 ]; then
    log "PM2 cluster x$n: throughput"
    R[pm2.tp]="$(load "$port" "$duration")"
  fi
  log "PM2 cluster x$n: reload $reload_at s into ${duration}s of load"
  ( sleep "$reload_at"; start=$EPOCHREALTIME; pm2_cli "$verb" bench > "$work/pm2-reload.out" 2>&1; echo "$? $start $EPOCHREALTIME" > "$work/pm2-reload.rc" ) &
  R[pm2.reload.$n]="$(load "$port" "$duration")"
  wait
  read -r rc t0 t1 < "$work/pm2-reload.rc"
  R[pm2.reload.$n.rc]="$rc"
  R[pm2.reload.$n.secs]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
  pm2_cli delete bench > /dev/null 2>&1
}

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

log "building / starting jpm"
"$jpm" ping > /dev/null 2>&1 || { log "jpm ping failed"; exit 1; }
run_alone
run_jpm 2
run_jpm 4
if [ "$with_pm2" = 1 ]; then
  run_pm2 2
  run_pm2 4
fi
[ "$with_java" = 1 ] && run_java

row() { # label key
  local v="${R[$2]:-}"
  if [ -z "$v" ]; then printf '%-34s %12s\n' "$1" "not run"; return; fi
  read -r rps p99 errors non2xx <<< "$v"
  printf '%-34s %12s %10s %8s %8s %s\n' "$1" "$rps" "$p99" "$errors" "$non2xx" "${3:-}"
}
echo
echo "wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores; the same Node server everywhere; jpm max_surge $max_surge"
printf '%-34s %12s %10s %8s %8s\n' "" "req/s" "p99" "errors" "non-2xx"
row "node alone (no manager)" alone
row "jpm cluster x2 (balancer)" jpm.tp
row "PM2 cluster x2" pm2.tp
for n in 2 4; do
  row "jpm $verb x$n" "jpm.reload.$n" "(exit ${R[jpm.reload.$n.rc]:-?}, ${R[jpm.reload.$n.secs]:-?} s)"
  [ "$with_pm2" = 1 ] && row "PM2 $verb x$n" "pm2.reload.$n" "(exit ${R[pm2.reload.$n.rc]:-?}, ${R[pm2.reload.$n.secs]:-?} s)"
done
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
