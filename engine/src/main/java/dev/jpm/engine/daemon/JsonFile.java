package dev.jpm.engine.daemon;

import dev.jpm.engine.json.JsonType;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * One JSON file the daemon keeps its state in: written atomically ({@link AtomicFile}), so a crash leaves the old
 * or the new content, never half of it; read back at start, where an unreadable file is set aside as
 * {@code NAME.unreadable} (never deleted, a person may want it) and reads as absent.
 */
final class JsonFile<T> {

  private static final System.Logger LOG = System.getLogger(JsonFile.class.getName());

  private final Path file;
  private final JsonType<T> type;

  JsonFile(Path file, JsonType<T> type) {
    this.file = file;
    this.type = type;
  }

  /** The content; empty when there is no file or it could not be read (then it is set aside and logged). */
  Optional<T> read() {
    if (!Files.exists(file)) return Optional.empty();
    try {
      return Optional.of(Wire.CODEC.read(Files.readAllBytes(file), type));
    } catch (IOException | JacksonException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
      LOG.log(Level.ERROR, file + " is unreadable (" + e.getMessage() + "); moved to " + aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        LOG.log(Level.ERROR, "could not move " + file + " aside: " + moveFailed);
      }
      return Optional.empty();
    }
  }

  void write(T content) throws IOException {
    AtomicFile.write(file, Wire.CODEC.toPrettyBytes(content));
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
