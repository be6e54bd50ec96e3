/**
 * The operating system under the supervisor (Linux, through JNA): {@link dev.jpm.engine.os.Children} spawns each
 * child with one {@code posix_spawn} (its own session, stdin on {@code /dev/null}, stdout/stderr on pipes or
 * {@code /dev/null}, an explicit environment and cwd) and watches every child's pipes and exit on ONE epoll thread,
 * handing the raw bytes of each stream to its {@link dev.jpm.engine.logs.StreamConsumer}. What to run and what an
 * exit means is decided elsewhere ({@code supervise}); this package only starts, reads and reaps.
 */
package dev.jpm.engine.os;
