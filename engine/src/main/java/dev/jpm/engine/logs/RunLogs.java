package dev.jpm.engine.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log files of one run of an instance, opened before the process starts (a file that cannot be opened fails
 * the launch with the reason) and released by the consumers' {@link StreamConsumer#end()}. A stream with no
 * file to go to has no consumer: the child's stream then goes to {@code /dev/null} and costs nothing.
 */
public final class RunLogs {

  private final Optional<StreamConsumer> stdout;
  private final Optional<StreamConsumer> stderr;

  private RunLogs(Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Opens (creating folders) every file of {@code paths}. */
  public static RunLogs open(LogPaths paths) throws IOException {
    List<LogSink> opened = new ArrayList<>();
    try {
      boolean pipeOut = paths.out().isPresent() || paths.combined().isPresent();
      boolean pipeErr = paths.error().isPresent() || paths.combined().isPresent();
      int streams = (pipeOut ? 1 : 0) + (pipeErr ? 1 : 0);
      Optional<LogSink> out = open(paths.out(), 1, opened);
      Optional<LogSink> err = open(paths.error(), 1, opened);
      Optional<LogSink> combined = streams == 0 ? Optional.empty() : open(paths.combined(), streams, opened);
      return new RunLogs(
          pipeOut ? Optional.of(new FanOut(sinks(out, combined))) : Optional.empty(),
          pipeErr ? Optional.of(new FanOut(sinks(err, combined))) : Optional.empty());
    } catch (IOException | RuntimeException e) {
      opened.forEach(LogSink::release);
      throw e;
    }
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
        stderr);
  }

  /** The launch failed: no stream will ever end, so release the files here. */
  public void abandon() {
    stdout.ifPresent(StreamConsumer::end);
    stderr.ifPresent(StreamConsumer::end);
  }

  private static Optional<LogSink> open(Optional<Path> path, int writers, List<LogSink> opened) throws IOException {
    if (path.isEmpty()) return Optional.empty();
    LogSink sink = LogSink.open(path.get(), writers);
    opened.add(sink);
    return Optional.of(sink);
  }

  private static List<LogSink> sinks(Optional<LogSink> own, Optional<LogSink> combined) {
    List<LogSink> sinks = new ArrayList<>(2);
    own.ifPresent(sinks::add);
    combined.ifPresent(sinks::add);
    return List.copyOf(sinks);
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

  /** One stream into its own file and the combined one. */
  private record FanOut(List<LogSink> sinks) implements StreamConsumer {

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (LogSink sink : sinks) sink.write(bytes, offset, length);
    }

    @Override
    public void quiet() {
      sinks.forEach(LogSink::flush);
    }

    @Override
    public void end() {
      sinks.forEach(LogSink::flush);
      sinks.forEach(LogSink::release);
    }
  }
}
