package dev.jpm.engine.config;

import dev.jpm.engine.model.MetricsEndpoint;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code metrics:} section, in an ecosystem file ({@code port}, {@code host}) and in the daemon's settings
 * (also {@code sample_interval}). Every problem is reported located; a bad section yields nothing.
 */
final class MetricsSection {

  static final String PORT = "port";
  static final String HOST = "host";
  static final String SAMPLE_INTERVAL = "sample_interval";

  private final SourceTree tree;
  private final String pointer;
  private final Problems problems;

  MetricsSection(SourceTree tree, String pointer, Problems problems) {
    this.tree = tree;
    this.pointer = pointer;
    this.problems = problems;
  }

  /**
   * The endpoint the section asks for; empty when there is no section, it names no port, or it is wrong.
   *
   * @param keys the keys this file allows in the section
   * @param portRequired whether a section without a port is an error (in an ecosystem file it has no other use)
   */
  Optional<MetricsEndpoint> endpoint(Set<String> keys, boolean portRequired) {
    JsonNode section = tree.root().at(pointer);
    if (section.isMissingNode()) return Optional.empty();
    if (!(section instanceof ObjectNode object)) {
      error(pointer, "metrics must be an object such as {port: 9209, host: 127.0.0.1}, got " + SchemaMessages.shown(section));
      return Optional.empty();
    }
    int before = problems.errorCount();
    for (String key : object.propertyNames()) {
      if (keys.contains(key)) continue;
      String hint = NearestKey.among(key, keys).map(near -> "; did you mean " + near + "?")
          .orElse("; metrics may hold " + String.join(", ", keys.stream().sorted().toList()));
      problems.error(tree.keyAt(SourceTree.child(pointer, key)), null, null,
          "metrics: unknown key '" + key + "'" + hint);
    }
    JsonNode port = object.path(PORT);
    if (port.isMissingNode() && portRequired)
      error(pointer, "metrics needs a port: metrics: {port: 9209} serves http://127.0.0.1:9209/metrics");
    if (!port.isMissingNode() && !(port.isIntegralNumber() && port.asInt() >= 0 && port.asInt() <= 65535))
      error(SourceTree.child(pointer, PORT), "metrics.port must be a TCP port 0..65535 (0: any free port), got "
          + SchemaMessages.shown(port));
    JsonNode host = object.path(HOST);
    if (!host.isMissingNode() && !(host.isString() && !host.asString().isBlank()))
      error(SourceTree.child(pointer, HOST), "metrics.host must be an address such as 127.0.0.1, got "
          + SchemaMessages.shown(host));
    if (problems.errorCount() > before || port.isMissingNode()) return Optional.empty();
    return Optional.of(new MetricsEndpoint(host.asString(MetricsEndpoint.DEFAULT_HOST), port.asInt()));
  }

  /** {@code sample_interval} in ms, when given and valid (at least 100 ms). */
  OptionalLong sampleIntervalMs() {
    JsonNode value = tree.root().at(pointer).path(SAMPLE_INTERVAL);
    if (value.isMissingNode()) return OptionalLong.empty();
    OptionalLong ms = Durations.parse(value);
    if (ms.isEmpty() || ms.getAsLong() < 100) {
      error(SourceTree.child(pointer, SAMPLE_INTERVAL),
          "metrics.sample_interval must be a duration of at least 100ms (e.g. 2s), got " + SchemaMessages.shown(value));
      return OptionalLong.empty();
    }
    return ms;
  }

  private void error(String at, String message) {
    problems.error(tree.valueAt(at), null, null, message);
  }
}
