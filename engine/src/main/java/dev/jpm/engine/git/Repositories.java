package dev.jpm.engine.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Finds the repository an app's folder belongs to, searching upwards as git does. */
public final class Repositories {

  private Repositories() {}

  /** The repository containing {@code folder}, or empty when there is none. The caller closes it. */
  static Optional<Repository> containing(Path folder) {
    GitRuntime.prepare();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(folder.toFile());
    if (builder.getGitDir() == null) return Optional.empty();
    try {
      return Optional.of(builder.setMustExist(true).build());
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The repository containing {@code folder}; a {@link GitFailure} naming the folder, after {@code label} (e.g.
   * {@code app web}), when there is none.
   */
  public static Repository require(Path folder, String label) {
    return containing(folder).orElseThrow(() -> new GitFailure(
        label + ": " + folder + " is not inside a git repository"));
  }
}
