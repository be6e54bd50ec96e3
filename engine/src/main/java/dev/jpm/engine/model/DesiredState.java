package dev.jpm.engine.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one ecosystem file asks for, after validation and normalisation.
 *
 * @param source absolute path of the ecosystem file
 * @param profile the {@code --env} profile applied, or null
 * @param apps apps in file order
 * @param metrics the Prometheus endpoint the file asks for ({@code metrics:}), or null when it says nothing
 */
public record DesiredState(String source, String profile, List<AppSpec> apps, MetricsEndpoint metrics) {

  public DesiredState {
    apps = List.copyOf(Objects.requireNonNull(apps, "apps"));
    // The loader reports a repeated name with its line; this guards what arrives over the wire (the planner keys
    // everything by name).
    Set<String> names = new HashSet<>();
    for (AppSpec app : apps)
      if (!names.add(app.name())) throw new IllegalArgumentException("app \"" + app.name() + "\" appears twice");
  }

  public DesiredState(String source, String profile, List<AppSpec> apps) {
    this(source, profile, apps, null);
  }
}
