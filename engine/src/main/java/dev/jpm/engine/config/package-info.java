/**
 * Ecosystem files: reading YAML 1.2 or strict JSON with line/column marks, mapping PM2's aliases and camelCase
 * spellings to canonical keys, validating against {@code ecosystem.schema.json}, merging {@code --env} profiles and
 * normalising each app into an {@link dev.jpm.engine.model.AppSpec} once.
 *
 * <p>Entry points: {@link dev.jpm.engine.config.EcosystemLoader} for files and {@link dev.jpm.engine.config.AppSpecs}
 * for PM2's one-line {@code start SCRIPT}. Every problem of a file is reported at once as a
 * {@link dev.jpm.engine.config.ConfigProblem} with file:line:column. This package only reads: it never starts a
 * process, writes a file or talks to the daemon (it does look at the file system to check that scripts and working
 * directories exist).
 */
package dev.jpm.engine.config;
