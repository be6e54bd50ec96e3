/**
 * The pure planner: {@code (DesiredState, ObservedState, PlanOptions) -> Plan}. No I/O, no clock, no logging, no
 * randomness: the same inputs give the same plan in the same order, and every action carries its cause.
 *
 * <p>{@link dev.jpm.engine.plan.Planner} is the entry point; {@code AppPlanner} decides the steps of one app,
 * {@code SpecDiff} names what changed between the applied and the desired spec (split like the spec hash into
 * shape and supervision), {@code DependencyOrder} orders apps along {@code depends_on}. {@link
 * dev.jpm.engine.plan.Plan} and {@link dev.jpm.engine.plan.Action} are the data the reconciler executes and the CLI
 * prints.
 */
package dev.jpm.engine.plan;
