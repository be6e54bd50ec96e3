package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProcessListTest {

  final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);

  @Test
  void listsProcessesButNotThreads() throws Exception {
    long self = ProcessHandle.current().pid();
    Thread thread = Thread.ofPlatform().start(() -> {});
    thread.join();

    long[] pids = ProcessList.pids(buffer);

    assertThat(pids).contains(self, ProcessHandle.current().parent().orElseThrow().pid());
    assertThat(pids.length).as("every process, read in several batches of a small buffer")
        .isCloseTo((int) ProcessHandle.allProcesses().count(), org.assertj.core.data.Offset.offset(20));
    long[] threads = Arrays.stream(new java.io.File("/proc/self/task").list()).mapToLong(Long::parseLong)
        .filter(tid -> tid != self).toArray();
    assertThat(pids).doesNotContain(threads);
  }

  @Test
  void theLastPidHandedOutMovesWhenAProcessStarts() throws Exception {
    try (ProcessList list = ProcessList.open()) {
      long before = list.lastCreated(buffer);
      Process child = new ProcessBuilder("true").start();
      child.waitFor();

      long after = list.lastCreated(buffer);

      assertThat(before).isPositive();
      assertThat(after).as("at least the child's pid was handed out since").isNotEqualTo(before);
    }
  }
}
