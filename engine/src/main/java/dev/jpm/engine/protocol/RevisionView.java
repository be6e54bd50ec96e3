package dev.jpm.engine.protocol;

/**
 * The git revision an app's folder is at, as PM2's vizion reports it.
 *
 * @param type always {@code git}
 * @param repoPath the repository's work tree (the app's folder or one above it)
 * @param branch the checked-out branch, or null when HEAD is detached
 * @param revision the full commit id of HEAD
 * @param comment the commit message's first line
 * @param author the commit's author name
 * @param commitTimeMs when the commit was made, epoch milliseconds
 * @param remoteUrl the URL of the branch's remote (else {@code origin}), or null
 * @param ahead commits on the branch that its remote-tracking branch lacks
 * @param behind commits on the remote-tracking branch that the branch lacks
 * @param unstaged whether the work tree has uncommitted or untracked changes
 * @param probedAtMs when jpm read this, epoch milliseconds
 */
public record RevisionView(
    String type,
    String repoPath,
    String branch,
    String revision,
    String comment,
    String author,
    long commitTimeMs,
    String remoteUrl,
    int ahead,
    int behind,
    boolean unstaged,
    long probedAtMs) {}
