/**
 * The daemon's one Quartz scheduler (in-memory job store, a small thread pool) and its jobs: cron restarts and
 * watch polling. Jobs only decide that an app should restart and hand that to one restart path; they never touch a
 * process themselves. The pure parts ({@link dev.jpm.engine.schedule.CronTranslation}, the job diff, the snapshot
 * diff, the debounce) are separate from the Quartz and file-system effects.
 */
package dev.jpm.engine.schedule;
