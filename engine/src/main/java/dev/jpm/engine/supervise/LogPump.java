package dev.jpm.engine.supervise;

import dev.jpm.engine.logs.StreamConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * Copies one child stream (stdout or stderr) into its consumer on its own small platform thread: a blocking pipe
 * read pins a carrier thread anyway, and 256 KiB stacks keep fifty children cheap. Writes are buffered and flushed
 * whenever the pipe has nothing more to give, so bursts are cheap and nothing waits in a buffer once the child
 * goes quiet; at end of stream everything, including a partial last line, is flushed.
 */
final class LogPump implements Runnable {

  private static final System.Logger LOG = System.getLogger(LogPump.class.getName());
  private static final long STACK_BYTES = 256 * 1024;

  private final String name;
  private final InputStream in;
  private final StreamConsumer consumer;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private LogPump(String name, InputStream in, StreamConsumer consumer) {
    this.name = name;
    this.in = in;
    this.consumer = consumer;
  }

  /** Starts pumping {@code in} into {@code consumer}, which is told when the stream ends. */
  static LogPump start(String name, InputStream in, StreamConsumer consumer) {
    LogPump pump = new LogPump(name, in, consumer);
    Thread.ofPlatform().name(name).daemon().stackSize(STACK_BYTES).start(pump);
    return pump;
  }

  /** Completes once the stream reached its end and everything read is in the files. */
  CompletableFuture<Void> drained() {
    return drained;
  }

  @Override
  public void run() {
    // A fast writer fills the 64 KiB pipe between two reads: larger reads mean fewer syscalls and context
    // switches for it; 32 KiB keeps a hundred pumps' buffers small.
    byte[] buffer = new byte[32 * 1024];
    try (in) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        consumer.write(buffer, 0, read);
        // A pipe read returns what the pipe held: less than asked means it is empty now (no FIONREAD syscall).
        if (read < buffer.length) consumer.quiet();
      }
    } catch (IOException e) {
      // The pipe closes under us when the process's streams are torn down; what was read is still written below.
      LOG.log(System.Logger.Level.DEBUG, name + ": stream ended with " + e);
    } finally {
      consumer.end();
      drained.complete(null);
    }
  }
}
