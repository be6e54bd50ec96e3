/**
 * The pure planners: {@code (DesiredState, ObservedState, PlanOptions) -> Plan} for a file, and {@code (verb,
 * resolved targets, ObservedState) -> Plan} for PM2's imperative verbs. No I/O, no clock, no logging, no randomness:
 * the same inputs give the same plan in the same order, and every action carries its cause.
 *
 * <p>{@link dev.jpm.engine.plan.Planner} and {@link dev.jpm.engine.plan.VerbPlanner} are the entry points; {@code
 * AppPlanner} decides the steps of one app, {@code SpecDiff} names what changed between the applied and the desired
 * spec (split into shape and supervision as {@link dev.jpm.engine.model.SpecFields} declares), {@code
 * DependencyOrder} orders apps along {@code depends_on}. {@link dev.jpm.engine.plan.Plan} is a graph (each step an
 * {@link dev.jpm.engine.plan.Action} with the steps it waits for and its rollout group) that the reconciler walks
 * and the CLI prints.
 */
package dev.jpm.engine.plan;
