/**
 * The daemon's one Quartz scheduler (in-memory job store, a small thread pool) and its jobs: cron restarts and
 * watch polling. Jobs only decide that an app should restart and hand that to one restart path; they never touch a
 * process themselves. Cron jobs take the Quartz expressions the app's {@link dev.jpm.engine.model.CronSchedule}
 * already holds (parsed when the file was read). The pure parts (the job diff, the snapshot diff, the debounce) are
 * separate from the Quartz and file-system effects.
 */
package dev.jpm.engine.schedule;
