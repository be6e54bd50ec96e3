package dev.jpm.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.plan.SpecBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class MemoryGuardTest {

  static final long MIB = 1024 * 1024;
  static final InstanceId API = new InstanceId("api", 0);

  final List<String> restarts = new ArrayList<>();
  final List<Runnable> queued = new ArrayList<>();
  final Executor later = queued::add;
  final MemoryGuard guard = new MemoryGuard((id, cause) -> restarts.add(id + ": " + cause), later);

  @Test
  void anInstanceOverItsLimitIsRestartedWithTheCause() {
    guard.check(table(200 * MIB, ProcessStatus.ONLINE), sample(230 * MIB));
    queued.forEach(Runnable::run);

    assertThat(restarts).containsExactly("api#0: memory limit 200 MiB exceeded (rss 230 MiB)");
  }

  @Test
  void notAgainWhileItsRestartIsInProgressButAgainAfter() {
    guard.check(table(200 * MIB, ProcessStatus.ONLINE), sample(230 * MIB));
    guard.check(table(200 * MIB, ProcessStatus.ONLINE), sample(240 * MIB));
    assertThat(queued).hasSize(1);

    queued.getFirst().run();
    guard.check(table(200 * MIB, ProcessStatus.ONLINE), sample(250 * MIB));

    assertThat(queued).hasSize(2);
  }

  @Test
  void underTheLimitNoLimitOrNotOnlineMeansNoRestart() {
    guard.check(table(200 * MIB, ProcessStatus.ONLINE), sample(200 * MIB));
    guard.check(table(0, ProcessStatus.ONLINE), sample(900 * MIB));
    guard.check(table(200 * MIB, ProcessStatus.STOPPING), sample(900 * MIB));

    assertThat(queued).isEmpty();
  }

  @Test
  void aSampleOfAnotherPidIsNotThisRun() {
    var otherRun = new MetricsSnapshot(1, Map.of(API, new InstanceUsage(API, 999, 0, 900 * MIB, 1)),
        MetricsSnapshot.EMPTY.daemon());

    guard.check(table(200 * MIB, ProcessStatus.ONLINE), otherRun);

    assertThat(queued).isEmpty();
  }

  @Test
  void smallLimitsKeepADecimal() {
    assertThat(MemoryGuard.cause(MIB * 3 / 2, 5 * MIB)).isEqualTo("memory limit 1.5 MiB exceeded (rss 5 MiB)");
    assertThat(MemoryGuard.cause(64 * MIB, 64 * MIB + MIB / 3)).isEqualTo("memory limit 64 MiB exceeded (rss 64.3 MiB)");
  }

  static ObservedState table(long limit, ProcessStatus status) {
    AppSpec spec = SpecBuilder.app("api").maxMemoryBytes(limit).build();
    var record = new ProcessRecord(API, status, 42, 1, spec.specHash(), 1, 0, 0, null, null, null, null, 0);
    return new ObservedState(Map.of("api", new ObservedApp(spec, List.of(record))));
  }

  static MetricsSnapshot sample(long rss) {
    return new MetricsSnapshot(1, Map.of(API, new InstanceUsage(API, 42, 0, rss, 1)), MetricsSnapshot.EMPTY.daemon());
  }
}
