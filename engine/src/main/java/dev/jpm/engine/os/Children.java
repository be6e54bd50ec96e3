package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spawns children with one {@code posix_spawn} each and watches all of them, their output and their exits, on
 * one event-loop thread. One per JVM ({@link #shared()}): the daemon runs one supervisor, tests run many in turn,
 * and all of them share the loop. Thread-safe.
 */
public final class Children {

  private static final System.Logger LOG = System.getLogger(Children.class.getName());
  private static final String OUT = "out";
  private static final String ERR = "err";

  private final EventLoop loop;

  private Children(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Stops reading and reaping for good (the daemon hands its children over to a successor); true when the loop
   * ended within {@code patience}.
   */
  public boolean stopWatching(java.time.Duration patience) throws InterruptedException {
    return loop.stop(patience);
  }

  /** The JVM's one instance; its loop thread starts on first use. */
  public static Children shared() {
    return Shared.INSTANCE;
  }

  /**
   * Starts {@code spec} leading its own process group. On success the loop owns the child: it calls each
   * consumer's {@code end()} exactly once and completes {@link Child#exit()}. On failure nothing was started and no
   * consumer was called.
   *
   * @throws IOException when the child could not be started (the message says why: missing program, bad cwd...)
   */
  public Child spawn(ChildSpec spec) throws IOException {
    Source out = null;
    Source err = null;
    int pid;
    try {
      out = source(spec.stdout(), spec.pipes());
      err = source(spec.stderr(), spec.pipes());
      pid = Spawn.start(spec.program(), spec.argv(), spec.env(), spec.cwd(), output(out), output(err), spec.listenFd(),
          spec.session());
    } catch (IOException | RuntimeException e) {
      discard(out);
      discard(err);
      throw e;
    }
    // The child holds its copies; ours would keep the pipes from ever ending.
    if (out != null) Pipe.close(out.writeFd());
    if (err != null) Pipe.close(err.writeFd());
    int pidfd = LibC.pidfdOpen(pid);
    if (pidfd < 0) {
      int errno = LibC.errno();
      LibC.kill(-pid, LibC.SIGKILL);
      LibC.waitpid(pid, new int[1], 0);
      discard(out);
      discard(err);
      throw new IOException("pidfd_open failed for " + spec.program() + ": " + LibC.describe(errno));
    }
    List<EventLoop.Stream> streams = new ArrayList<>(2);
    if (out != null) streams.add(new EventLoop.Stream(out.readFd(), spec.stdout().orElseThrow(), named(out, pid, OUT)));
    if (err != null) streams.add(new EventLoop.Stream(err.readFd(), spec.stderr().orElseThrow(), named(err, pid, ERR)));
    return loop.watch(pid, pidfd, streams, spec.drainTimeoutMs());
  }

  /**
   * Watches a process another daemon started with {@code pipes} (see {@link ChildSpec#pipes()}) and that outlived
   * it: reads on from its named pipes what it wrote, also while nobody read, into {@code stdout} and {@code stderr},
   * and completes the exit when it ends. Not our child, so its exit status cannot be read: it is unknown.
   *
   * @throws IOException when a pipe a consumer needs is missing or the process is gone; nothing is watched then
   */
  public Child adopt(long pid, Path pipes, Optional<StreamConsumer> stdout, Optional<StreamConsumer> stderr,
      long drainTimeoutMs) throws IOException {
    List<EventLoop.Stream> streams = new ArrayList<>(2);
    try {
      if (stdout.isPresent()) streams.add(reopen(pipes, pid, OUT, stdout.get()));
      if (stderr.isPresent()) streams.add(reopen(pipes, pid, ERR, stderr.get()));
    } catch (IOException e) {
      streams.forEach(stream -> Pipe.close(stream.fd()));
      throw e;
    }
    int pidfd = LibC.pidfdOpen(pid);
    if (pidfd < 0) {
      int errno = LibC.errno();
      streams.forEach(stream -> Pipe.close(stream.fd()));
      throw new IOException("pidfd_open failed for pid " + pid + ": " + LibC.describe(errno));
    }
    return loop.watch((int) pid, pidfd, streams, drainTimeoutMs);
  }

  /** The pipes of {@code pid}'s streams in {@code folder} (existing or not). */
  public static List<Path> pipesOf(Path folder, long pid) {
    return List.of(Fifo.of(folder, pid, OUT), Fifo.of(folder, pid, ERR));
  }

  private static EventLoop.Stream reopen(Path pipes, long pid, String stream, StreamConsumer consumer)
      throws IOException {
    Path path = Fifo.of(pipes, pid, stream);
    return new EventLoop.Stream(Fifo.openReadEnd(path), consumer, path);
  }

  private static Source source(Optional<StreamConsumer> consumer, Optional<Path> pipes) throws IOException {
    if (consumer.isEmpty()) return null;
    if (pipes.isPresent()) {
      Fifo.Opened fifo = Fifo.create(pipes.get());
      return new Source(fifo.readFd(), -1, fifo.path());
    }
    Pipe pipe = Pipe.open();
    return new Source(pipe.readFd(), pipe.writeFd(), null);
  }

  private static Spawn.Output output(Source source) {
    if (source == null) return Spawn.Output.DEV_NULL;
    return source.fifo() != null ? Spawn.Output.fifo(source.fifo()) : Spawn.Output.pipe(source.writeFd());
  }

  /** The FIFO gets its pid name; a failure only costs the next daemon its chance to adopt this child. */
  private static Path named(Source source, int pid, String stream) {
    if (source.fifo() == null) return null;
    try {
      return Fifo.name(source.fifo(), pid, stream);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not name the pipe of pid " + pid + ": " + e);
      return source.fifo();
    }
  }

  private static void discard(Source source) {
    if (source == null) return;
    Pipe.close(source.readFd());
    Pipe.close(source.writeFd());
    if (source.fifo() != null) {
      try {
        Files.deleteIfExists(source.fifo());
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not remove pipe " + source.fifo() + ": " + e);
      }
    }
  }

  /** The read end of one stream and what the child writes into: a pipe's write end, or a FIFO's path. */
  private record Source(int readFd, int writeFd, Path fifo) {}

  /** Lazy holder: the loop thread exists only in a JVM that spawns something. */
  private static final class Shared {
    static final Children INSTANCE = create();

    private static Children create() {
      try {
        return new Children(EventLoop.start("jpm-event-loop"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the event loop", e);
      }
    }
  }
}
