package dev.jpm.engine.daemon;

import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * The process table on disk: applied specs and instance records. Every write is an {@link AtomicFile} write, so a
 * crash at any point leaves either the old or the new table, never a half-written one.
 */
final class StateStore {

  private static final System.Logger LOG = System.getLogger(StateStore.class.getName());

  private final Path file;

  StateStore(Path file) {
    this.file = file;
  }

  /** The saved table; empty when there is none. An unreadable file is set aside (never deleted) and logged. */
  Optional<ObservedState> load() {
    if (!Files.exists(file)) return Optional.empty();
    try {
      return Optional.of(Wire.JSON.readValue(Files.readAllBytes(file), ObservedState.class));
    } catch (IOException | JacksonException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
      LOG.log(Level.ERROR, "state file " + file + " is unreadable (" + e.getMessage() + "); moved to " + aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        LOG.log(Level.ERROR, "could not move " + file + " aside: " + moveFailed);
      }
      return Optional.empty();
    }
  }

  void save(ObservedState state) throws IOException {
    AtomicFile.write(file, Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
  }
}
