/**
 * What jpm does with git for apps, on top of the {@code git} adapter: moving an app's checkout ({@code pull},
 * {@code forward}, {@code backward}) with its {@code post_update} commands, the revision {@code show} reports, and
 * GitOps sources: ecosystem files followed in a repository, one apply attempt per revision, rollback to the last
 * good revision and the live health of what was applied. Every restart it causes goes through the one restart path
 * it is given ({@link dev.jpm.engine.gitops.AppRestart}).
 */
package dev.jpm.engine.gitops;
