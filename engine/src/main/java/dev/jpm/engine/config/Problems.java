package dev.jpm.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors and warnings of one load, so that every problem of a file is reported at once. */
final class Problems {

  private static final Comparator<ConfigProblem> IN_FILE_ORDER =
      Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

  private final String file;
  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void error(Position at, String app, String field, String message) {
    errors.add(new ConfigProblem(file, at.line(), at.column(), app, field, message));
  }

  void warning(Position at, String app, String field, String message) {
    warnings.add(new ConfigProblem(file, at.line(), at.column(), app, field, message));
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
