/**
 * Git, through JGit (no git binary needed): the revision an app's folder is at (PM2's vizion), moving an app's
 * checkout ({@code pull}, {@code forward}, {@code backward}) with its {@code post_update} commands, and GitOps
 * sources: ecosystem files followed in a repository, one apply attempt per revision, with rollback to the last
 * good revision. Every restart it causes goes through the one restart path it is given ({@link AppRestart}).
 */
package dev.jpm.engine.git;
