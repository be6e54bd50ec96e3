package dev.jpm.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler against real process trees, read from Linux's {@code /proc}. */
class SamplerIT {

  static final long MIB = 1024 * 1024;
  static final InstanceId HOLDER = new InstanceId("holder", 0);

  Process root;

  @AfterEach
  void endTree() {
    if (root == null) return;
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  final OshiProcesses source = new OshiProcesses();

  @AfterEach
  void closeSource() {
    source.close();
  }

  MetricsSampler sampler() {
    return new MetricsSampler(() -> table(root.pid()), source, Clock.systemUTC(), ProcessHandle.current().pid());
  }

  @Test
  void seesTheMemoryOfAChildsGrandchild() throws Exception {
    // root bash -> bash -> bash holding 64 MiB: the memory is two levels below the instance's main pid.
    String hold = fixture("hold-memory.sh") + " 64";
    root = new ProcessBuilder("bash", "-c", "bash -c 'bash " + hold + " & wait' & wait").start();
    MetricsSampler sampler = sampler();

    InstanceUsage usage = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u != null && u.rssBytes() > 64 * MIB);

    assertThat(usage.processes()).isGreaterThanOrEqualTo(3);
    assertThat(usage.pid()).isEqualTo(root.pid());
    assertThat(sampler.snapshot().daemon().rssBytes()).as("this JVM's own memory").isGreaterThan(10 * MIB);
  }

  @Test
  void aChildForkedAfterTheTreeWasReadJoinsItAndLeavesItWhenItEnds() throws Exception {
    // The root waits for a line before it starts a child holding 64 MiB, and for another before it ends it.
    String hold = fixture("hold-memory.sh") + " 64";
    root = new ProcessBuilder("bash", "-c", "read; bash " + hold + " & read; kill $!; wait; read").start();
    MetricsSampler sampler = sampler();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u != null && u.processes() == 1);

    root.getOutputStream().write('\n');
    root.getOutputStream().flush();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u.processes() >= 2 && u.rssBytes() > 64 * MIB);

    root.getOutputStream().write('\n');
    root.getOutputStream().flush();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u.processes() == 1 && u.rssBytes() < 32 * MIB);
  }

  @Test
  void aChildForkedLaterThatCrossesTheLimitRestartsItsInstanceAtTheFirstSampleOverIt() throws Exception {
    // The root starts a child holding 64 MiB only after its tree was read; the limit is 32 MiB.
    String hold = fixture("hold-memory.sh") + " 64";
    root = new ProcessBuilder("bash", "-c", "read; bash " + hold + " & wait").start();
    List<String> restarts = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Boolean> restartedWhenFirstOver = new java.util.concurrent.CopyOnWriteArrayList<>();
    MetricsSampler sampler = new MetricsSampler(() -> table(root.pid(), 32 * MIB), source, Clock.systemUTC(),
        ProcessHandle.current().pid());
    sampler.onSample(new MemoryGuard((id, cause) -> restarts.add(id + ": " + cause), Runnable::run)::check);
    sampler.onSample((table, snapshot) -> {
      InstanceUsage usage = snapshot.instances().get(HOLDER);
      if (usage != null && usage.rssBytes() > 32 * MIB && restartedWhenFirstOver.isEmpty())
        restartedWhenFirstOver.add(!restarts.isEmpty());
    });
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u != null && u.processes() == 1);

    root.getOutputStream().write('\n');
    root.getOutputStream().flush();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sampler.sample() != null && !restarts.isEmpty());

    assertThat(restartedWhenFirstOver).containsExactly(true);
    assertThat(restarts).hasSize(1).first().asString().startsWith("holder#0: memory limit 32 MiB exceeded (rss ");
  }

  @Test
  void readsOnlyTheTreesAndTheLonePidNotTheMachine() throws Exception {
    root = new ProcessBuilder("bash", "-c", "sleep 600 & wait").start();
    long self = ProcessHandle.current().pid();
    await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().count() == 1);

    List<ProcessSample> read = source.processes(java.util.Set.of(root.pid()), self);

    long sleeper = root.descendants().findFirst().orElseThrow().pid();
    assertThat(read).extracting(ProcessSample::pid).containsExactlyInAnyOrder(root.pid(), sleeper, self);
    ProcessSample top = read.stream().filter(p -> p.pid() == root.pid()).findFirst().orElseThrow();
    assertThat(top.parentPid()).as("OSHI's reading of a member").isEqualTo(self);
    assertThat(top.startMs()).isCloseTo(root.info().startInstant().orElseThrow().toEpochMilli(),
        org.assertj.core.data.Offset.offset(1500L));
    assertThat(top.rssBytes()).isPositive();
    assertThat(ProcessHandle.allProcesses().count()).as("the machine has more").isGreaterThan(3);
  }

  @Test
  void aBusyTreeShowsItsCpu() throws Exception {
    root = new ProcessBuilder("bash", "-c", "bash -c 'while :; do :; done' & wait").start();
    MetricsSampler sampler = sampler();
    sampler.sample();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> sampler.sample().instances().get(HOLDER).cpuPercent(), cpu -> cpu > 20);
  }

  @Test
  void theLinuxReadingAgreesWithTheJdkOnParentAndStartTime() {
    ProcessHandle self = ProcessHandle.current();
    ProcessSample me = source.processes(java.util.Set.of(), self.pid()).stream().filter(p -> p.pid() == self.pid())
        .findFirst().orElseThrow();

    assertThat(me.parentPid()).isEqualTo(self.parent().orElseThrow().pid());
    assertThat(me.startMs()).isCloseTo(self.info().startInstant().orElseThrow().toEpochMilli(),
        org.assertj.core.data.Offset.offset(1500L));
    assertThat(me.rssBytes()).isGreaterThan(10 * MIB);
    assertThat(me.cpuMs()).isPositive();
  }

  static ObservedState table(long pid) {
    return table(pid, 0);
  }

  static ObservedState table(long pid, long maxMemoryBytes) {
    var spec = SpecBuilder.app("holder").maxMemoryBytes(maxMemoryBytes).build();
    var record = new ProcessRecord(HOLDER, ProcessStatus.ONLINE, pid, 0, spec.specHash(), 1, 0, 0, null, null,
        null, null, 0);
    return new ObservedState(Map.of("holder", new ObservedApp(spec, List.of(record))));
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(SamplerIT.class.getResource("/fixtures/" + name).toURI());
  }
}
