package dev.jpm.engine.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A clone of one branch or tag of a remote in a folder of its own, and the one file in it that matters (a GitOps
 * source's ecosystem file). The work tree moves only when the caller says so: apps may run from it.
 */
public final class SourceClone {

  private final String remote;
  private final String branchOrTag;
  private final String filePath;
  private final Path dir;

  /**
   * @param remote the repository's URL
   * @param branchOrTag the branch or tag followed
   * @param filePath the file that matters, relative to the work tree
   * @param dir where the clone lives
   */
  public SourceClone(String remote, String branchOrTag, String filePath, Path dir) {
    this.remote = remote;
    this.branchOrTag = branchOrTag;
    this.filePath = filePath;
    this.dir = dir;
  }

  /** The file that matters, in the work tree. */
  public Path file() {
    return dir.resolve(filePath).normalize();
  }

  /** The commit the remote's branch (or tag) points at, read with ls-remote: no objects are fetched. */
  public String remoteHead() {
    GitRuntime.prepare();
    try {
      for (Ref ref : Git.lsRemoteRepository().setRemote(remote).setHeads(true).setTags(true).call()) {
        String name = ref.getName();
        if (name.equals(Constants.R_HEADS + branchOrTag) || name.equals(Constants.R_TAGS + branchOrTag)) {
          ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
          return id.name();
        }
      }
    } catch (GitAPIException e) {
      throw new GitFailure("cannot reach " + remote + ": " + e.getMessage(), e);
    }
    throw new GitFailure(remote + " has no branch or tag " + branchOrTag);
  }

  /** Brings the clone's objects up to date (cloning on first use); the work tree is left where it is. */
  public void fetch() {
    try {
      if (Files.isDirectory(dir.resolve(".git"))) {
        try (Git git = Git.open(dir.toFile())) {
          followTheSourcesUrl(git.getRepository());
          git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setTagOpt(org.eclipse.jgit.transport.TagOpt.FETCH_TAGS)
              .call();
        }
      } else {
        cloneFresh();
      }
    } catch (IOException | GitAPIException e) {
      throw new GitFailure("cannot fetch " + remote + ": " + e.getMessage(), e);
    }
  }

  /** A clone's folder reused for another remote (a source removed and added again) follows the new URL. */
  private void followTheSourcesUrl(Repository repo) throws IOException {
    var config = repo.getConfig();
    if (remote.equals(config.getString("remote", Constants.DEFAULT_REMOTE_NAME, "url"))) return;
    config.setString("remote", Constants.DEFAULT_REMOTE_NAME, "url", remote);
    config.save();
  }

  /** Moves the work tree to {@code revision} (fetched before). */
  public void checkout(String revision) {
    try (Git git = Git.open(dir.toFile())) {
      git.reset().setMode(ResetType.HARD).setRef(revision).call();
    } catch (IOException | GitAPIException e) {
      throw new GitFailure("cannot check out " + abbrev(revision) + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The file's text at {@code revision}, read from the object store; null when it has no such file. */
  public String fileAt(String revision) {
    try (Repository repo = Git.open(dir.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
      var tree = walk.parseCommit(ObjectId.fromString(revision)).getTree();
      try (TreeWalk entry = TreeWalk.forPath(repo, filePath, tree)) {
        if (entry == null) return null;
        return new String(repo.open(entry.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GitFailure("cannot read " + filePath + " at " + abbrev(revision) + ": " + e.getMessage(), e);
    }
  }

  /** A clone that a crash left half-made is replaced: clone to a temporary folder, then rename. */
  private void cloneFresh() throws IOException, GitAPIException {
    Files.createDirectories(dir.getParent());
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    deleteTree(partial);
    Git.cloneRepository().setURI(remote).setDirectory(partial.toFile()).setBranch(branchOrTag).call().close();
    deleteTree(dir);
    Files.move(partial, dir);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
    }
  }

  public static String abbrev(String revision) {
    return revision == null ? "none" : revision.substring(0, Math.min(7, revision.length()));
  }
}
