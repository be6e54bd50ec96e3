package dev.jpm.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an ecosystem file from disk as a user names it: YAML or JSON as text, a JavaScript file through the user's
 * {@code node} ({@link JavaScriptEcosystem}), with the values of exactly the {@code ${VAR}}s the file uses from the
 * caller's environment. The one way from a file name to a {@link LoadResult}, for the CLI and for the daemon's
 * foreground run ({@code jpm run}).
 */
public final class EcosystemFiles {

  private final EcosystemLoader loader;

  /** @param jpmHome where default log and pid files live */
  public EcosystemFiles(Path jpmHome) {
    this.loader = new EcosystemLoader(jpmHome, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Reads the schema and builds its validator now, which every file's first read would do: ~35 ms of a fresh JVM's
   * time, which a second thread can spend while the first starts reading the file.
   */
  public static void prepare() {
    AppNormaliser.prepare();
  }

  /**
   * @param path absolute path of the file
   * @param workingDirectory the caller's folder ({@code process.cwd()} of a JavaScript file)
   * @param env the caller's environment
   * @throws IOException when the file cannot be read (missing: {@link java.nio.file.NoSuchFileException})
   */
  public LoadResult read(Path path, Path workingDirectory, String profile, Map<String, String> env)
      throws IOException {
    if (!Files.exists(path)) throw new java.nio.file.NoSuchFileException(path.toString());
    long size = Files.size(path);
    if (size > SourceLimits.MAX_SIZE) return invalid(new ConfigProblem(path.toString(), 0, 0, null, null,
        SourceLimits.tooLarge(size)));
    if (JavaScriptEcosystem.isJavaScript(path)) return evaluate(path, workingDirectory, profile, env);
    byte[] bytes = Files.readAllBytes(path);
    try {
      return text(path, Utf8.decode(bytes), profile, env);
    } catch (Utf8.Malformed malformed) {
      return invalid(new ConfigProblem(path.toString(), malformed.line(), malformed.column(), null, null,
          "not valid UTF-8 at byte " + malformed.offset() + "; save the file as UTF-8"));
    }
  }

  private static LoadResult invalid(ConfigProblem problem) {
    return new LoadResult(null, List.of(problem), List.of());
  }

  /** An ecosystem given as text (PM2's {@code start -}); {@code path} names it and relative paths resolve by it. */
  public LoadResult text(Path path, String content, String profile, Map<String, String> env) {
    return loader.load(new ConfigSource(path, content, profile, variables(content, env)));
  }

  private LoadResult evaluate(Path path, Path workingDirectory, String profile, Map<String, String> env) {
    return switch (JavaScriptEcosystem.evaluate(path, workingDirectory, env)) {
      case JavaScriptEcosystem.Failed failed -> new LoadResult(null, failed.problems(), List.of());
      case JavaScriptEcosystem.Evaluated evaluated -> {
        LoadResult loaded =
            loader.load(new ConfigSource(path, evaluated.json(), profile, variables(evaluated.json(), env), false));
        yield evaluated.console().isBlank() ? loaded : withWarning(loaded, new ConfigProblem(path.toString(), 0, 0,
            null, null, "the file printed while node evaluated it: " + evaluated.console().strip()));
      }
    };
  }

  private static LoadResult withWarning(LoadResult loaded, ConfigProblem warning) {
    List<ConfigProblem> warnings = new ArrayList<>(loaded.warnings());
    warnings.addFirst(warning);
    return new LoadResult(loaded.desired(), loaded.errors(), warnings);
  }

  /** The caller's values of the {@code ${VAR}}s the text names, and no other. */
  private static Map<String, String> variables(String content, Map<String, String> env) {
    Map<String, String> variables = new TreeMap<>();
    for (String name : VariableReferences.scan(content)) {
      String value = env.get(name);
      if (value != null) variables.put(name, value);
    }
    return variables;
  }
}
