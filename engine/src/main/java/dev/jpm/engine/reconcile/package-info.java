/**
 * Executes plans against the supervisor. {@link dev.jpm.engine.reconcile.Reconciler} runs one reconcile at a
 * time (observe, plan, execute, wait for the touched instances to settle); {@link
 * dev.jpm.engine.reconcile.PlanExecutor} acts and never decides.
 */
package dev.jpm.engine.reconcile;
