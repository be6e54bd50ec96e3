/**
 * The composition root of the daemon: {@link dev.jpm.engine.daemon.JpmDaemon} wires config, planner,
 * reconciler and supervisor together, serves the protocol on an owner-only Unix socket and persists the process
 * table. What a verb's targets mean (all, names, NAME#INDEX, pm_ids, namespaces, regexes) is decided once, in
 * {@code Targets}, for every request. Nothing else in the engine depends on this package.
 */
package dev.jpm.engine.daemon;
