package dev.jpm.engine.model;

import java.util.List;

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
    apps = List.copyOf(apps);
  }

  public DesiredState(String source, String profile, List<AppSpec> apps) {
    this(source, profile, apps, null);
  }
}
