package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors and warnings of one load, so that every problem of a file is reported at once. */
final class Problems {

  private static final Comparator<ConfigProblem> IN_FILE_ORDER =
      Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

  private final String file;
  private final boolean located;
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  Problems(String file) {
    this(file, true);
  }

  /** @param located false when positions in the text read are not the file's (see {@link ConfigSource#located()}) */
  Problems(String file, boolean located) {
    this.file = file;
    this.located = located;
  }

  void error(Position at, String app, String field, String message) {
    errors.add(problem(at, app, field, message));
  }

  void warning(Position at, String app, String field, String message) {
    warnings.add(problem(at, app, field, message));
  }

  private ConfigProblem problem(Position at, String app, String field, String message) {
    Position where = located ? at : Position.FILE;
    return new ConfigProblem(file, where.line(), where.column(), app, field, message);
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  int errorCount() {
    return errors.size();
  }

  List<ConfigProblem> errors() {
    return errors.stream().sorted(IN_FILE_ORDER).toList();
  }

  List<ConfigProblem> warnings() {
    return warnings.stream().sorted(IN_FILE_ORDER).toList();
  }
}
