package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcEnvironTest {

  @Test
  void readsTheEnvironmentARunningChildWasStartedWith() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().clear();
    builder.environment().put("GREETING", "hello=world");
    builder.environment().put("EMPTY", "");
    Process child = builder.start();
    try {
      assertThat(ProcEnviron.of(child.pid())).containsExactlyInAnyOrderEntriesOf(
          java.util.Map.of("GREETING", "hello=world", "EMPTY", ""));
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void aProcessThatIsGoneHasNoEnvironment() throws Exception {
    Process child = new ProcessBuilder("true").start();
    child.waitFor();
    assertThat(ProcEnviron.of(child.pid())).isEmpty();
  }

  @Test
  void entriesWithoutAnEqualsSignAreSkippedAndTheFirstOfTwoWins() {
    byte[] block = "A=1\0junk\0B=x=y\0A=2\0".getBytes(StandardCharsets.UTF_8);
    assertThat(ProcEnviron.parse(block)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("A", "1", "B", "x=y"));
  }
}
