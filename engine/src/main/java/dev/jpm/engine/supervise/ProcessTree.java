package dev.jpm.engine.supervise;

import dev.jpm.engine.os.Liveness;
import dev.jpm.engine.os.ProcStat;
import dev.jpm.engine.os.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The processes of one instance: the root (started through {@code setsid}, so it leads its own process group)
 * and every descendant seen so far. Descendants are remembered because a grandchild whose parent died is
 * re-parented away and can no longer be found from the root; and a descendant may leave the group, so each is
 * also signalled by pid. A {@link ProcessHandle} carries its start time, so a recycled pid is never taken for ours.
 *
 * <p>The group is signalled only when the root was found alive with the expected start time when the tree was
 * made ({@link #owned}): a pid from a fake launcher or a stale record must never signal someone else's group.
 * Thread-safe (synchronized): the exit path and a stop sequence may both touch it.
 *
 * <p>Descendants are found by walking {@code /proc/PID/task/TID/children} from each member, which reads a few small
 * files per tree; {@link ProcessHandle#descendants()} reads the {@code stat} of every process of the machine, and
 * a stop of fifty apps does that hundreds of times. Kernels without that file fall back to it.
 */
final class ProcessTree {

  private static final boolean CHILDREN_FILES = Files.exists(
      Path.of("/proc/self/task", Long.toString(ProcessHandle.current().pid()), "children"));

  private final long pgid;
  private final boolean owned;
  private final Map<Long, ProcessHandle> members = new LinkedHashMap<>();
  private final CompletableFuture<Void> rootExited = new CompletableFuture<>();

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

  /** The root's pid, which is also the process group's id. */
  long pid() {
    return pgid;
  }

  /** True when the root was ours when this tree was made. */
  boolean owned() {
    return owned;
  }

  /** Completes when the owner saw the root exit (and reaped it): a stop need not wait for its next poll. */
  CompletableFuture<Void> rootExited() {
    return rootExited;
  }

  /** The owner saw the root exit. */
  void markRootExited() {
    rootExited.complete(null);
  }

  /**
   * Adds the current descendants of the living members. The root's (which covers everyone whose parent still
   * lives) are the only ones listed unless a member was orphaned, whose own descendants are then listed too.
   */
  synchronized void discover() {
    Set<Long> reached = new HashSet<>();
    for (ProcessHandle member : List.copyOf(members.values())) {
      // A zombie lists no children (they went to a reaper), so isAlive is enough here too.
      if (reached.contains(member.pid()) || !member.isAlive()) continue;
      descendants(member).forEach(d -> {
        members.putIfAbsent(d.pid(), d);
        reached.add(d.pid());
      });
    }
  }

  private static Stream<ProcessHandle> descendants(ProcessHandle member) {
    if (!CHILDREN_FILES) return member.descendants();
    List<ProcessHandle> found = new ArrayList<>();
    Deque<Long> parents = new ArrayDeque<>(List.of(member.pid()));
    while (!parents.isEmpty()) {
      for (long child : children(parents.poll())) {
        ProcessHandle.of(child).ifPresent(handle -> {
          found.add(handle);
          parents.add(child);
        });
      }
    }
    return found.stream();
  }

  /** The children of every thread of {@code pid} (a child belongs to the thread that forked it); none if gone. */
  private static List<Long> children(long pid) {
    List<Long> children = new ArrayList<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path thread : threads.toList()) {
        for (String child : Files.readString(thread.resolve("children")).split(" ")) {
          if (!child.isBlank()) children.add(Long.parseLong(child.strip()));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // The process or one of its threads ended while we looked: its children are found from their new parent.
    }
    return children;
  }

  /**
   * Sends {@code signal} to the group and to every member. The tree is frozen first (SIGSTOP) so that nothing can
   * fork or leave the group while it is being listed: a child caught between {@code fork} and {@code setsid} would
   * otherwise escape unseen once its parent died. It is thawed (SIGCONT) afterwards so that it can act on the
   * signal, which stays pending until then. Listed before the freeze (so that members outside the group are frozen
   * too), and after it until a listing finds no one new: children forked just as their parent froze are visible only
   * then. (Freezing first and listing once, or until nothing new, let the race test's grandchild escape: about 1 in
   * 2,000 stops under load for the latter.)
   */
  synchronized void signal(int signal) {
    discover();
    int known;
    do {
      known = members.size();
      sendToAll(Signals.STOP);
      discover();
    } while (members.size() > known);
    sendToAll(signal);
    if (signal != Signals.KILL) sendToAll(Signals.CONT);
  }

  private void sendToAll(int signal) {
    if (owned) Signals.toGroup(pgid, signal);
    // isAlive, not Liveness: the handle's start time already rules out a recycled pid, and a zombie may be signalled.
    for (ProcessHandle member : members.values()) {
      if (member.isAlive()) Signals.toProcess(member.pid(), signal);
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
    return ProcStat.startMs(handle.pid()).stream().anyMatch(s -> Math.abs(s - startMs) <= 1000);
  }
}
