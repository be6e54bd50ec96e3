package dev.jpm.engine.metrics;

import dev.jpm.engine.model.InstanceId;

/**
 * What one instance's process tree used at a sample.
 *
 * @param id the instance
 * @param pid its main process
 * @param cpuPercent CPU used by the whole tree since the previous sample, 100 = one core
 * @param rssBytes resident memory of the whole tree
 * @param processes how many processes the tree has
 */
public record InstanceUsage(InstanceId id, long pid, double cpuPercent, long rssBytes, int processes) {}
