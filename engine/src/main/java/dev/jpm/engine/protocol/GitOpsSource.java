package dev.jpm.engine.protocol;

import java.util.Objects;

/**
 * An ecosystem file that lives in a git repository and is applied whenever its branch moves.
 *
 * @param name the source's name (also the folder of its clone under {@code JPM_HOME/gitops})
 * @param repo the repository URL (anything JGit can fetch: a path, file://, https://, ssh://)
 * @param ref the branch to follow
 * @param path the ecosystem file, relative to the repository root
 * @param profile the {@code --env} profile, or null
 * @param intervalMs how often the remote is polled
 * @param prune whether apps the file once applied and no longer lists are deleted
 */
public record GitOpsSource(String name, String repo, String ref, String path, String profile, long intervalMs,
    boolean prune) {

  public GitOpsSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(path, "path");
  }
}
