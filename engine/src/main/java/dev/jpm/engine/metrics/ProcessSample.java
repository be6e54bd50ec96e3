package dev.jpm.engine.metrics;

/**
 * One OS process at the moment of a sample.
 *
 * @param pid process id
 * @param parentPid parent's pid (0 when none)
 * @param startMs when it started (epoch ms), so a recycled pid is not taken for the process it replaced
 * @param cpuMs CPU time it used so far (user + system)
 * @param rssBytes resident memory
 */
record ProcessSample(long pid, long parentPid, long startMs, long cpuMs, long rssBytes) {}
