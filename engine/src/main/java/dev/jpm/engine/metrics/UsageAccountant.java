package dev.jpm.engine.metrics;

import dev.jpm.engine.model.InstanceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive process lists into per-tree usage. CPU% comes from each process's CPU-time delta since the
 * previous sample (a process that exits takes its time with it, so summing a tree's totals would dip; deltas per
 * process do not). A process that appeared since the previous sample counts all of its time; one that existed but
 * was not watched yet (the first sample) counts none. Pure apart from its memory of the previous sample; used by
 * one thread.
 */
final class UsageAccountant {

  private Map<Long, ProcessSample> previous = Map.of();
  private long previousMs;

  /**
   * Usage of each tree in {@code roots} (instance → main pid) at {@code nowMs}, and of the tree of
   * {@code daemonPid}; remembers what it saw for the next call.
   */
  Map<InstanceId, InstanceUsage> account(Map<InstanceId, Long> roots, ProcessForest forest, long nowMs) {
    Map<Long, ProcessSample> seen = new HashMap<>();
    Map<InstanceId, InstanceUsage> usage = new HashMap<>();
    long elapsedMs = previousMs > 0 ? nowMs - previousMs : 0;
    roots.forEach((id, pid) -> {
      List<ProcessSample> tree = forest.tree(pid);
      if (tree.isEmpty()) return;
      long cpuMs = 0;
      long rss = 0;
      for (ProcessSample process : tree) {
        cpuMs += cpuSincePrevious(process);
        rss += process.rssBytes();
        seen.put(process.pid(), process);
      }
      double percent = elapsedMs > 0 ? 100.0 * cpuMs / elapsedMs : 0;
      usage.put(id, new InstanceUsage(id, pid, percent, rss, tree.size()));
    });
    previous = seen;
    previousMs = nowMs;
    return usage;
  }

  private long cpuSincePrevious(ProcessSample process) {
    ProcessSample before = previous.get(process.pid());
    if (before != null && before.startMs() == process.startMs()) return Math.max(0, process.cpuMs() - before.cpuMs());
    boolean bornSincePrevious = previousMs > 0 && process.startMs() >= previousMs;
    return bornSincePrevious ? process.cpuMs() : 0;
  }
}
