package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code jpm startup}/{@code unstartup} with systemd's own tools: the unit passes {@code systemd-analyze verify}
 * with nothing on stderr, and {@code systemctl --root} enables and disables it in an OS tree (no systemd runs as
 * PID 1 here, as on a CI machine).
 */
class StartupIT {

  @RegisterExtension final JpmHarness jpm = new JpmHarness();

  private Path root;
  private final Path launcher = Path.of("..", "jpm").toAbsolutePath().normalize();

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(jpm.work.resolve("os"));
    jpm.setEnv("JPM_LAUNCHER", launcher.toString());
  }

  @Test
  void aSystemUnitIsWrittenVerifiedEnabledAndRemoved() throws Exception {
    String me = System.getProperty("user.name");
    JpmHarness.Result startup = jpm.run("startup", "systemd", "--root", root.toString()).expectExit(0);

    Path unit = root.resolve("etc/systemd/system/jpm-" + me + ".service");
    Path wanted = root.resolve("etc/systemd/system/multi-user.target.wants/jpm-" + me + ".service");
    assertThat(startup.out()).contains("wrote " + unit, "systemctl --root=" + root + " enable jpm-" + me + ".service");
    assertThat(Files.readString(unit)).contains("Type=notify", "User=" + me, "KillMode=mixed",
        "ExecStart=" + launcher + " daemon --foreground", "Environment=JPM_HOME=" + jpm.home,
        "WantedBy=multi-user.target");
    assertThat(wanted).isSymbolicLink();
    assertThat(verify(unit, false)).isEmpty();

    JpmHarness.Result unstartup = jpm.run("unstartup", "--root", root.toString()).expectExit(0);
    assertThat(unstartup.out()).contains("removed " + unit);
    assertThat(unit).doesNotExist();
    assertThat(wanted).doesNotExist();
  }

  @Test
  void aUserUnitGoesToTheUsersSystemdFolder() throws Exception {
    jpm.run("startup", "--user", "--hp", jpm.work.toString(), "--root", root.toString()).expectExit(0);

    Path unit = root.resolve(Path.of("/").relativize(jpm.work)).resolve(".config/systemd/user/jpm.service");
    assertThat(Files.readString(unit)).contains("Type=notify", "WantedBy=default.target").doesNotContain("User=");
    assertThat(verify(unit, true)).isEmpty();
  }

  @Test
  void onlySystemdIsOffered() {
    assertThat(jpm.run("startup", "upstart").expectExit(2).err()).contains("systemd units only");
  }

  /** What {@code systemd-analyze verify} printed on stderr (it exits 0 with warnings: the stderr is the verdict). */
  private String verify(Path unit, boolean user) throws IOException, InterruptedException {
    List<String> command = user ? List.of("systemd-analyze", "--user", "verify", unit.toString())
        : List.of("systemd-analyze", "verify", unit.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    // The user manager's runtime folder, which a login session would have made.
    Path runtime = Files.createDirectories(jpm.work.resolve("xdg-runtime"));
    builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return stderr.strip();
  }
}
