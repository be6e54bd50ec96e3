package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.protocol.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void itsFrameIsOneThisProtocolVersionDecodes() throws Exception {
    // A frame that no longer decoded would make the warm-up fail silently and warm nothing.
    assertThat(WarmUp.run()).isEqualTo(new Response.Progress(""));
  }

  @Test
  void itEndsOnItsOwnWithoutADaemon() throws Exception {
    Thread warmUp = WarmUp.start(true, true);

    assertThat(warmUp.isDaemon()).isTrue();
    assertThat(warmUp.join(Duration.ofSeconds(30))).isTrue();
  }
}
