'use strict';
// jpm's preload for Node apps, loaded with `node --require` before the app's own code (CommonJS or ESM entry
// point alike). It gives an app written for PM2 what PM2 gives it, with no change to the app:
//   - cluster mode: listen() on the app's port moves to this instance's private loopback port (JPM_PRIVATE_PORT),
//     since jpm's balancer owns the public port. The app's port is the declared one (JPM_APP_PORT) or, when the file
//     declares none, the port of the app's first TCP listen(), which the daemon is told (a line `!listen PORT`) so
//     its balancer listens there; any other listen() is untouched;
//   - socket activation (socket_activation, the default for a cluster app with a port): the daemon holds the app's
//     listening socket and every instance inherits it as fd 3 (LISTEN_FDS=1, LISTEN_PID = this process); listen()
//     on the app's port (JPM_APP_PORT) becomes listen({ fd: 3 }), so the instances accept from one socket and no
//     byte goes through jpm; the daemon is told (`!listen PORT`) once it listens, which makes the instance ready;
//   - process.send('ready') for wait_ready, and process.on('message') receiving 'shutdown' on stop
//     (shutdown_with_message), over a Unix socket to the daemon (JPM_NODE_CHANNEL, JPM_NODE_TOKEN), dialled again
//     when a daemon goes away, so the daemon that adopts the app speaks to it too.
// Why a socket the preload dials rather than Node's own IPC: docs/decisions/0001-node-preload.md.
// It must never break an app: every failure here is swallowed, and the channel never keeps the process alive.

const net = require('net');

const LOOPBACK = '127.0.0.1';

function portOf(value) {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : 0; // a path is NaN
}

// The TCP port a listen() call asks for; 0 for a handle, an fd, a path or an ephemeral port.
// Mirrors Node's own reading of listen(port[, host][, backlog][, callback]) and listen(options[, callback]).
function requestedPort(args) {
  const first = args[0];
  const port = first !== null && typeof first === 'object' ? portOf(first.port) : portOf(first);
  return Number.isInteger(port) && port > 0 ? port : 0;
}

// The arguments for the original listen(), moved to the private port.
function remap(args, privatePort) {
  const first = args[0];
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  let options;
  if (first !== null && typeof first === 'object') {
    options = Object.assign({}, first);
  } else {
    options = {};
    const backlog = [args[1], args[2]].find((arg) => typeof arg === 'number');
    if (backlog !== undefined) options.backlog = backlog;
  }
  // Loopback whatever host was asked: the balancer connects to 127.0.0.1, and 'localhost' may resolve to ::1.
  options.port = privatePort;
  options.host = LOOPBACK;
  delete options.ipv6Only;
  return callback ? [options, callback] : [options];
}

// appPort 0: the app's first listen() on a TCP port names it. report(port) runs once the server listens.
function movePort(appPort, privatePort, report) {
  let claimed = appPort;
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenBehindJpm(...args) {
    let mapped = null;
    try {
      const port = requestedPort(args);
      if (port > 0 && port !== privatePort && (claimed === 0 || port === claimed)) {
        claimed = port;
        mapped = remap(args, privatePort);
        this.once('listening', () => report(port));
      }
    } catch (ignored) {
      mapped = null;
    }
    return listen.apply(this, mapped || args);
  };
}

// The arguments for the original listen(), moved onto the inherited socket (fd 3): only the callback is kept, since
// the socket's address and backlog are the daemon's.
function onInherited(args) {
  const callback = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
  return callback ? [{ fd: INHERITED_FD }, callback] : [{ fd: INHERITED_FD }];
}

const INHERITED_FD = 3;

// Only the app's port, and only once: a second server on that port would share the socket in this process.
// report(port) runs once the server accepts from the socket: until then the daemon does not count the instance ready.
function inheritPort(appPort, report) {
  let taken = false;
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function listenOnInheritedSocket(...args) {
    let mapped = null;
    try {
      if (!taken && requestedPort(args) === appPort) {
        taken = true;
        mapped = onInherited(args);
        this.once('listening', () => report(appPort));
      }
    } catch (ignored) {
      mapped = null;
    }
    return listen.apply(this, mapped || args);
  };
}

let channelSocket = null;
let listenedPort = 0;

function reportListening(port) {
  listenedPort = port;
  if (channelSocket && !channelSocket.destroyed) channelSocket.write('!listen ' + port + '\n');
}

// A daemon that goes away (killed, or `jpm update` handing over) leaves its apps running; the next daemon adopts
// this process under the same token, so the channel dials again, less often the longer no daemon answers.
const REDIAL_FIRST_MS = 100;
const REDIAL_MAX_MS = 5000;

function openChannel(path, token) {
  let delay = REDIAL_FIRST_MS;
  function dial() {
    const socket = net.createConnection({ path });
    socket.unref(); // the app decides when it ends, never this channel
    socket.setEncoding('utf8');
    socket.on('error', () => {}); // a daemon that went away must not crash the app
    socket.write('jpm1 ' + token + '\n'); // queued until connected
    if (listenedPort > 0) socket.write('!listen ' + listenedPort + '\n'); // a new daemon may not know it yet
    let pending = '';
    socket.on('data', (chunk) => {
      delay = REDIAL_FIRST_MS; // a daemon that talks has taken this run
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        let message;
        try {
          message = JSON.parse(line);
        } catch (ignored) {
          continue;
        }
        process.emit('message', message); // as Node's IPC delivers it: process.on('message', m => m === 'shutdown')
      }
    });
    socket.on('connect', () => {
      delay = REDIAL_FIRST_MS;
    });
    socket.on('close', () => {
      if (channelSocket !== socket) return;
      setTimeout(dial, delay).unref();
      delay = Math.min(delay * 2, REDIAL_MAX_MS);
    });
    channelSocket = socket;
  }
  dial();
  process.send = function send(message, ...rest) {
    const callback = typeof rest[rest.length - 1] === 'function' ? rest[rest.length - 1] : undefined;
    let line;
    try {
      line = JSON.stringify(message);
    } catch (error) {
      if (callback) process.nextTick(callback, error);
      return false;
    }
    if (line !== undefined && channelSocket && !channelSocket.destroyed) channelSocket.write(line + '\n');
    if (callback) process.nextTick(callback, null);
    return true;
  };
}

(function preload() {
  try {
    const env = process.env;
    const appPort = Number(env.JPM_APP_PORT) || 0;
    const privatePort = Number(env.JPM_PRIVATE_PORT) || 0;
    // systemd's protocol: the socket is this process's only when LISTEN_PID is its pid; not passed on to children.
    const inherited = env.LISTEN_FDS === '1' && Number(env.LISTEN_PID) === process.pid;
    if (inherited) {
      delete env.LISTEN_FDS;
      delete env.LISTEN_PID;
      delete env.LISTEN_FDNAMES;
    }
    if (inherited && appPort > 0) inheritPort(appPort, reportListening);
    else if (privatePort > 0 && appPort !== privatePort) movePort(appPort, privatePort, reportListening);
    const channel = env.JPM_NODE_CHANNEL;
    const token = env.JPM_NODE_TOKEN;
    // Not passed on: a child the app starts (a cluster worker runs this preload too) must not speak for it.
    delete env.JPM_NODE_CHANNEL;
    delete env.JPM_NODE_TOKEN;
    // An app forked with Node's own IPC (a cluster worker, a child_process.fork) keeps its real process.send.
    if (channel && token && typeof process.send !== 'function') openChannel(channel, token);
  } catch (ignored) {
    // The app runs as it would without jpm.
  }
})();
