package dev.jpm.engine.logs;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The log files of one run of an instance, opened before the process starts (a file that cannot be opened fails
 * the launch with the reason). Each consumer releases its files at its {@link StreamConsumer#end()}, and the run
 * holds them all until {@link #releaseHold()}: a crashed app's replacement then finds its files still open instead
 * of opening them again, which would stand between the crash and the new process. A stream with no file to go to
 * has no consumer: the child's stream then goes to {@code /dev/null} and costs nothing.
 */
public final class RunLogs {

  private final Optional<StreamConsumer> stdout;
  private final Optional<StreamConsumer> stderr;
  private final AtomicReference<Runnable> hold;

  RunLogs(Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, Runnable releaseHold) {
    this(stdout, stderr, new AtomicReference<>(releaseHold));
  }

  private RunLogs(Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr, AtomicReference<Runnable> hold) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.hold = hold;
  }

  /** Where stdout goes; empty to discard it. */
  public Optional<StreamConsumer> stdout() {
    return stdout;
  }

  /** Where stderr goes; empty to discard it. */
  public Optional<StreamConsumer> stderr() {
    return stderr;
  }

  /**
   * The same logs with {@code watcher} receiving stdout too (the supervisor looks there for an app's ready line);
   * stdout is then piped even when it is not logged.
   */
  public RunLogs alsoStdoutTo(StreamConsumer watcher) {
    return new RunLogs(Optional.of(stdout.<StreamConsumer>map(logged -> new Tee(logged, watcher)).orElse(watcher)),
        stderr, hold);
  }

  /**
   * The run's exit was decided (and any replacement opened its files): files no stream writes to any more close
   * now. Only the first call counts.
   */
  public void releaseHold() {
    Runnable release = hold.getAndSet(null);
    if (release != null) release.run();
  }

  /** The launch failed: no stream will ever end, so release the files here. */
  public void abandon() {
    stdout.ifPresent(StreamConsumer::end);
    stderr.ifPresent(StreamConsumer::end);
    releaseHold();
  }
  /** One stream to its files first, then to a watcher. */
  private record Tee(StreamConsumer first, StreamConsumer second) implements StreamConsumer {

    @Override
    public void write(byte[] bytes, int offset, int length) {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }

    @Override
    public void quiet() {
      first.quiet();
      second.quiet();
    }

    @Override
    public void end() {
      first.end();
      second.end();
    }
  }
}
