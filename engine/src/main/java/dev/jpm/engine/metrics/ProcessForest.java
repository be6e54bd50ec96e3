package dev.jpm.engine.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The process list of one sample arranged as trees: the parent-to-children map is built once per sample. */
final class ProcessForest {

  private final Map<Long, ProcessSample> byPid = new HashMap<>();
  private final Map<Long, List<ProcessSample>> children = new HashMap<>();

  ProcessForest(Collection<ProcessSample> processes) {
    for (ProcessSample process : processes) {
      byPid.put(process.pid(), process);
      if (process.parentPid() != process.pid())
        children.computeIfAbsent(process.parentPid(), parent -> new ArrayList<>()).add(process);
    }
  }

  /** A forest of {@code pid} alone, without its children (the daemon's own usage, not its apps'). */
  ProcessForest single(long pid) {
    ProcessSample process = byPid.get(pid);
    return new ProcessForest(process == null ? List.of() : List.of(process));
  }

  /** {@code root} and all its descendants; empty when {@code root} is gone. */
  List<ProcessSample> tree(long root) {
    ProcessSample top = byPid.get(root);
    if (top == null) return List.of();
    List<ProcessSample> tree = new ArrayList<>();
    Deque<ProcessSample> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      ProcessSample next = pending.pop();
      tree.add(next);
      children.getOrDefault(next.pid(), List.of()).forEach(pending::push);
    }
    return tree;
  }
}
