package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spawns children with one {@code posix_spawn} each and watches all of them, their output and their exits, on
 * one event-loop thread. One per JVM ({@link #shared()}): the daemon runs one supervisor, tests run many in turn,
 * and all of them share the loop. Thread-safe.
 */
public final class Children {

  private final EventLoop loop;

  private Children(EventLoop loop) {
    this.loop = loop;
  }

  /** The JVM's one instance; its loop thread starts on first use. */
  public static Children shared() {
    return Shared.INSTANCE;
  }

  /**
   * Starts {@code spec} in its own session and process group. On success the loop owns the child: it calls each
   * consumer's {@code end()} exactly once and completes {@link Child#exit()}. On failure nothing was started and no
   * consumer was called.
   *
   * @throws IOException when the child could not be started (the message says why: missing program, bad cwd...)
   */
  public Child spawn(ChildSpec spec) throws IOException {
    Pipe out = null;
    Pipe err = null;
    int pid;
    try {
      out = pipeIf(spec.stdout());
      err = pipeIf(spec.stderr());
      pid = Spawn.start(spec.program(), spec.argv(), spec.env(), spec.cwd(), writeEnd(out), writeEnd(err));
    } catch (IOException | RuntimeException e) {
      closeBoth(out);
      closeBoth(err);
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
      if (out != null) Pipe.close(out.readFd());
      if (err != null) Pipe.close(err.readFd());
      throw new IOException("pidfd_open failed for " + spec.program() + ": " + LibC.describe(errno));
    }
    Map<Integer, StreamConsumer> streams = new LinkedHashMap<>();
    if (out != null) streams.put(out.readFd(), spec.stdout().orElseThrow());
    if (err != null) streams.put(err.readFd(), spec.stderr().orElseThrow());
    return loop.watch(pid, pidfd, streams, spec.drainTimeoutMs());
  }

  private static Pipe pipeIf(Optional<StreamConsumer> consumer) throws IOException {
    return consumer.isPresent() ? Pipe.open() : null;
  }

  private static int writeEnd(Pipe pipe) {
    return pipe == null ? -1 : pipe.writeFd();
  }

  private static void closeBoth(Pipe pipe) {
    if (pipe == null) return;
    Pipe.close(pipe.readFd());
    Pipe.close(pipe.writeFd());
  }

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
