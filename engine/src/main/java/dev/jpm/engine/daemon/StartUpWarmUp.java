package dev.jpm.engine.daemon;

import dev.jpm.engine.os.Children;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's start-up is one thread loading classes in turn, on a machine with a second core. Two pieces that the
 * first answer needs and that depend on nothing the main thread sets up run here instead, beside it: the native
 * binding with the event loop (JNA extracts and links its library, ~130 ms of a cold start) and the protocol's codec,
 * which the first request would otherwise initialise after the socket accepted it. Nothing is skipped, only moved:
 * when the main thread gets there first it waits for the class initialisation in progress, as the JVM makes it
 * (decision 0036).
 */
final class StartUpWarmUp {

  private static final byte[] PING =
      ("{\"type\":\"ping\",\"v\":" + Wire.VERSION + "}").getBytes(StandardCharsets.UTF_8);

  private StartUpWarmUp() {}

  /** Starts the warm-up on a daemon thread; it never fails the daemon (the real use reports any problem). */
  static void start() {
    Thread.ofPlatform().name("jpm-warm-up").daemon().start(() -> {
      try {
        Children.shared();
        Wire.decode(PING, Request.class);
        Wire.write(new ByteArrayOutputStream(), new Response.Pong(Wire.VERSION, 0, 0, 0));
      } catch (IOException | RuntimeException | LinkageError ignored) {
        // Only a warm-up: the main thread meets the same problem where it is handled.
      }
    });
  }
}
