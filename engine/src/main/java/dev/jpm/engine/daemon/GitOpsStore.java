package dev.jpm.engine.daemon;

import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The GitOps sources and their statuses on disk ({@code JPM_HOME/gitops.json}), written atomically on every
 * change and read back when the daemon starts. An unreadable file is set aside, never deleted.
 */
final class GitOpsStore {

  private static final System.Logger LOG = System.getLogger(GitOpsStore.class.getName());

  private final Path file;

  GitOpsStore(Path file) {
    this.file = file;
  }

  List<GitOpsState> load() {
    if (!Files.exists(file)) return List.of();
    try {
      return Wire.JSON.readValue(Files.readAllBytes(file), new TypeReference<List<GitOpsState>>() {});
    } catch (IOException | JacksonException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
      LOG.log(Level.ERROR, "gitops file " + file + " is unreadable (" + e.getMessage() + "); moved to " + aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        LOG.log(Level.ERROR, "could not move " + file + " aside: " + moveFailed);
      }
      return List.of();
    }
  }

  /** Saves the list; a failure is logged (the sources keep working, the next change tries again). */
  synchronized void save(List<GitOpsState> sources) {
    try {
      AtomicFile.write(file, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(sources));
    } catch (IOException | JacksonException e) {
      LOG.log(Level.ERROR, "could not save " + file + ": " + e);
    }
  }
}
