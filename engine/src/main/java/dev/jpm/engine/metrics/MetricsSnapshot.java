package dev.jpm.engine.metrics;

import dev.jpm.engine.model.InstanceId;
import java.util.Map;
import java.util.Optional;

/**
 * One sample, immutable: readable by any thread while the sampler prepares the next.
 *
 * @param sampledAtMs when it was taken (epoch ms), 0 before the first sample
 * @param instances usage of every running instance's tree
 * @param daemon the daemon's own usage (its id is {@link #DAEMON})
 */
public record MetricsSnapshot(long sampledAtMs, Map<InstanceId, InstanceUsage> instances, InstanceUsage daemon) {

  /** How the daemon itself is named in a snapshot. */
  public static final InstanceId DAEMON = new InstanceId("jpm-daemon", 0);

  public static final MetricsSnapshot EMPTY = new MetricsSnapshot(0, Map.of(), new InstanceUsage(DAEMON, 0, 0, 0, 0));

  public MetricsSnapshot {
    instances = Map.copyOf(instances);
  }

  /** The usage of {@code id} when its current process was sampled. */
  public Optional<InstanceUsage> usage(InstanceId id, long pid) {
    InstanceUsage usage = instances.get(id);
    return usage != null && usage.pid() == pid ? Optional.of(usage) : Optional.empty();
  }
}
