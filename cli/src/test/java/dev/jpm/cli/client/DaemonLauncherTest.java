package dev.jpm.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.home.JpmHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the launcher script's claim ({@code JPM_DAEMON_STARTING=PID:HOME}) names, as the CLI reads it. */
class DaemonLauncherTest {

  private final JpmHome home = new JpmHome(Path.of("/tmp/jpm-claims/home"));
  private final long self = ProcessHandle.current().pid();

  @Test
  void aClaimNamesARunningProcessForThisHome() {
    assertThat(DaemonLauncher.startedByLauncher(self + ":/tmp/jpm-claims/home", home)).map(ProcessHandle::pid)
        .hasValue(self);
    assertThat(DaemonLauncher.startedByLauncher(self + ":/tmp/jpm-claims/home/", home)).isPresent();
  }

  @Test
  void aClaimForAnotherHomeOrWithoutAPidIsNotTaken() {
    assertThat(DaemonLauncher.startedByLauncher(self + ":/tmp/jpm-claims/other", home)).isEmpty();
    assertThat(DaemonLauncher.startedByLauncher("x:/tmp/jpm-claims/home", home)).isEmpty();
    assertThat(DaemonLauncher.startedByLauncher(":/tmp/jpm-claims/home", home)).isEmpty();
    assertThat(DaemonLauncher.startedByLauncher("/tmp/jpm-claims/home", home)).isEmpty();
    assertThat(DaemonLauncher.startedByLauncher(null, home)).isEmpty();
  }
}
