package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.cli.client.LogFrame;
import dev.jpm.cli.client.TableFrame;
import dev.jpm.engine.protocol.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickTrainingTest {

  @Test
  void theStandInAnswersAreFramesTheQuickPathsUnderstand() {
    assertThat(TableFrame.rows(QuickTraining.TABLE.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(rows -> {
      assertThat(rows).extracting(row -> row.id()).containsExactly("api#0", "worker#0");
      assertThat(rows.get(0).memoryBytes()).isEqualTo(52_428_800L);
      assertThat(rows.get(1).lastExitCode()).isEqualTo(1);
    });
    assertThat(LogFrame.read(QuickTraining.LOG_BATCH.getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(frame -> assertThat(((Response.LogBatch) frame).lines()).hasSize(3));
    assertThat(LogFrame.read(QuickTraining.DONE.getBytes(StandardCharsets.UTF_8))).containsInstanceOf(Response.Done.class);
  }

  @Test
  void theTrainingRunWalksLsAndLogsOverARealSocket() throws Exception {
    assertThat(QuickTraining.run()).isEqualTo(ExitCode.OK);
  }
}
