package dev.jpm.engine.daemon;

import dev.jpm.engine.json.JsonType;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.protocol.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * PM2's dump ({@code jpm save}): the apps a user chose to keep, in {@code JPM_HOME/dump.json}, with the previous
 * dump kept as {@code dump.json.bak}. Both are written with {@link AtomicFile}, the backup first, so a crash or a full
 * disk at any point leaves at least the last good dump readable; a read falls back to the backup when the dump is
 * missing or unreadable, and never moves or deletes either (a person may want them).
 */
final class DumpStore {

  /**
   * What {@code jpm save} wrote.
   *
   * @param savedAtMs when (epoch ms)
   * @param apps every app of the table as applied: instances, env after the profile, the file it came from
   */
  record Dump(long savedAtMs, List<AppSpec> apps) {
    Dump {
      apps = List.copyOf(apps);
    }
  }

  private static final JsonType<Dump> TYPE = new JsonType<>() {};

  private final Path file;
  private final Path backup;

  DumpStore(Path home) {
    this.file = home.resolve("dump.json");
    this.backup = home.resolve("dump.json.bak");
  }

  Path file() {
    return file;
  }

  /** Writes {@code dump}, first copying the current dump (when readable) to the backup. */
  void save(Dump dump) throws IOException {
    if (read(file).isPresent()) AtomicFile.write(backup, Files.readAllBytes(file));
    AtomicFile.write(file, Wire.CODEC.toPrettyBytes(dump));
  }

  /** The dump, else the backup when the dump is missing or unreadable; empty when neither can be read. */
  Optional<Dump> load() {
    Optional<Dump> dump = read(file);
    return dump.isPresent() ? dump : read(backup);
  }

  private static Optional<Dump> read(Path path) {
    try {
      return Optional.of(Wire.CODEC.read(Files.readAllBytes(path), TYPE));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException | JacksonException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
