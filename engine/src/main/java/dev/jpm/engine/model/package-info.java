/**
 * Immutable records and enums shared by every layer: what the user asked for ({@link dev.jpm.engine.model.AppSpec},
 * {@link dev.jpm.engine.model.DesiredState}) and what is running ({@link dev.jpm.engine.model.ProcessRecord},
 * {@link dev.jpm.engine.model.ObservedState}). Imports nothing else of jpm; holds no behaviour beyond invariants,
 * the spec hash, and parsing the two values a file writes as text ({@link dev.jpm.engine.model.CronSchedule},
 * {@link dev.jpm.engine.model.LogDateFormat}) once, so later layers never parse them again.
 */
package dev.jpm.engine.model;
