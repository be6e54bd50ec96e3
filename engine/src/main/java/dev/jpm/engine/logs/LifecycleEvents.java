package dev.jpm.engine.logs;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an instance's state changes into daemon events on the {@link LogBus} ("online, pid 42", "exited with code
 * 1; restarting", "errored: ..."). Called by the supervisor on every transition, under the instance's lock, so it
 * only formats and publishes (which never blocks).
 */
public final class LifecycleEvents {

  private final LogBus bus;
  private final Map<InstanceId, ProcessStatus> last = new ConcurrentHashMap<>();

  public LifecycleEvents(LogBus bus) {
    this.bus = bus;
  }

  /** The instance now is as {@code record} says. */
  public void transitioned(ProcessRecord record) {
    ProcessStatus before = last.put(record.id(), record.status());
    String text = describe(before, record);
    if (text != null) bus.event(record.id().app(), record.id().index(), text);
  }

  /** The event for a change from {@code before} (null: first seen) to {@code now}; null when not worth a line. */
  static String describe(ProcessStatus before, ProcessRecord now) {
    return switch (now.status()) {
      case LAUNCHING -> before == ProcessStatus.ONLINE ? "exited with " + exit(now) + "; restarting" : null;
      case ONLINE -> (now.restarts() > 0 ? "restarted" : "started") + ", pid " + now.pid();
      case WAITING_RESTART, ERRORED -> now.status().word() + (now.reason() == null ? "" : ": " + now.reason());
      case STOPPING -> "stopping";
      case STOPPED -> before == ProcessStatus.ONLINE ? "exited with " + exit(now)
          : before == ProcessStatus.STOPPED || before == null ? null : "stopped";
    };
  }

  private static String exit(ProcessRecord record) {
    if (record.lastSignal() != null) return "signal SIG" + record.lastSignal();
    return "code " + record.lastExitCode();
  }
}
