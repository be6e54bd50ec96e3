package dev.jpm.engine.supervise;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Copies one child stream (stdout or stderr) into its log sinks on its own small platform thread: a blocking pipe
 * read pins a carrier thread anyway, and 256 KiB stacks keep fifty children cheap. Writes are buffered and flushed
 * whenever the pipe has nothing more to give, so bursts are cheap and nothing waits in a buffer once the child
 * goes quiet; at end of stream everything, including a partial last line, is flushed. Later work (timestamps,
 * JSON lines, live tailing) extends this class.
 */
final class LogPump implements Runnable {

  private static final System.Logger LOG = System.getLogger(LogPump.class.getName());
  private static final long STACK_BYTES = 256 * 1024;

  private final String name;
  private final InputStream in;
  private final List<LogSink> sinks;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private LogPump(String name, InputStream in, List<LogSink> sinks) {
    this.name = name;
    this.in = in;
    this.sinks = List.copyOf(sinks);
  }

  /** Starts pumping {@code in} into {@code sinks}; each sink is released when the stream ends. */
  static LogPump start(String name, InputStream in, List<LogSink> sinks) {
    LogPump pump = new LogPump(name, in, sinks);
    Thread.ofPlatform().name(name).daemon().stackSize(STACK_BYTES).start(pump);
    return pump;
  }

  /** Completes once the stream reached its end and everything read is in the files. */
  CompletableFuture<Void> drained() {
    return drained;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (in) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        for (LogSink sink : sinks) sink.write(buffer, read);
        if (in.available() == 0) sinks.forEach(LogSink::flush);
      }
    } catch (IOException e) {
      // The pipe closes under us when the process's streams are torn down; what was read is still written below.
      LOG.log(System.Logger.Level.DEBUG, name + ": stream ended with " + e);
    } finally {
      sinks.forEach(LogSink::flush);
      sinks.forEach(LogSink::release);
      drained.complete(null);
    }
  }
}
