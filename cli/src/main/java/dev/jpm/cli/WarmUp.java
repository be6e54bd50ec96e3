package dev.jpm.cli;

import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Class initialisation a quick verb needs for the daemon's answer, done on the second core now, while the main
 * thread connects and sends (the JDK's Unix sockets first set up its security providers: ~15 ms), instead of after
 * the answer came. If the warm-up is not done by then, the reader simply waits for the classes to be initialised.
 */
final class WarmUp {

  private WarmUp() {}

  /**
   * Jackson's streaming parser, which {@code ls} and {@code logs} read their answers with. Its first use initialises
   * {@link java.math.BigDecimal}, whose static initialiser alone takes ~10 ms in the interpreter.
   */
  static void jsonParser() {
    inBackground(() -> {
      try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), new byte[] {'0'})) {
        parser.nextToken();
      }
    });
  }

  /** The protocol's decoder of answers (the JSON binding, the response type names), which the other verbs use. */
  static void protocolDecoder() {
    inBackground(() -> Wire.CODEC.read(
        "{\"type\":\"progress\",\"line\":\"\"}".getBytes(StandardCharsets.UTF_8), Response.class));
  }

  private static void inBackground(Runnable work) {
    Thread.ofPlatform().name("jpm-warm-up").daemon().start(() -> {
      try {
        work.run();
      } catch (RuntimeException ignored) {
        // Only a warm-up: the real answer is decoded, and any problem reported, on the main thread.
      }
    });
  }
}
