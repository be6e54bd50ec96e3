package dev.jpm.engine.config;

import dev.jpm.engine.model.DesiredState;
import java.util.List;

/**
 * What loading a file produced: the desired state when the file has no error, and every problem found.
 *
 * @param desired the normalised apps, or null when {@code errors} is not empty
 * @param errors problems that make the file unusable, in file order
 * @param warnings problems that do not (ignored PM2 options, the deploy section, ...)
 */
public record LoadResult(DesiredState desired, List<ConfigProblem> errors, List<ConfigProblem> warnings) {

  public LoadResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if (errors.isEmpty() == (desired == null))
      throw new IllegalArgumentException("desired must be present exactly when there are no errors, errors: " + errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
