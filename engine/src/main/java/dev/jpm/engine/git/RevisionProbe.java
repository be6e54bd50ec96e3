package dev.jpm.engine.git;

import dev.jpm.engine.protocol.RevisionView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads the revision of an app's folder: PM2 vizion's fields (branch, revision, message, author and date, remote
 * URL, ahead/behind the remote-tracking branch, unstaged changes). Local only: it never fetches, so ahead/behind
 * are as of the last fetch.
 */
public final class RevisionProbe {

  private final Clock clock;

  public RevisionProbe(Clock clock) {
    this.clock = clock;
  }

  /** The revision of the repository containing {@code folder}; empty when there is none or it has no commit. */
  public Optional<RevisionView> probe(Path folder) {
    return Jgit.probe(folder, clock);
  }

  /**
   * JGit's part, in a class of its own: it is loaded on the first probe, not with the daemon. JGit's jar is signed,
   * and the first class read from it verifies the whole jar's manifest (~150 security classes and 2 MiB of heap
   * that an idle daemon, which may never run {@code show}, would hold for good).
   */
  private static final class Jgit {

    static Optional<RevisionView> probe(Path folder, Clock clock) {
      Optional<Repository> found = Repositories.containing(folder);
      if (found.isEmpty()) return Optional.empty();
      try (Repository repo = found.get(); RevWalk walk = new RevWalk(repo)) {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) return Optional.empty();
        RevCommit commit = walk.parseCommit(head);
        Branches branches = Branches.of(repo);
        BranchTrackingStatus tracking = branches.branch() == null ? null
            : BranchTrackingStatus.of(repo, branches.branch());
        boolean unstaged = !Git.wrap(repo).status().call().isClean();
        return Optional.of(new RevisionView("git", repo.getWorkTree().toString(), branches.branch(), head.name(),
            commit.getShortMessage(), commit.getAuthorIdent().getName(),
            commit.getAuthorIdent().getWhenAsInstant().toEpochMilli(), branches.remoteUrl(repo),
            tracking == null ? 0 : tracking.getAheadCount(), tracking == null ? 0 : tracking.getBehindCount(),
            unstaged, clock.millis()));
      } catch (IOException | GitAPIException unreadable) {
        return Optional.empty();
      }
    }
  }
}
