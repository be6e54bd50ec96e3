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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The OSHI sampler against real process trees. */
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

  /** Both ways of listing processes: what the daemon uses on Linux, and OSHI's portable one. */
  static Stream<Arguments> sources() {
    return Stream.of(Arguments.of("linux /proc/<pid>/stat", new LinuxProcessStats()),
        Arguments.of("oshi process objects", new OshiProcesses()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void seesTheMemoryOfAChildsGrandchild(String name, ProcessSource source) throws Exception {
    // root bash -> bash -> bash holding 64 MiB: the memory is two levels below the instance's main pid.
    String hold = fixture("hold-memory.sh") + " 64";
    root = new ProcessBuilder("bash", "-c", "bash -c 'bash " + hold + " & wait' & wait").start();
    MetricsSampler sampler = new MetricsSampler(() -> table(root.pid()), source, Clock.systemUTC(),
        ProcessHandle.current().pid());

    InstanceUsage usage = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> sampler.sample().instances().get(HOLDER), u -> u != null && u.rssBytes() > 64 * MIB);

    assertThat(usage.processes()).isGreaterThanOrEqualTo(3);
    assertThat(usage.pid()).isEqualTo(root.pid());
    assertThat(sampler.snapshot().daemon().rssBytes()).as("this JVM's own memory").isGreaterThan(10 * MIB);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void aBusyTreeShowsItsCpu(String name, ProcessSource source) throws Exception {
    root = new ProcessBuilder("bash", "-c", "bash -c 'while :; do :; done' & wait").start();
    MetricsSampler sampler = new MetricsSampler(() -> table(root.pid()), source, Clock.systemUTC(),
        ProcessHandle.current().pid());
    sampler.sample();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> sampler.sample().instances().get(HOLDER).cpuPercent(), cpu -> cpu > 20);
  }

  @Test
  void theLinuxReadingAgreesWithTheJdkOnParentAndStartTime() {
    ProcessHandle self = ProcessHandle.current();
    ProcessSample me = new LinuxProcessStats().processes().stream().filter(p -> p.pid() == self.pid()).findFirst()
        .orElseThrow();

    assertThat(me.parentPid()).isEqualTo(self.parent().orElseThrow().pid());
    assertThat(me.startMs()).isCloseTo(self.info().startInstant().orElseThrow().toEpochMilli(),
        org.assertj.core.data.Offset.offset(1500L));
    assertThat(me.rssBytes()).isGreaterThan(10 * MIB);
    assertThat(me.cpuMs()).isPositive();
  }

  static ObservedState table(long pid) {
    var spec = SpecBuilder.app("holder").build();
    var record = new ProcessRecord(HOLDER, ProcessStatus.ONLINE, pid, 0, spec.specHash(), 1, 0, 0, null, null,
        null, null, 0);
    return new ObservedState(Map.of("holder", new ObservedApp(spec, List.of(record))));
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(SamplerIT.class.getResource("/fixtures/" + name).toURI());
  }
}
