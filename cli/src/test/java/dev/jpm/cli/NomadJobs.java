package dev.jpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.nomad.apimodel.Job;
import com.hashicorp.nomad.apimodel.Port;
import com.hashicorp.nomad.apimodel.Service;
import com.hashicorp.nomad.apimodel.ServiceCheck;
import com.hashicorp.nomad.apimodel.TaskGroup;
import com.hashicorp.nomad.javasdk.ApiObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stream of Nomad jobs in the API's JSON form ({@code {"Job": {...}}}) read by HashiCorp's Java model of Nomad's API
 * ({@code com.hashicorp.nomad:nomad-sdk}, test scope). The model keeps unknown fields aside ({@code @JsonAnySetter} on
 * every type); here that is switched off, so an unknown field, a wrong type or a misspelt key fails. Each job is then
 * written back by the model and must say everything the export said (nothing was read into a wrong place), and jpm's
 * own rules are checked: DNS-label service names, ports in range, checks on ports the group reserves.
 */
final class NomadJobs {

  private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  /** Turns the model's catch-all for unknown fields off: every unknown field is an error. */
  abstract static class StrictApiObject {
    @JsonAnySetter(enabled = false)
    abstract void addUnmappedProperty(String name, Object value);
  }

  private static final ObjectMapper STRICT = new ObjectMapper()
      .addMixIn(ApiObject.class, StrictApiObject.class)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  final List<Job> jobs = new ArrayList<>();

  /** Reads every job of {@code json}; one the model refuses fails with the model's reason. */
  static NomadJobs read(String json) throws IOException {
    NomadJobs read = new NomadJobs();
    try (MappingIterator<JsonNode> documents = STRICT.readerFor(JsonNode.class).readValues(json)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        assertThat(fieldNames(document)).as("a job document").containsExactly("Job");
        Job job = STRICT.treeToValue(document.get("Job"), Job.class);
        assertSaysAll(document.get("Job"), STRICT.valueToTree(job), "Job");
        read.jobs.add(job);
      }
    }
    assertThat(read.jobs).as("jobs in the export").isNotEmpty();
    return read;
  }

  /** Every field of the export is in the model's rewrite with the same value (the model adds its defaults). */
  private static void assertSaysAll(JsonNode written, JsonNode rewritten, String path) {
    if (written.isObject()) {
      for (String name : fieldNames(written)) {
        assertThat(rewritten.has(name)).as("%s.%s kept by the model", path, name).isTrue();
        assertSaysAll(written.get(name), rewritten.get(name), path + "." + name);
      }
    } else if (written.isArray()) {
      assertThat(rewritten.size()).as(path).isEqualTo(written.size());
      for (int i = 0; i < written.size(); i++) assertSaysAll(written.get(i), rewritten.get(i), path + "[" + i + "]");
    } else if (written.isIntegralNumber()) {
      assertThat(rewritten.isIntegralNumber() ? rewritten.longValue() : rewritten).as(path)
          .isEqualTo(written.longValue());
    } else {
      assertThat(rewritten).as(path).isEqualTo(written);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  List<TaskGroup> groups() {
    return jobs.stream().flatMap(job -> job.getTaskGroups().stream()).toList();
  }

  TaskGroup group(String name) {
    return groups().stream().filter(g -> g.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no group " + name));
  }

  /** jpm's own rules, which the model's types do not state. */
  void checkConsistency() {
    for (Job job : jobs) {
      assertThat(job.getId()).isNotBlank();
      assertThat(job.getType()).isIn("service", "batch");
      if (job.getPeriodic() != null) assertThat(job.getType()).as("only batch jobs are periodic").isEqualTo("batch");
      for (TaskGroup group : job.getTaskGroups()) checkGroup(group);
    }
  }

  private static void checkGroup(TaskGroup group) {
    assertThat(group.getTasks()).hasSize(1);
    assertThat(group.getCount()).isNotNegative();
    List<Port> ports = group.getNetworks() == null ? List.of() : group.getNetworks().stream()
        .flatMap(network -> network.getReservedPorts().stream()).toList();
    ports.forEach(port -> assertThat(port.getValue()).isBetween(1, 65535));
    Set<String> labels = ports.stream().map(Port::getLabel).collect(Collectors.toSet());
    if (group.getServices() == null) return;
    for (Service service : group.getServices()) {
      assertThat(service.getName()).hasSizeLessThanOrEqualTo(63).matches(DNS_1035);
      assertThat(labels).contains(service.getPortLabel());
      for (ServiceCheck check : service.getChecks()) {
        assertThat(labels).contains(check.getPortLabel());
        assertThat(check.getInterval()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(check.getType()).isIn("http", "tcp");
      }
    }
    Object config = group.getTasks().getFirst().getConfig();
    assertThat(config).isInstanceOf(Map.class);
  }
}
