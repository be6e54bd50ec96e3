/**
 * Child process lifecycle: the {@link dev.jpm.engine.supervise.Supervisor} is the only mutator of the process
 * table. It launches each instance through a {@link dev.jpm.engine.supervise.ProcessLauncher} (the OS adapter
 * spawns it in a process group of its own through the {@code os} package, which hands its output to the consumers the
 * {@code logs} package gives it), applies the restart policy when it exits (a pure {@code RestartDecider}), and
 * stops it by signalling its whole process tree, escalating to SIGKILL after {@code kill_timeout}, so no orphan
 * survives. It also numbers instances with PM2's {@code pm_id} ({@code PmIds}): one number per instance for its
 * whole life, kept by restarts, by the replacement a reload promotes in its place and by a restored table. A Node
 * app is started with jpm's preload ({@code NodePreload}) and talks back over one Unix socket ({@code NodeChannel}):
 * its port behind the balancer, {@code process.send('ready')} and the {@code shutdown} message. After a daemon died,
 * {@code restore} adopts the instances that still run ({@code Takeover} decides, purely, what is adopted and what is
 * stopped) instead of restarting them.
 *
 * <p>Threading: the table is guarded by the supervisor's monitor, each instance's state by its own monitor, and
 * user acts on one instance are serialized. One timer thread runs restart delays and stop sequences; a small
 * cached pool processes exits (handed over by the {@code os} event loop once the output drained) and delayed
 * restarts; listeners run on one event thread. Nothing here reads a file format or decides what should run:
 * callers say which instances to start and stop.
 */
package dev.jpm.engine.supervise;
