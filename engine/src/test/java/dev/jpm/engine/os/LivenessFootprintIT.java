package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asking whether a process runs is what {@code jpm kill} does while it waits for the daemon to be gone. It must not
 * bind libc through JNA: JNA's first binding costs ~250 ms, most of it {@code ldconfig -p}, which made {@code kill}
 * slower than PM2's. Read from the class-loading log of a real JVM that asks.
 */
class LivenessFootprintIT {

  /** Run in a JVM of its own: asks about itself and about a pid that does not exist, and prints the answers. */
  public static final class Asker {
    public static void main(String[] args) {
      System.out.println(Liveness.isRunning(ProcessHandle.current().pid()) + " " + Liveness.isRunning(Integer.MAX_VALUE)
          + " " + ProcStat.state(ProcessHandle.current().pid()));
    }
  }

  @Test
  void askingWhetherAProcessRunsBindsNoLibc(@TempDir Path dir) throws Exception {
    Path classLog = dir.resolve("classes.log");
    Path out = dir.resolve("out.txt");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process asker = new ProcessBuilder(List.of(java, "-Xshare:off", "-Xlog:class+load=info:file=" + classLog,
            "-cp", System.getProperty("java.class.path"), Asker.class.getName()))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();

    assertThat(asker.waitFor(60, TimeUnit.SECONDS)).as("the asking JVM ended").isTrue();
    assertThat(Files.readString(out).strip()).isIn("true false R", "true false S");
    String loaded = Files.readString(classLog);
    assertThat(loaded).contains("dev.jpm.engine.os.Liveness ", "dev.jpm.engine.os.ProcStat ");
    assertThat(loaded).doesNotContain("com.sun.jna.", "dev.jpm.engine.os.LibC ");
  }
}
