/**
 * The operating system under the supervisor (Linux, through JNA): {@link dev.jpm.engine.os.Children} spawns each
 * child with one {@code posix_spawn} (its own process group, stdin on {@code /dev/null}, stdout/stderr on pipes or
 * {@code /dev/null}, an explicit environment and cwd) and watches every child's pipes and exit on ONE epoll thread,
 * handing the raw bytes of each stream to its {@link dev.jpm.engine.logs.StreamConsumer}. The daemon's children
 * write into named pipes that outlive it, and a process a dead daemon started can be adopted: its pipes reopened,
 * its exit seen through a pidfd (see docs/decisions/0002-adopting-apps.md). What to run and what an exit means is
 * decided elsewhere ({@code supervise}); this package only starts, signals, reads and reaps. It holds jpm's one
 * libc binding ({@code LibC}).
 */
package dev.jpm.engine.os;
