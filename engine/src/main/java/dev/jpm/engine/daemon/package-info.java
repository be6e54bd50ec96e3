/**
 * The composition root of the daemon: {@link dev.jpm.engine.daemon.JpmDaemon} wires config, planner,
 * reconciler and supervisor together, serves the protocol on an owner-only Unix socket and persists the process
 * table. Nothing else in the engine depends on this package.
 */
package dev.jpm.engine.daemon;
