/**
 * Executes plans against the supervisor; the one decider of changes to processes. {@link
 * dev.jpm.engine.reconcile.Reconciler} runs one change at a time (observe, plan, execute, wait for the touched
 * instances to settle), whether it comes from a file, a verb, a schedule, a health check or git; {@link
 * dev.jpm.engine.reconcile.PlanExecutor} walks the plan's graph and never decides.
 */
package dev.jpm.engine.reconcile;
