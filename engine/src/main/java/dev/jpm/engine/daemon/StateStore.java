package dev.jpm.engine.daemon;

import dev.jpm.engine.json.JsonType;
import dev.jpm.engine.model.ObservedState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process table on disk: applied specs and instance records. Every write is an {@link AtomicFile} write, so a
 * crash at any point leaves either the old or the new table, never a half-written one.
 */
final class StateStore {

  private final JsonFile<ObservedState> file;

  StateStore(Path file) {
    this.file = new JsonFile<>(file, new JsonType<>() {});
  }

  /** The saved table; empty when there is none. An unreadable file is set aside (never deleted) and logged. */
  Optional<ObservedState> load() {
    return file.read();
  }

  void save(ObservedState state) throws IOException {
    file.write(state);
  }
}
