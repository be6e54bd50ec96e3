package dev.jpm.engine.git;

import dev.jpm.engine.protocol.GitOpsSource;
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
 * The daemon's clone of one GitOps source under {@code JPM_HOME/gitops/NAME}. Its work tree is what the source's
 * apps run from, so it is only ever moved to a revision being applied or back to the last good one.
 */
final class SourceClone {

  private final GitOpsSource source;
  private final Path dir;

  SourceClone(GitOpsSource source, Path dir) {
    this.source = source;
    this.dir = dir;
  }

  /** The ecosystem file in the work tree. */
  Path file() {
    return dir.resolve(source.path()).normalize();
  }

  /** The commit the remote's branch (or tag) points at, read with ls-remote: no objects are fetched. */
  String remoteHead() {
    GitRuntime.prepare();
    try {
      for (Ref ref : Git.lsRemoteRepository().setRemote(source.repo()).setHeads(true).setTags(true).call()) {
        String name = ref.getName();
        if (name.equals(Constants.R_HEADS + source.ref()) || name.equals(Constants.R_TAGS + source.ref())) {
          ObjectId id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
          return id.name();
        }
      }
    } catch (GitAPIException e) {
      throw new GitFailure("cannot reach " + source.repo() + ": " + e.getMessage(), e);
    }
    throw new GitFailure(source.repo() + " has no branch or tag " + source.ref());
  }

  /** Brings the clone's objects up to date (cloning on first use); the work tree is left where it is. */
  void fetch() {
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
      throw new GitFailure("cannot fetch " + source.repo() + ": " + e.getMessage(), e);
    }
  }

  /** A source removed and added again under the same name may name another repository: its clone follows. */
  private void followTheSourcesUrl(Repository repo) throws IOException {
    var config = repo.getConfig();
    if (source.repo().equals(config.getString("remote", Constants.DEFAULT_REMOTE_NAME, "url"))) return;
    config.setString("remote", Constants.DEFAULT_REMOTE_NAME, "url", source.repo());
    config.save();
  }

  /** Moves the work tree to {@code revision} (fetched before). */
  void checkout(String revision) {
    try (Git git = Git.open(dir.toFile())) {
      git.reset().setMode(ResetType.HARD).setRef(revision).call();
    } catch (IOException | GitAPIException e) {
      throw new GitFailure("cannot check out " + abbrev(revision) + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The ecosystem file's text at {@code revision}, read from the object store; null when it has no such file. */
  String fileAt(String revision) {
    try (Repository repo = Git.open(dir.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
      var tree = walk.parseCommit(ObjectId.fromString(revision)).getTree();
      try (TreeWalk entry = TreeWalk.forPath(repo, source.path(), tree)) {
        if (entry == null) return null;
        return new String(repo.open(entry.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GitFailure("cannot read " + source.path() + " at " + abbrev(revision) + ": " + e.getMessage(), e);
    }
  }

  /** A clone that a crash left half-made is replaced: clone to a temporary folder, then rename. */
  private void cloneFresh() throws IOException, GitAPIException {
    Files.createDirectories(dir.getParent());
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    deleteTree(partial);
    Git.cloneRepository().setURI(source.repo()).setDirectory(partial.toFile()).setBranch(source.ref()).call().close();
    deleteTree(dir);
    Files.move(partial, dir);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
    }
  }

  static String abbrev(String revision) {
    return revision == null ? "none" : revision.substring(0, Math.min(7, revision.length()));
  }
}
