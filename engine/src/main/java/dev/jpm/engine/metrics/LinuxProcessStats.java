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
 * The processes of the apps' trees on Linux, reading only those at each sample. Each member's {@code stat} and
 * {@code schedstat} stay open and are read again with one {@code pread} each: a member with one thread that did
 * not run since the previous sample (its {@link ProcStat#runtimeNs} stayed put) cannot have used CPU, touched memory
 * or forked, so its {@code stat} is not read again. The machine's process list is read only when a member may have forked (it
 * ran, or has several threads) and a process was created since the last listing ({@link ProcessList#lastCreated});
 * the new processes are read once for their parent, and the trees are worked out again only when one of them
 * descends from a member, a member is gone or has a new parent, or the roots change. An idle daemon with 50 apps
 * thus reads 50–100 small files per sample and lists nothing, however busy the machine (decision 0034); the full
 * list of every sample cost 25× more.
 *
 * <p>If the creation sign does not move although a root appeared that no listing saw (a virtualised
 * {@code /proc/loadavg}), it is no longer trusted and the list is read at every sample. Used by the sampler's one
 * thread.
 */
final class LinuxProcessStats implements ProcessSource {

  /** Members whose files stay open (two each); any beyond are opened at each sample (descriptors are shared). */
  private static final int MAX_OPEN = 256;
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
  /** The last pid handed out when the list was last read. */
  private long listedAt = Long.MIN_VALUE;
  private boolean creationSignTrusted = true;

  /** A member: when it started (a recycled pid is someone else) and its open files, null when over the cap. */
  private static final class Member {
    final long startMs;
    final ProcFile stat;
    final ProcFile schedstat;
    long ranNs = -1;
    boolean oneThread;

    Member(long startMs, ProcFile stat, ProcFile schedstat) {
      this.startMs = startMs;
      this.stat = stat;
      this.schedstat = schedstat;
    }

    void close() {
      if (stat != null) stat.close();
      if (schedstat != null) schedstat.close();
    }
  }

  @Override
  public List<ProcessSample> processes(Set<Long> roots, long lone) {
    boolean rootsChanged = !roots.equals(lastRoots) || lone != lastLone;
    boolean changed = rootsChanged;
    boolean mayHaveForked = false;
    List<Member> quiet = new ArrayList<>();
    for (Iterator<Map.Entry<Long, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Member> entry = it.next();
      Member member = entry.getValue();
      long runs = runsOf(member);
      if (runs >= 0 && runs == member.ranNs && member.oneThread) {
        quiet.add(member);
        continue;
      }
      mayHaveForked |= entry.getKey() != lone; // the daemon's own children are roots: a new one changes the roots
      member.ranNs = runs;
      switch (readMember(entry.getKey(), member)) {
        case GONE -> {
          member.close();
          it.remove();
          changed = true;
        }
        case NEW_PARENT -> changed = true;
        case SAME_PARENT -> { }
      }
    }
    if (changed) rereadQuiet(quiet); // one that went may have left a quiet child to a new parent
    long created = list.lastCreated(buffer);
    boolean listed = false;
    if (!creationSignTrusted || created < 0 || created != listedAt && (mayHaveForked || rootsChanged)) {
      changed |= readNewProcesses(created);
      listed = true;
    }
    for (long root : roots) {
      if (known.containsKey(root) || listed || readOnce(root) == null) continue;
      // A live root that no listing saw: the daemon started it since, or the sign never moves
      if (created == listedAt) creationSignTrusted = false;
      readNewProcesses(created);
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

  private enum Reading { GONE, NEW_PARENT, SAME_PARENT }

  /** Reads a member's stat into {@link #known}. */
  private Reading readMember(long pid, Member member) {
    ProcStat.Fields now =
        member.stat != null && member.stat.readInto(buffer) ? ProcStat.parse(buffer) : readFields(pid);
    if (now == null || now.startMs() != member.startMs) {
      known.remove(pid);
      return Reading.GONE;
    }
    member.oneThread = now.threads() == 1;
    ProcessSample before = known.put(pid, sample(pid, now));
    return before == null || before.parentPid() != now.parentPid() ? Reading.NEW_PARENT : Reading.SAME_PARENT;
  }

  private void rereadQuiet(List<Member> quiet) {
    for (Iterator<Map.Entry<Long, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Member> entry = it.next();
      if (!quiet.contains(entry.getValue())) continue;
      if (readMember(entry.getKey(), entry.getValue()) != Reading.GONE) continue;
      entry.getValue().close();
      it.remove();
    }
  }

  /** The CPU time of the member's main thread (ns); -1 when unknown (then its stat is read every time). */
  private long runsOf(Member member) {
    return member.schedstat != null && member.schedstat.readInto(buffer) ? ProcStat.runtimeNs(buffer) : -1;
  }

  /**
   * Lists the machine's processes: reads each new one once, forgets those gone. True when a new one descends from
   * a member (or from a new one that does).
   */
  private boolean readNewProcesses(long created) {
    listedAt = created;
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
      entry.getValue().close();
      it.remove();
    }
    for (long pid : wanted) if (!members.containsKey(pid)) admit(pid);
  }

  private void admit(long pid) {
    ProcFile stat = null;
    ProcFile schedstat = null;
    if (members.size() < MAX_OPEN) {
      try {
        stat = ProcFile.open(statOf(pid));
        schedstat = ProcFile.open("/proc/" + pid + "/schedstat");
      } catch (IOException e) {
        // gone since it was listed (then the read below fails too), or a kernel without schedstat
      }
    }
    ProcStat.Fields now = stat != null && stat.readInto(buffer) ? ProcStat.parse(buffer) : readFields(pid);
    Member member = new Member(now == null ? 0 : now.startMs(), stat, schedstat);
    if (now == null) {
      member.close();
      known.remove(pid);
      return;
    }
    // ranNs stays unknown: its CPU time must be read before a listing, or a child forked in between goes unseen
    member.oneThread = now.threads() == 1;
    known.put(pid, sample(pid, now));
    members.put(pid, member);
  }

  /** {@code pid}'s stat opened, read and closed; null when it is gone. */
  private ProcessSample readOnce(long pid) {
    ProcStat.Fields fields = readFields(pid);
    return fields == null ? null : sample(pid, fields);
  }

  private ProcStat.Fields readFields(long pid) {
    return ProcFile.readOnce(statOf(pid), buffer) ? ProcStat.parse(buffer) : null;
  }

  private static ProcessSample sample(long pid, ProcStat.Fields fields) {
    return new ProcessSample(pid, fields.parentPid(), fields.startMs(), fields.cpuMs(), fields.rssBytes());
  }

  private static String statOf(long pid) {
    return "/proc/" + pid + "/stat";
  }

  @Override
  public void close() {
    for (Member member : members.values()) member.close();
    members.clear();
    list.close();
  }
}
