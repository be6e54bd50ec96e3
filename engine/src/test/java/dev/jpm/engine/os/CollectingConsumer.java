package dev.jpm.engine.os;

import dev.jpm.engine.logs.StreamConsumer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps everything a stream delivered, and counts its ends (the contract says exactly one). */
class CollectingConsumer implements StreamConsumer {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicInteger ends = new AtomicInteger();

  @Override
  public synchronized void write(byte[] chunk, int offset, int length) {
    bytes.write(chunk, offset, length);
  }

  @Override
  public void quiet() {}

  @Override
  public void end() {
    ends.incrementAndGet();
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  int ends() {
    return ends.get();
  }
}
