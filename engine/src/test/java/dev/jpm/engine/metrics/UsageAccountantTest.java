package dev.jpm.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.InstanceId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageAccountantTest {

  static final InstanceId API = new InstanceId("api", 0);
  static final long T0 = 1_000_000;

  final UsageAccountant accountant = new UsageAccountant();

  @Test
  void treeMemoryAddsEveryDescendantAndNothingElse() {
    var forest = new ProcessForest(List.of(
        process(10, 1, 0, 0, 100), process(11, 10, 0, 0, 20), process(12, 11, 0, 0, 3), process(99, 1, 0, 0, 5000)));

    InstanceUsage usage = accountant.account(Map.of(API, 10L), forest, T0).get(API);

    assertThat(usage.rssBytes()).isEqualTo(123);
    assertThat(usage.processes()).isEqualTo(3);
    assertThat(usage.cpuPercent()).as("no basis on the first sample").isZero();
  }

  @Test
  void cpuIsTheSumOfPerProcessDeltasOverTheInterval() {
    accountant.account(Map.of(API, 10L), new ProcessForest(List.of(
        process(10, 1, 0, 1000, 1), process(11, 10, 0, 500, 1))), T0);

    var next = new ProcessForest(List.of(process(10, 1, 0, 1500, 1), process(11, 10, 0, 1000, 1)));
    InstanceUsage usage = accountant.account(Map.of(API, 10L), next, T0 + 2000).get(API);

    assertThat(usage.cpuPercent()).isEqualTo(50.0); // 1000 ms of CPU in 2000 ms
  }

  @Test
  void anExitedChildDoesNotMakeTheTreeLookIdleAndANewOneCountsFromItsStart() {
    accountant.account(Map.of(API, 10L), new ProcessForest(List.of(
        process(10, 1, 0, 1000, 1), process(11, 10, 0, 90_000, 1))), T0);

    var next = new ProcessForest(List.of(process(10, 1, 0, 1100, 1), process(12, 10, T0 + 500, 300, 1)));
    InstanceUsage usage = accountant.account(Map.of(API, 10L), next, T0 + 1000).get(API);

    assertThat(usage.cpuPercent()).isEqualTo(40.0); // 100 ms of the root + 300 ms of the new child, in 1 s
  }

  @Test
  void aRecycledPidIsANewProcess() {
    accountant.account(Map.of(API, 10L), new ProcessForest(List.of(process(10, 1, 5, 9000, 1))), T0);

    var next = new ProcessForest(List.of(process(10, 1, T0 + 100, 200, 1)));

    assertThat(accountant.account(Map.of(API, 10L), next, T0 + 1000).get(API).cpuPercent()).isEqualTo(20.0);
  }

  @Test
  void aGoneRootHasNoUsage() {
    assertThat(accountant.account(Map.of(API, 10L), new ProcessForest(List.of()), T0)).isEmpty();
  }

  @Test
  void theDaemonAloneIsNotItsChildren() {
    var forest = new ProcessForest(List.of(process(10, 1, 0, 0, 100), process(11, 10, 0, 0, 20)));

    assertThat(forest.single(10).tree(10)).extracting(ProcessSample::pid).containsExactly(10L);
  }

  static ProcessSample process(long pid, long parent, long startMs, long cpuMs, long rss) {
    return new ProcessSample(pid, parent, startMs, cpuMs, rss);
  }
}
