/**
 * Where a child's output goes and who sees it. {@link dev.jpm.engine.logs.LogRouter} opens the files of one run
 * of an instance ({@link dev.jpm.engine.logs.LogPaths}) as {@link dev.jpm.engine.logs.RunLogs}, which hands the
 * supervisor one {@link dev.jpm.engine.logs.StreamConsumer} per piped stream; the writers cut chunks into whole
 * lines only where needed (combined and merged files, dates, JSON, live followers), rotate files in place,
 * count lines, bytes and losses per instance ({@link dev.jpm.engine.logs.LogStats}) and feed the live
 * {@link dev.jpm.engine.logs.LogBus}. Whoever reads the child's pipes (the supervisor) only moves bytes.
 */
package dev.jpm.engine.logs;
