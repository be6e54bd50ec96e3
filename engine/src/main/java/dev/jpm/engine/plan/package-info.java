/**
 * The pure planner: {@code (DesiredState, ObservedState, PlanOptions) -> Plan}. No I/O, no clock, no logging;
 * every action carries its cause.
 */
package dev.jpm.engine.plan;
