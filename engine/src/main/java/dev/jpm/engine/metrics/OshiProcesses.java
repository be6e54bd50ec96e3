package dev.jpm.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The process list as OSHI reads it. Made once: OSHI's first initialisation costs a few hundred milliseconds, a
 * warm list a few milliseconds. OSHI reports no descendants, so the sampler builds the trees itself.
 */
final class OshiProcesses implements ProcessSource {

  private final OperatingSystem os = new SystemInfo().getOperatingSystem();

  @Override
  public List<ProcessSample> processes() {
    List<OSProcess> all = os.getProcesses();
    List<ProcessSample> samples = new ArrayList<>(all.size());
    for (OSProcess process : all) {
      samples.add(new ProcessSample(process.getProcessID(), process.getParentProcessID(), process.getStartTime(),
          process.getKernelTime() + process.getUserTime(), process.getResidentMemory()));
    }
    return samples;
  }
}
