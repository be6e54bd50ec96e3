package dev.jpm.engine.git;

import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A checkout and the revisions it can move to: fetch, the remote-tracking head or a named commit (pull), the next
 * commit towards the remote-tracking head (forward), the first parent (backward), and the hard reset that moves the
 * branch there, as PM2 does ({@code git reset --hard}). Failures are {@link GitFailure}s that start with the label
 * the caller gave (e.g. {@code app web}).
 */
public final class Checkout {

  private final Repository repo;
  private final String label;

  public Checkout(Repository repo, String label) {
    this.repo = repo;
    this.label = label;
  }

  public ObjectId head() throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD);
    if (head == null) throw new GitFailure(label + ": " + repo.getWorkTree() + " has no commit yet");
    return head;
  }

  /** Refuses to move over uncommitted edits to tracked files: a hard reset would destroy them. */
  public void requireNoLocalEdits() throws GitAPIException {
    var status = Git.wrap(repo).status().call();
    if (status.hasUncommittedChanges())
      throw new GitFailure(label + ": " + repo.getWorkTree() + " has uncommitted changes ("
          + String.join(", ", status.getUncommittedChanges().stream().sorted().limit(5).toList())
          + "); commit or stash them first");
  }

  public void fetch() throws IOException {
    Branches branches = branches();
    try {
      Git.wrap(repo).fetch().setRemote(branches.remote()).call();
    } catch (GitAPIException e) {
      throw new GitFailure(label + ": fetch from " + branches.remote() + " failed: " + e.getMessage(), e);
    }
  }

  /** Where {@code pull} goes: {@code commit} when given, else the remote-tracking branch's head. */
  public ObjectId pullTarget(String commit) throws IOException {
    if (commit != null && !commit.isBlank()) {
      ObjectId id = repo.resolve(commit + "^{commit}");
      if (id == null) throw new GitFailure(label + ": no commit " + commit + " in " + repo.getWorkTree()
          + " (after fetching)");
      return id;
    }
    return trackingHead();
  }

  /** The commit after HEAD on the way to the remote-tracking head. */
  public ObjectId next() throws IOException {
    ObjectId head = head();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(trackingHead()));
      RevCommit child = null;
      for (RevCommit commit : walk) {
        if (commit.equals(head)) {
          if (child == null) throw new GitFailure(label + ": already at the newest commit " + abbrev(head));
          return child;
        }
        child = commit;
      }
    }
    throw new GitFailure(label + ": HEAD " + abbrev(head) + " is not on the history of "
        + branches().trackingRef() + "; use jpm pull");
  }

  /** The first parent of HEAD. */
  public ObjectId previous() throws IOException {
    ObjectId head = head();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(head);
      if (commit.getParentCount() == 0)
        throw new GitFailure(label + ": already at the first commit " + abbrev(head));
      return commit.getParent(0);
    }
  }

  public void moveTo(ObjectId target) {
    try {
      Git.wrap(repo).reset().setMode(ResetType.HARD).setRef(target.name()).call();
    } catch (GitAPIException e) {
      throw new GitFailure(label + ": could not check out " + abbrev(target) + ": " + e.getMessage(), e);
    }
  }

  private ObjectId trackingHead() throws IOException {
    Branches branches = branches();
    ObjectId tip = branches.trackingHead(repo);
    if (tip == null) throw new GitFailure(label + ": branch " + branches.branch() + " has no remote-tracking "
        + "branch (" + branches.trackingRef() + ")");
    return tip;
  }

  private Branches branches() throws IOException {
    Branches branches = Branches.of(repo);
    if (branches.branch() == null)
      throw new GitFailure(label + ": " + repo.getWorkTree() + " is on a detached HEAD; check out a branch");
    return branches;
  }

  public static String abbrev(ObjectId id) {
    return id.name().substring(0, 7);
  }
}
