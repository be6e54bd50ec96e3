package dev.jpm.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.cli.Main;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AotTrainCommandTest {

  @Test
  void theTrainingRunWalksEveryTrainedVerbToItsEndAgainstItsStandInDaemon() {
    // The command itself checks each verb's exit code: 0 means every path ran through, rendering included.
    assertThat(Main.commandLine(Map.of()).execute("aot-train")).isZero();
  }
}
