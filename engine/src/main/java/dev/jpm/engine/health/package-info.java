/**
 * Readiness: whether an instance's process may take traffic. A process is ready once it has been up for
 * {@code min_uptime} and, where the app says how, its port accepts a connection, its {@code health_check} passes
 * the required number of times in a row, its stdout said {@code ready_pattern}, and (a Node app with {@code
 * wait_ready}) it called {@code process.send('ready')}, all within {@code listen_timeout}. After ready, a failing
 * health check takes it out of traffic (and may restart it).
 * {@link dev.jpm.engine.health.ReadinessTracker} watches the supervisor and tells listeners; it never starts or
 * stops a process itself except for the configured restart after repeated failures.
 */
package dev.jpm.engine.health;
