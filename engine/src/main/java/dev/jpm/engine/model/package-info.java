/**
 * Immutable records and enums shared by every layer: what the user asked for ({@link dev.jpm.engine.model.AppSpec},
 * {@link dev.jpm.engine.model.DesiredState}) and what is running ({@link dev.jpm.engine.model.ProcessRecord},
 * {@link dev.jpm.engine.model.ObservedState}). Imports nothing else of jpm; holds no behaviour beyond invariants
 * and the spec hash.
 */
package dev.jpm.engine.model;
