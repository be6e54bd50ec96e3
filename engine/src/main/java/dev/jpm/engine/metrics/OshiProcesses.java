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
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The processes of the apps' trees, their figures read through OSHI ({@link OSProcess#updateAttributes}), and only
 * those that may have changed (decision 0037). OSHI reads five files of a process and parses them as strings,
 * ~200–400 µs a process here: at every sample on every member of 50 idle apps that is over a second of CPU a minute,
 * so a member is read again only when it ran. The sign is the CPU time of its main thread ({@code schedstat}'s first
 * field, kept open and read with one {@code pread}, ~5 µs): a member with one thread whose CPU time stayed put cannot
 * have used CPU, touched memory or forked. The machine's process list is read only when a member may have forked
 * (it ran, or has several threads) and a process was created since the last listing ({@link
 * ProcessList#lastCreated}); the new processes are read once for their parent (one {@code stat}, parsed by {@link
 * ProcStat#parse}: OSHI's own tree queries list and read every process of the machine at each call, 70–300 ms
 * here), and the trees are worked out again only when one of them descends from a member, a member is gone or has a
 * new parent, or the roots change. The lone pid, the daemon itself, is read from its own {@code stat} (see {@link
 * #readLone}). An idle daemon with 50 apps thus reads 100 small files per sample and calls OSHI for nothing, however
 * busy the machine (decisions 0034 and 0037).
 *
 * <p>OSHI is its native-free flavour ({@code oshi.nativefree.SystemInfo}, the same {@code /proc} readers on Linux):
 * ~100 ms to make against ~190 ms, 180 fewer classes and ~3 MiB less RSS than its JNA flavour, which adds udev and
 * rlimit calls the sampler never makes. Made when the first process joins a tree, on the sampler's thread: a daemon
 * without apps never loads it.
 *
 * <p>If the creation sign does not move although a root appeared that no listing saw (a virtualised
 * {@code /proc/loadavg}), it is no longer trusted and the list is read at every sample. Used by the sampler's one
 * thread.
 */
final class OshiProcesses implements ProcessSource {

  /** Members whose {@code schedstat} stays open; any beyond are read through OSHI at every sample. */
  private static final int MAX_OPEN = 512;
  /** A whole stat line (~52 numbers and a name of at most 64 bytes), or a few hundred entries of the listing. */
  private static final int BUFFER_BYTES = 16 * 1024;
  /**
   * How far OSHI's start time of one process may move between two reads: it clamps the start of a process younger
   * than half a second (its boot time is that coarse) to just before the read.
   */
  private static final long START_SLACK_MS = 1000;

  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
  private final ProcessList list = ProcessList.open();
  private OperatingSystem os;
  /** Every process seen: members as read at this sample, the others as read when first listed. */
  private final Map<Long, ProcessSample> known = new HashMap<>();
  /** The processes read at every sample: the trees' members. */
  private final Map<Long, Member> members = new HashMap<>();
  private Set<Long> lastRoots = Set.of();
  /** The lone pid (the daemon itself) and its stat, kept open. */
  private long lonePid;
  private ProcFile loneStat;
  /** The last pid handed out when the list was last read. */
  private long listedAt = Long.MIN_VALUE;
  private boolean creationSignTrusted = true;

  /** A member: OSHI's view of it, when it started (a recycled pid is someone else) and its open schedstat. */
  private static final class Member {
    final OSProcess process;
    final long startMs;
    final ProcFile schedstat;
    long ranNs = -1;
    boolean oneThread;

    Member(OSProcess process, ProcFile schedstat) {
      this.process = process;
      this.startMs = process.getStartTime();
      this.schedstat = schedstat;
    }

    void close() {
      if (schedstat != null) schedstat.close();
    }
  }

  @Override
  public List<ProcessSample> processes(Set<Long> roots, long lone) {
    boolean rootsChanged = !roots.equals(lastRoots);
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
      mayHaveForked = true;
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
    if (changed) chooseMembers(roots);
    lastRoots = Set.copyOf(roots);
    List<ProcessSample> samples = new ArrayList<>(members.size() + 1);
    for (Long pid : members.keySet()) samples.add(known.get(pid));
    ProcessSample self = readLone(lone);
    if (self != null && !members.containsKey(lone)) samples.add(self);
    return samples;
  }

  private enum Reading { GONE, NEW_PARENT, SAME_PARENT }

  /** Reads a member again through OSHI, into {@link #known}. */
  private Reading readMember(long pid, Member member) {
    OSProcess process = member.process;
    if (!process.updateAttributes() || Math.abs(process.getStartTime() - member.startMs) > START_SLACK_MS) {
      known.remove(pid);
      return Reading.GONE;
    }
    member.oneThread = process.getThreadCount() == 1;
    ProcessSample before = known.put(pid, sample(process));
    return before == null || before.parentPid() != process.getParentProcessID()
        ? Reading.NEW_PARENT : Reading.SAME_PARENT;
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

  /** The CPU time of the member's main thread (ns); -1 when unknown (then OSHI reads it every time). */
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

  /** The members for these roots, from the parents known: admits the new ones, closes the leavers'. */
  private void chooseMembers(Set<Long> roots) {
    ProcessForest forest = new ProcessForest(known.values());
    Set<Long> wanted = new HashSet<>();
    for (long root : roots) for (ProcessSample process : forest.tree(root)) wanted.add(process.pid());
    for (Iterator<Map.Entry<Long, Member>> it = members.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Member> entry = it.next();
      if (wanted.contains(entry.getKey())) continue;
      entry.getValue().close();
      it.remove();
    }
    for (long pid : wanted) if (!members.containsKey(pid)) admit(pid);
  }

  private void admit(long pid) {
    OSProcess process = os().getProcess((int) pid);
    if (process == null) {
      known.remove(pid);
      return;
    }
    ProcFile schedstat = null;
    if (members.size() < MAX_OPEN) {
      try {
        schedstat = ProcFile.open("/proc/" + pid + "/schedstat");
      } catch (IOException e) {
        // gone since it was read (the next sample finds it gone), or a kernel without schedstat: read every time
      }
    }
    Member member = new Member(process, schedstat);
    // ranNs stays unknown: its CPU time must be read before a listing, or a child forked in between goes unseen
    member.oneThread = process.getThreadCount() == 1;
    known.put(pid, sample(process));
    members.put(pid, member);
  }

  /** OSHI's process reader, made at the first sample that needs it. */
  private OperatingSystem os() {
    if (os == null) os = new oshi.nativefree.SystemInfo().getOperatingSystem();
    return os;
  }

  /**
   * The lone pid from its own stat, kept open and parsed by jpm: it is the daemon itself, a JVM whose threads run at
   * every sample, so OSHI would read its five files every time (~15 ms of CPU a minute, a seventh of the idle
   * budget of decision 0037) for two figures that one line holds.
   */
  private ProcessSample readLone(long lone) {
    if (lone != lonePid) {
      if (loneStat != null) loneStat.close();
      lonePid = lone;
      try {
        loneStat = ProcFile.open("/proc/" + lone + "/stat");
      } catch (IOException e) {
        loneStat = null;
      }
    }
    if (loneStat == null || !loneStat.readInto(buffer)) return null;
    return sample(lone, ProcStat.parse(buffer));
  }

  /** {@code pid}'s parent and start from its stat, opened, read and closed; null when it is gone. */
  private ProcessSample readOnce(long pid) {
    return ProcFile.readOnce("/proc/" + pid + "/stat", buffer) ? sample(pid, ProcStat.parse(buffer)) : null;
  }

  private static ProcessSample sample(long pid, ProcStat.Fields fields) {
    return fields == null ? null
        : new ProcessSample(pid, fields.parentPid(), fields.startMs(), fields.cpuMs(), fields.rssBytes());
  }

  private static ProcessSample sample(OSProcess process) {
    return new ProcessSample(process.getProcessID(), process.getParentProcessID(), process.getStartTime(),
        process.getKernelTime() + process.getUserTime(), process.getResidentMemory());
  }

  @Override
  public void close() {
    for (Member member : members.values()) member.close();
    members.clear();
    if (loneStat != null) loneStat.close();
    list.close();
  }
}
