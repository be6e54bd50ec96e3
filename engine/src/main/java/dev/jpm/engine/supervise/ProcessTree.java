package dev.jpm.engine.supervise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of one instance: the root (started through {@code setsid}, so it leads its own process group)
 * and every descendant seen so far. Descendants are remembered because a grandchild whose parent died is
 * re-parented away and can no longer be found from the root; and a descendant may leave the group, so each is
 * also signalled by pid. A {@link ProcessHandle} carries its start time, so a recycled pid is never taken for ours.
 *
 * <p>The group is signalled only when the root was found alive with the expected start time when the tree was
 * made ({@link #owned}): a pid from a fake launcher or a stale record must never signal someone else's group.
 * Thread-safe (synchronized): the exit path and a stop sequence may both touch it.
 */
final class ProcessTree {

  private final long pgid;
  private final boolean owned;
  private final Map<Long, ProcessHandle> members = new LinkedHashMap<>();

  private ProcessTree(long pgid, ProcessHandle root) {
    this.pgid = pgid;
    this.owned = root != null;
    if (root != null) members.put(root.pid(), root);
  }

  /** The tree of {@code pid} if it runs and started at {@code startMs} (± 1 s), else an empty, unowned tree. */
  static ProcessTree of(long pid, long startMs) {
    ProcessHandle root = pid <= 0 ? null : ProcessHandle.of(pid).filter(h -> startedAt(h, startMs)).orElse(null);
    // Not discovered here: a process just launched has no descendants yet, and every signal and poll discovers.
    return new ProcessTree(pid, root);
  }

  /** True when the root was ours when this tree was made. */
  boolean owned() {
    return owned;
  }

  /**
   * Adds the current descendants of the living members. One {@code descendants()} call scans all of /proc, so
   * the root's (which covers everyone whose parent still lives) is the only one taken unless a member was
   * orphaned, whose own descendants are then listed too.
   */
  synchronized void discover() {
    java.util.Set<Long> reached = new java.util.HashSet<>();
    for (ProcessHandle member : List.copyOf(members.values())) {
      if (reached.contains(member.pid()) || !Liveness.isRunning(member)) continue;
      member.descendants().forEach(d -> {
        members.putIfAbsent(d.pid(), d);
        reached.add(d.pid());
      });
    }
  }

  /**
   * Sends {@code signal} to the group and to every member. The tree is frozen first (SIGSTOP) so that nothing can
   * fork or leave the group while it is being listed: a child caught between {@code fork} and {@code setsid} would
   * otherwise escape unseen once its parent died. It is thawed (SIGCONT) afterwards so that it can act on the
   * signal, which stays pending until then. Two /proc scans: before the freeze, and after it for children forked
   * at that moment (one scan after a group freeze was measured to let a child escape).
   */
  synchronized void signal(int signal) {
    discover();
    sendToAll(Signals.STOP);
    discover(); // children forked just as their parent froze are visible only now
    sendToAll(Signals.STOP);
    sendToAll(signal);
    if (signal != Signals.KILL) sendToAll(Signals.CONT);
  }

  private void sendToAll(int signal) {
    if (owned) Signals.toGroup(pgid, signal);
    for (ProcessHandle member : members.values()) {
      if (Liveness.isRunning(member)) Signals.toProcess(member.pid(), signal);
    }
  }

  /**
   * Pids of the members still running (zombies count as gone: they only wait to be reaped), after looking for new
   * ones: a member may fork until the moment it dies, and a child that then leaves the group is found only while
   * its parent lives.
   */
  synchronized List<Long> survivors() {
    discover();
    List<Long> alive = new ArrayList<>();
    for (ProcessHandle member : members.values()) {
      if (Liveness.isRunning(member)) alive.add(member.pid());
    }
    return alive;
  }

  /** SIGKILL to whatever is left of the process group, e.g. children the root forked just before it died. */
  synchronized void sweepGroup() {
    if (owned) Signals.toGroup(pgid, Signals.KILL);
  }

  private static boolean startedAt(ProcessHandle handle, long startMs) {
    return handle.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - startMs) <= 1000).orElse(false);
  }
}
