package dev.jpm.cli.client;

import dev.jpm.engine.config.EcosystemFiles;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Class initialisation that every verb talking to the daemon pays, done on the second core while the main thread
 * builds the command line, instead of on the main thread when it first needs it. Two static initialisers dominate:
 * the JDK's Unix-domain sockets ({@code sun.nio.ch.UnixDomainSockets} sets up a {@code SecureRandom} for auto-bind
 * names a client never uses) and {@link java.math.BigDecimal}, which Jackson's parser initialises and whose JDK 25
 * initialiser computes 5^65536 in the interpreter. Neither work is skipped, only moved: CPU time is the same, the
 * main thread's path shorter (docs/decisions/0033-cli-start-up-on-the-one-path.md has the figures). A verb that
 * reads apps (a file or the command line) has the schema's validator built first, while the main thread parses. If
 * the main thread gets there first, it waits for the class initialisation in progress, as the JVM makes it.
 */
public final class WarmUp {

  /** A frame as the daemon sends it: decoding it initialises the parser and the protocol's reader of answers. */
  private static final byte[] PROGRESS =
      ("{\"type\":\"progress\",\"line\":\"\",\"v\":" + Wire.VERSION + "}").getBytes(StandardCharsets.UTF_8);

  private WarmUp() {}

  /**
   * Starts the warm-up on a daemon thread; it never fails the command.
   *
   * @param apps whether the verb reads apps: the schema's validator is built first
   * @param daemon whether the verb talks to the daemon: the socket and the protocol's decoder are initialised
   */
  public static Thread start(boolean apps, boolean daemon) {
    return Thread.ofPlatform().name("jpm-warm-up").daemon().start(() -> {
      try {
        if (apps) EcosystemFiles.prepare();
        if (daemon) run();
      } catch (IOException | RuntimeException ignored) {
        // Only a warm-up: the real request is sent, and any problem reported, on the main thread.
      }
    });
  }

  /** The warm-up itself: opens and closes a Unix-domain channel, decodes a frame; returns what it decoded. */
  static Response run() throws IOException {
    UnixSockets.open().close();
    return Wire.decode(PROGRESS, Response.class);
  }
}
