package dev.jpm.engine.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    ProcessTree tree = new ProcessTree(pid, root);
    tree.discover();
    return tree;
  }

  /** True when the root was ours when this tree was made. */
  boolean owned() {
    return owned;
  }

  /** Adds the current descendants of every living member. */
  synchronized void discover() {
    for (ProcessHandle member : List.copyOf(members.values())) {
      if (isRunning(member)) member.descendants().forEach(d -> members.putIfAbsent(d.pid(), d));
    }
  }

  /**
   * Sends {@code signal} to the group and to every member. The tree is frozen first (SIGSTOP) so that nothing can
   * fork or leave the group while it is being listed: a child caught between {@code fork} and {@code setsid} would
   * otherwise escape unseen once its parent died. It is thawed (SIGCONT) afterwards so that it can act on the
   * signal, which stays pending until then.
   */
  synchronized void signal(int signal) {
    sendToAll(Signals.STOP);
    sendToAll(Signals.STOP); // members found only once their parent was frozen
    sendToAll(signal);
    if (signal != Signals.KILL) sendToAll(Signals.CONT);
  }

  private void sendToAll(int signal) {
    if (owned) Signals.toGroup(pgid, signal);
    discover();
    for (ProcessHandle member : members.values()) {
      if (isRunning(member)) Signals.toProcess(member.pid(), signal);
    }
  }

  /** Pids of the known members still running (zombies count as gone: they only wait to be reaped). */
  synchronized List<Long> survivors() {
    discover();
    List<Long> alive = new ArrayList<>();
    for (ProcessHandle member : members.values()) {
      if (isRunning(member)) alive.add(member.pid());
    }
    return alive;
  }

  /** SIGKILL to whatever is left of the process group, e.g. children the root forked just before it died. */
  synchronized void sweepGroup() {
    if (owned) Signals.toGroup(pgid, Signals.KILL);
  }

  /** Alive and not a zombie: a zombie is dead and only waits for its parent to reap it. */
  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && stateOf(handle.pid()) != 'Z';
  }

  private static boolean startedAt(ProcessHandle handle, long startMs) {
    return handle.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - startMs) <= 1000).orElse(false);
  }

  /** The state letter of {@code /proc/PID/stat} ('Z' for a zombie); 'Z' too when the pid is gone. */
  private static char stateOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName > 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
    } catch (NoSuchFileException e) {
      return 'Z';
    } catch (IOException e) {
      // Without /proc a zombie cannot be told apart; taking it as alive only makes a stop wait for the reaper.
      return '?';
    }
  }
}
