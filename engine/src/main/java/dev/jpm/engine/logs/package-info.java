/**
 * Where a child's output goes: the files of one run of an instance ({@link dev.jpm.engine.logs.LogPaths}),
 * opened as {@link dev.jpm.engine.logs.RunLogs}, which hands the supervisor one
 * {@link dev.jpm.engine.logs.StreamConsumer} per piped stream. Whoever reads the child's pipes (the supervisor)
 * only moves bytes; everything about files, lines and formats lives here.
 */
package dev.jpm.engine.logs;
