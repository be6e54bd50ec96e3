package dev.jpm.engine.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FS;

/**
 * A real git remote for tests: a bare repository on disk, and an author's clone that commits and pushes to it.
 * Public: the CLI's tests and the bench-like ITs build their remotes with it too.
 */
public final class TestRemote implements AutoCloseable {

  public static final String BRANCH = "main";

  public final Path bare;
  public final Path author;
  private final Git authorGit;

  static {
    measureFileSystemOnce();
  }

  /**
   * JGit measures a file system once per JVM, writing probe files into the first repository it opens; done in the
   * background (as the daemon does), that races with the deletion of a test's temporary folder. Tests measure
   * once, up front, in a folder of their own.
   */
  private static void measureFileSystemOnce() {
    GitRuntime.prepare();
    try {
      Path probe = Files.createTempDirectory("jpm-jgit-probe");
      FS.FileStoreAttributes.setBackground(false);
      FS.FileStoreAttributes.get(probe);
      FS.FileStoreAttributes.setBackground(true);
      Files.delete(probe);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public TestRemote(Path folder) throws IOException, GitAPIException {
    this.bare = folder.resolve("remote.git");
    this.author = folder.resolve("author");
    Git.init().setBare(true).setInitialBranch(BRANCH).setDirectory(bare.toFile()).call().close();
    this.authorGit = Git.init().setInitialBranch(BRANCH).setDirectory(author.toFile()).call();
    authorGit.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toURL()))
        .call();
  }

  /** The URL a clone uses. */
  public String url() {
    return bare.toUri().toString();
  }

  /** Writes files (path relative to the repository root), commits them and pushes; the new commit's id. */
  public String push(String message, Map<String, String> files) throws IOException, GitAPIException {
    String id = commit(message, files);
    authorGit.push().setRemote("origin").add(BRANCH).call();
    return id;
  }

  /** Commits without pushing. */
  public String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    for (var file : files.entrySet()) {
      Path path = author.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
      authorGit.add().addFilepattern(file.getKey()).call();
    }
    PersonIdent who = new PersonIdent("Ada Tester", "ada@example.test");
    RevCommit commit = authorGit.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
        .call();
    return commit.getId().name();
  }

  /** Clones the remote into {@code target} with its branch tracking {@code origin/main}. */
  public Path cloneTo(Path target) throws GitAPIException {
    Git.cloneRepository().setURI(url()).setDirectory(target.toFile()).setBranch(BRANCH).call().close();
    return target;
  }

  @Override
  public void close() {
    authorGit.close();
  }
}
