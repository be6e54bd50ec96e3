package dev.jpm.engine.os;

import java.util.concurrent.CompletableFuture;

/**
 * A child the event loop watches.
 *
 * @param pid its pid; it leads its own process group, so this is also its group id
 * @param exit completes on the event-loop thread once the child was reaped and its pipes drained (or the drain
 *     timeout passed): every byte it wrote before exiting has been handed to its consumers by then. Dependants
 *     that do more than a little work must run asynchronously
 */
public record Child(long pid, CompletableFuture<ChildExit> exit) {}
