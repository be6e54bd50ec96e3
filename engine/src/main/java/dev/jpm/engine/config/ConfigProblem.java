package dev.jpm.engine.config;

/**
 * One thing wrong (or worth a warning) in an ecosystem file, located at a line and column (1-based; 0 when the
 * problem concerns the file as a whole).
 *
 * @param file the file as given to the loader
 * @param line 1-based line, 0 = whole file
 * @param column 1-based column, 0 = whole line or file
 * @param app the app's name, or null when the problem is not about one app
 * @param field the canonical key (dotted below the app, e.g. {@code env.PORT}), or null
 * @param message what is wrong, in words a user can act on
 */
public record ConfigProblem(String file, int line, int column, String app, String field, String message) {

  /** {@code file:line:column: app "api": field: message}, leaving out the parts that are unknown. */
  public String render() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) out.append(':').append(column);
    }
    out.append(": ");
    if (app != null) out.append("app \"").append(app).append("\": ");
    if (field != null) out.append(field).append(": ");
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
