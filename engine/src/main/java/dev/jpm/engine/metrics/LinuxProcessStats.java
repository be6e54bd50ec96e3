package dev.jpm.engine.metrics;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oshi.driver.linux.proc.AuxvJNA;
import oshi.util.driver.linux.proc.Auxv;
import oshi.util.driver.linux.proc.CpuStat;
import oshi.util.driver.linux.proc.ProcessStat;
import oshi.util.driver.linux.proc.ProcessStat.PidStat;
import oshi.util.tuples.Triplet;

/**
 * The process list on Linux through OSHI's {@code /proc/<pid>/stat} driver: one file per process holds all a sample
 * needs (parent, CPU ticks, resident pages, start time). OSHI's full process objects read five more files per
 * process (status, io, the exe link, the owner...), which made a sample 3–4× dearer on a machine's every process.
 * The clock tick rate, page size and boot time come from OSHI's drivers too ({@code /proc/self/auxv},
 * {@code /proc/stat}), not from its {@code OperatingSystem} object, whose construction loads ~150 classes and
 * libudev into the daemon for three numbers.
 */
final class LinuxProcessStats implements ProcessSource {

  private final long hz;
  private final long pageSize;
  private final long bootMs = CpuStat.getBootTime() * 1000;

  LinuxProcessStats() {
    Map<Integer, Long> auxv = AuxvJNA.queryAuxv();
    hz = positiveOr(auxv.get(Auxv.AT_CLKTCK), 100); // OSHI's own fallbacks when the vector lacks them
    pageSize = positiveOr(auxv.get(Auxv.AT_PAGESZ), 4096);
  }

  private static long positiveOr(Long value, long fallback) {
    return value != null && value > 0 ? value : fallback;
  }

  @Override
  public List<ProcessSample> processes() {
    File[] pids = ProcessStat.getPidFiles();
    List<ProcessSample> samples = new ArrayList<>(pids.length);
    for (File file : pids) {
      int pid = Integer.parseInt(file.getName());
      Triplet<String, Character, Map<PidStat, Long>> stat = ProcessStat.getPidStats(pid);
      if (stat == null || stat.getC() == null) continue; // exited between the listing and the read
      Map<PidStat, Long> fields = stat.getC();
      long ticks = fields.getOrDefault(PidStat.UTIME, 0L) + fields.getOrDefault(PidStat.STIME, 0L);
      samples.add(new ProcessSample(pid, fields.getOrDefault(PidStat.PPID, 0L),
          bootMs + fields.getOrDefault(PidStat.STARTTIME, 0L) * 1000 / hz, ticks * 1000 / hz,
          fields.getOrDefault(PidStat.RSS, 0L) * pageSize));
    }
    return samples;
  }
}
