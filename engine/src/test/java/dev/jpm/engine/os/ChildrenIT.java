package dev.jpm.engine.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children through posix_spawn and the one event loop, without the supervisor on top. */
class ChildrenIT {

  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

  @TempDir Path dir;
  private final List<Long> strays = new ArrayList<>();

  @AfterEach
  void killStrays() {
    strays.forEach(pid -> LibC.kill(Math.toIntExact(pid), LibC.SIGKILL));
  }

  @Test
  void bothStreamsReachTheirConsumersAndTheExitCodeIsTheChildsOwn() throws Exception {
    var out = new CollectingConsumer();
    var err = new CollectingConsumer();
    Child child = spawn(dir, out, err, 2000, "echo out1; echo err1 >&2; echo out2; echo err2 >&2; exit 130");

    ChildExit exit = child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    assertThat(exit).isEqualTo(new ChildExit(130, 0)); // not folded into "killed by signal 2"
    assertThat(out.text()).isEqualTo("out1\nout2\n");
    assertThat(err.text()).isEqualTo("err1\nerr2\n");
    assertThat(out.ends()).isEqualTo(1);
    assertThat(err.ends()).isEqualTo(1);
  }

  @Test
  void aSignalDeathReportsTheSignal() throws Exception {
    Child child = spawn(dir, new CollectingConsumer(), new CollectingConsumer(), 2000, "kill -SEGV $$");
    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new ChildExit(-1, 11));
  }

  @Test
  void aChildInTheParentsSessionLeadsItsOwnProcessGroupThere() throws Exception {
    var out = new CollectingConsumer();
    Child child = Children.shared().spawn(new ChildSpec("/bin/bash", List.of("bash", "-c",
        "echo \"sid $(ps -o sid= -p $$ | tr -d ' ') pgid $(ps -o pgid= -p $$ | tr -d ' ')\""), ENV, dir,
        Optional.of(out), Optional.empty(), 2000, Optional.empty(), -1, ChildSpec.Session.PARENTS));

    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    long session = KernelIds.sessionOf(ProcessHandle.current().pid());
    assertThat(out.text()).isEqualTo("sid " + session + " pgid " + child.pid() + "\n");
  }

  @Test
  void theChildInheritsNoDescriptorBeyondItsThreeStreams() throws Exception {
    var out = new CollectingConsumer();
    Child child = Children.shared().spawn(new ChildSpec("/bin/ls", List.of("ls", "/proc/self/fd"), ENV, dir,
        Optional.of(out), Optional.empty(), 2000));

    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    // 3 is the directory ls itself opened to list them; the test JVM has dozens of descriptors open.
    assertThat(out.text().lines()).as("open descriptors of the child").containsExactly("0", "1", "2", "3");
  }

  @Test
  void theChildLeadsItsSessionInItsCwdWithNoIgnoredOrBlockedSignal() throws Exception {
    var out = new CollectingConsumer();
    Child child = spawn(dir, out, new CollectingConsumer(), 2000,
        "echo \"sid $(ps -o sid= -p $$ | tr -d ' ') pgid $(ps -o pgid= -p $$ | tr -d ' ') pid $$\"; pwd;"
            + " exec grep -E '^(SigIgn|SigBlk)' /proc/self/status"); // bash blocks SIGCHLD while it waits

    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    List<String> lines = out.text().lines().toList();
    long pid = child.pid();
    assertThat(lines.get(0)).isEqualTo("sid " + pid + " pgid " + pid + " pid " + pid);
    assertThat(lines.get(1)).isEqualTo(dir.toRealPath().toString());
    // Standard signals 1..31 (bits 0..30); glibc reserves 32 and 33 for itself and never lets anyone reset them.
    assertThat(lines.subList(2, 4)).extracting(l -> Long.parseLong(l.substring(8), 16) & 0x7fff_ffffL)
        .as("blocked and ignored standard signals").containsExactly(0L, 0L);
  }

  @Test
  void anExitIsProcessedAfterTheDrainTimeoutWhileAnEscapedGrandchildKeepsThePipeOpen() throws Exception {
    var out = new CollectingConsumer();
    long started = System.nanoTime();
    Child child = spawn(dir, out, new CollectingConsumer(), 300,
        "setsid bash -c 'echo escaped $$; sleep 0.8; echo late; exec sleep 1000' & sleep 0.1; echo root done; exit 4");

    ChildExit exit = child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    strays.add(Long.parseLong(out.text().lines().filter(l -> l.startsWith("escaped ")).findFirst().orElseThrow()
        .substring("escaped ".length())));

    assertThat(exit.code()).isEqualTo(4);
    assertThat(tookMs).as("exit held up by the drain timeout only").isBetween(300L, 5000L);
    assertThat(out.text()).contains("root done").doesNotContain("late");
    assertThat(out.ends()).isZero();
    // The pipe is still read: the grandchild's later output is not lost.
    await().atMost(PATIENCE).until(() -> out.text().contains("late"));
  }

  @Test
  void aMissingCwdOrAnUnexecutableFileFailsTheSpawnWithTheReason() throws IOException {
    Path nowhere = dir.resolve("nowhere");
    assertThatThrownBy(() -> spawn(nowhere, new CollectingConsumer(), new CollectingConsumer(), 2000, "true"))
        .isInstanceOf(IOException.class).hasMessageContaining(nowhere.toString())
        .hasMessageContaining("No such file or directory");

    Path garbage = dir.resolve("garbage");
    Files.write(garbage, new byte[] {1, 2, 3, 4});
    Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rwx------"));
    var spec = new ChildSpec(garbage.toString(), List.of("garbage"), ENV, dir, Optional.of(new CollectingConsumer()),
        Optional.empty(), 2000);
    assertThatThrownBy(() -> Children.shared().spawn(spec))
        .isInstanceOf(IOException.class).hasMessageContaining("Exec format error");
  }

  @Test
  void aPipeFoundFullGrowsSoTheNextBurstWaitsInThePipeNotInTheApp() throws Exception {
    // A first read that took less than a whole chunk is held until the writer is seen blocked on its full 64 KiB
    // pipe, so the loop's next read takes a whole chunk (a first read that took one already found the pipe full).
    // The child reports the size of its stdout pipe afterwards (F_GETPIPE_SZ, 1032).
    var pid = new java.util.concurrent.CompletableFuture<Long>();
    var out = new CollectingConsumer() {
      private boolean held;

      @Override
      public synchronized void write(byte[] chunk, int offset, int length) {
        if (!held) {
          held = true;
          if (length == EventLoop.CHUNK) {
            super.write(chunk, offset, length);
            return;
          }
          Path wchan = Path.of("/proc", Long.toString(pid.join()), "wchan");
          await().atMost(PATIENCE).until(() -> Files.readString(wchan).endsWith("pipe_write"));
        }
        super.write(chunk, offset, length);
      }
    };
    Child child = Children.shared().spawn(new ChildSpec("/usr/bin/perl", List.of("perl", "-e",
        "$| = 1; print 'x' x 300000; printf \"\\npipe %d\\n\", fcntl(STDOUT, 1032, 0);"), ENV, dir,
        Optional.of(out), Optional.empty(), 2000));
    strays.add(child.pid());
    pid.complete(child.pid());

    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    await().atMost(PATIENCE).until(() -> out.ends() == 1);
    List<String> lines = out.text().lines().toList();
    assertThat(lines.get(0)).hasSize(300_000);
    assertThat(lines.get(1)).isEqualTo("pipe " + EventLoop.GROWN_PIPE_BYTES);
  }

  @Test
  void aPipeThatNeverFillsKeepsTheKernelsDefaultSize() throws Exception {
    var out = new CollectingConsumer();
    Child child = Children.shared().spawn(new ChildSpec("/usr/bin/perl", List.of("perl", "-e",
        "$| = 1; print \"hello\\n\"; printf \"pipe %d\\n\", fcntl(STDOUT, 1032, 0);"), ENV, dir,
        Optional.of(out), Optional.empty(), 2000));

    assertThat(child.exit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).code()).isZero();
    await().atMost(PATIENCE).until(() -> out.ends() == 1);
    assertThat(out.text()).isEqualTo("hello\npipe 65536\n");
  }

  private static Child spawn(Path cwd, CollectingConsumer out, CollectingConsumer err, long drainMs, String script)
      throws IOException {
    return Children.shared().spawn(new ChildSpec("/bin/bash", List.of("bash", "-c", script), ENV, cwd,
        Optional.of(out), Optional.of(err), drainMs));
  }
}
