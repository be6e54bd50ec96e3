package dev.jpm.engine.metrics;

import dev.jpm.engine.os.ProcFile;
import dev.jpm.engine.os.ProcStat;
import dev.jpm.engine.os.ProcessList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes of the apps' trees on Linux, reading only those at each sample: every member's
 * {@code /proc/<pid>/stat}, kept open and read again with one {@code pread}. The machine's process list is read
 * only when a process was created since the previous sample ({@link ProcessList#lastCreated}); its new processes
 * are read once for their parent, and the trees are worked out again only when one of them descends from a
 * member, a member is gone or has a new parent, or the roots change. An idle daemon with 50 apps thus reads 50–100
 * small files per sample and lists nothing (decision 0034); the full list of every sample cost 25× more.
 *
 * <p>If the creation sign does not move although a root appeared that no listing saw (a virtualised
 * {@code /proc/loadavg}), it is no longer trusted and the list is read at every sample. Used by the sampler's one
 * thread.
 */
final class LinuxProcessStats implements ProcessSource {

  /** Members whose stat stays open; any beyond are opened at each sample (descriptors are shared with the apps). */
  private static final int MAX_OPEN = 512;
  /** A whole stat line (~52 numbers and a name of at most 64 bytes), or a few hundred entries of the listing. */
  private static final int BUFFER_BYTES = 16 * 1024;

  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private final ProcessList list = ProcessList.open();
  /** Every process seen: members as read at this sample, the others as read when first listed. */
  private final Map<Long, ProcessSample> known = new HashMap<>();
  /** The processes read at every sample: the trees' members and the lone pid. */
  private final Map<Long, Member> members = new HashMap<>();
  private Set<Long> lastRoots = Set.of();
  private long lastLone;
  private long lastCreated = Long.MIN_VALUE;
  private boolean creationSignTrusted = true;

  /** A member: when it started (a recycled pid is someone else) and its open stat, or null when over the cap. */
  private record Member(long startMs, ProcFile stat) {}

  @Override
  public List<ProcessSample> processes(Set<Long> roots, long lone) {
    boolean changed = !roots.equals(lastRoots) || lone != lastLone;
    changed |= readMembers();
    long created = list.lastCreated(buffer);
    boolean listed = false;
    if (!creationSignTrusted || created < 0 || created != lastCreated) {
      changed |= readNewProcesses();
      listed = true;
    }
    lastCreated = created;
    for (long root : roots) {
      if (known.containsKey(root) || listed || readOnce(root) == null) continue;
      creationSignTrusted = false; // a live root no listing saw, though the sign said nothing was created
      readNewProcesses();
      listed = true;
      changed = true;
    }
    if (changed) chooseMembers(roots, lone);
    lastRoots = Set.copyOf(roots);
    lastLone = lone;
    List<ProcessSample> samples = new ArrayList<>(members.size());
    for (Long pid : members.keySet()) samples.add(known.get(pid));
    return samples;
  }

  /** Reads every member; true when one is gone or has a new parent. */
  private boolean readMembers() {
    boolean changed = false;
    for (Iterator<Map.Entry<Long, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Member> entry = it.next();
      long pid = entry.getKey();
      Member member = entry.getValue();
      ProcessSample now = member.stat() != null && member.stat().readInto(buffer) ? sample(pid) : readOnce(pid);
      if (now == null || now.startMs() != member.startMs()) {
        if (member.stat() != null) member.stat().close();
        it.remove();
        known.remove(pid);
        changed = true;
        continue;
      }
      ProcessSample before = known.put(pid, now);
      changed |= before == null || before.parentPid() != now.parentPid();
    }
    return changed;
  }

  /**
   * Lists the machine's processes: reads each new one once, forgets those gone. True when a new one descends from
   * a member (or from a new one that does).
   */
  private boolean readNewProcesses() {
    long[] pids = ProcessList.pids(buffer);
    Set<Long> present = new HashSet<>(pids.length * 2);
    List<Long> arrived = new ArrayList<>();
    for (long pid : pids) {
      present.add(pid);
      if (known.containsKey(pid)) continue;
      ProcessSample sample = readOnce(pid);
      if (sample == null) continue;
      known.put(pid, sample);
      arrived.add(pid);
    }
    known.keySet().removeIf(pid -> !present.contains(pid) && !members.containsKey(pid));
    for (long pid : arrived) if (descendsFromMember(pid)) return true;
    return false;
  }

  private boolean descendsFromMember(long pid) {
    ProcessSample at = known.get(pid);
    for (int depth = 0; at != null && depth < 64; depth++) {
      if (members.containsKey(at.parentPid())) return true;
      if (at.parentPid() == at.pid()) return false;
      at = known.get(at.parentPid());
    }
    return false;
  }

  /** The members for these roots, from the parents known: opens the new ones' stat, closes the leavers'. */
  private void chooseMembers(Set<Long> roots, long lone) {
    ProcessForest forest = new ProcessForest(known.values());
    Set<Long> wanted = new HashSet<>();
    for (long root : roots) for (ProcessSample process : forest.tree(root)) wanted.add(process.pid());
    if (known.containsKey(lone) || readOnce(lone) != null) wanted.add(lone);
    for (Iterator<Map.Entry<Long, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Member> entry = it.next();
      if (wanted.contains(entry.getKey())) continue;
      if (entry.getValue().stat() != null) entry.getValue().stat().close();
      it.remove();
    }
    for (long pid : wanted) if (!members.containsKey(pid)) admit(pid);
  }

  private void admit(long pid) {
    ProcFile stat = null;
    if (members.size() < MAX_OPEN) {
      try {
        stat = ProcFile.open(statOf(pid));
      } catch (IOException e) {
        known.remove(pid); // gone since it was listed
        return;
      }
    }
    ProcessSample now = stat != null && stat.readInto(buffer) ? sample(pid) : readOnce(pid);
    if (now == null) {
      if (stat != null) stat.close();
      known.remove(pid);
      return;
    }
    known.put(pid, now);
    members.put(pid, new Member(now.startMs(), stat));
  }

  /** {@code pid}'s stat opened, read and closed; null when it is gone. */
  private ProcessSample readOnce(long pid) {
    return ProcFile.readOnce(statOf(pid), buffer) ? sample(pid) : null;
  }

  /** The stat line in {@link #buffer} as a sample of {@code pid}; null when it cannot be parsed. */
  private ProcessSample sample(long pid) {
    ProcStat.Fields fields = ProcStat.parse(buffer);
    return fields == null ? null
        : new ProcessSample(pid, fields.parentPid(), fields.startMs(), fields.cpuMs(), fields.rssBytes());
  }

  private static String statOf(long pid) {
    return "/proc/" + pid + "/stat";
  }

  @Override
  public void close() {
    for (Member member : members.values()) if (member.stat() != null) member.stat().close();
    members.clear();
    list.close();
  }
}
