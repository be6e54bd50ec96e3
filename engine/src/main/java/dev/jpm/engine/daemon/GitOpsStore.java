package dev.jpm.engine.daemon;

import dev.jpm.engine.json.JsonType;
import dev.jpm.engine.protocol.GitOpsState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * The GitOps sources and their statuses on disk ({@code JPM_HOME/gitops.json}), written atomically on every
 * change and read back when the daemon starts. An unreadable file is set aside, never deleted.
 */
final class GitOpsStore {

  private static final System.Logger LOG = System.getLogger(GitOpsStore.class.getName());

  private final JsonFile<List<GitOpsState>> file;

  GitOpsStore(Path file) {
    this.file = new JsonFile<>(file, new JsonType<>() {});
  }

  List<GitOpsState> load() {
    return file.read().orElse(List.of());
  }

  /** Saves the list; a failure is logged (the sources keep working, the next change tries again). */
  synchronized void save(List<GitOpsState> sources) {
    try {
      file.write(sources);
    } catch (IOException | JacksonException e) {
      LOG.log(Level.ERROR, "could not save " + file + ": " + e);
    }
  }
}
