package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --image node=node:22-slim,python=python:3.12-slim}: the image of every app that sets no {@code image} of its
 * own, by the program it runs. Never a guess: an app with neither is refused.
 *
 * @param byProgram image by program name ({@code node}, {@code python}, {@code java}, {@code bash})
 */
public record ImageDefaults(Map<String, String> byProgram) {

  public static final ImageDefaults NONE = new ImageDefaults(Map.of());

  public ImageDefaults {
    byProgram = Map.copyOf(byProgram);
  }

  /**
   * Reads {@code PROGRAM=IMAGE} pairs.
   *
   * @throws IllegalArgumentException naming the pair that is not one
   */
  public static ImageDefaults parse(List<String> pairs) {
    Map<String, String> images = new LinkedHashMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1)
        throw new IllegalArgumentException("--image " + pair + ": write PROGRAM=IMAGE, e.g. node=node:22-slim");
      images.put(pair.substring(0, equals).strip().toLowerCase(Locale.ROOT), pair.substring(equals + 1).strip());
    }
    return new ImageDefaults(images);
  }

  /** The app's own image, else the default for its program. */
  Optional<String> imageOf(AppSpec app) {
    return Optional.ofNullable(app.image()).or(() -> Optional.ofNullable(byProgram.get(program(app))));
  }

  /** The problem of an app without an image, saying both ways to give one. */
  static ExportProblem missing(AppSpec app) {
    return new ExportProblem(app.name(), "image", "no container image to run it in: add image: IMAGE to the app,"
        + " or give jpm export --image " + program(app) + "=IMAGE");
  }

  /**
   * The name the program goes by: {@code node} for Node (also {@code nodejs}), else the executable's file name
   * without a version suffix ({@code /usr/bin/python3.12} is {@code python}).
   */
  static String program(AppSpec app) {
    if (app.runsOnNode()) return "node";
    String executable = app.command().getFirst();
    String base = executable.substring(executable.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String unversioned = base.replaceFirst("[0-9.]+$", "");
    return unversioned.isEmpty() ? base : unversioned;
  }
}
