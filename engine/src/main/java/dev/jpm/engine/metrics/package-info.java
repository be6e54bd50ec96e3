/**
 * Monitoring: samples CPU% and resident memory of every running instance <em>including all its descendants</em>
 * (through OSHI, reading again only the known trees' processes that ran since the previous sample, the machine's
 * process list only when a process was created), publishes an immutable {@link
 * dev.jpm.engine.metrics.MetricsSnapshot} that views read, restarts an instance whose tree crosses its {@code
 * max_memory_restart} at the sample that sees it, and serves the figures as Prometheus text when asked to.
 *
 * <p>Never mutates the process table itself: a memory restart goes through an {@link
 * dev.jpm.engine.metrics.InstanceRestarter} that the daemon wires to the one restart path.
 */
package dev.jpm.engine.metrics;
