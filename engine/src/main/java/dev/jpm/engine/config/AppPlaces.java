package dev.jpm.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each app of a file is written, for problems found after loading, such as {@code jpm export}'s app without an
 * image: the problem points at the app's {@code name} (or, without one, its {@code script}), the way the loader's own
 * problems point at a key. A JavaScript file has no places (its apps come from node's output), as for the loader.
 */
public final class AppPlaces {

  private final String file;
  private final Map<String, Position> places;

  private AppPlaces(String file, Map<String, Position> places) {
    this.file = file;
    this.places = Map.copyOf(places);
  }

  /** The places of the apps of {@code file} (absolute), read from disk. */
  public static AppPlaces read(Path file) throws IOException {
    Map<String, Position> places = new HashMap<>();
    if (JavaScriptEcosystem.isJavaScript(file)) return new AppPlaces(file.toString(), places);
    ConfigSource source = new ConfigSource(file, Files.readString(file), null, Map.of());
    Problems ignored = new Problems(file.toString());
    SourceReader.read(source, ignored).ifPresent(tree -> {
      for (AppNode app : AppLocator.locate(tree, ignored)) {
        String name = SpecMapper.nameOf(app.node());
        String key = app.node().has("name") ? "name" : "script";
        if (name != null) places.putIfAbsent(name, tree.keyAt(SourceTree.child(app.pointer(), key)));
      }
    });
    return new AppPlaces(file.toString(), places);
  }

  /** A problem of {@code app}'s {@code field}, at the app's place in the file (the whole file when unknown). */
  public ConfigProblem problem(String app, String field, String message) {
    Position at = places.getOrDefault(app, Position.FILE);
    return new ConfigProblem(file, at.line(), at.column(), app, field, message);
  }
}
