package dev.jpm.engine.balance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The copy loops every front port shares, one per core up to four, each taking new pairs in turn. */
final class CopyLoops {

  private final List<CopyLoop> loops = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  CopyLoops(int count) {
    try {
      for (int i = 0; i < count; i++) loops.add(new CopyLoop("jpm-balance-" + i));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the balancer", e);
    }
  }

  static int defaultCount() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  void close() {
    loops.forEach(CopyLoop::close);
  }

  CopyLoop next() {
    return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
  }
}
