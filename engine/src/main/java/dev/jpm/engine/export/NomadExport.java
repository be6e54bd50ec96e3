package dev.jpm.engine.export;

import dev.jpm.engine.json.JsonCodec;
import dev.jpm.engine.model.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Apps as Nomad jobs in the JSON API's form ({@code {"Job": {...}}}, what {@code nomad job run -json} and {@code POST
 * /v1/jobs} read): one service job per jpm namespace ({@code NAMESPACE.nomad.json}) with a group per app, and a batch
 * job of its own for each cron one-shot, since only a batch job can be periodic.
 */
final class NomadExport {

  private static final JsonCodec JSON = new JsonCodec(List.of(), List.of());

  private NomadExport() {}

  static ExportResult export(List<AppSpec> all, List<AppSpec> selected, ExportSettings settings) {
    List<ExportProblem> problems = new ArrayList<>();
    Map<String, String> serviceNames = KubernetesNames.assign(all, problems);
    if (!problems.isEmpty()) return new ExportResult.Refused(problems);
    Map<String, List<Object>> groupsByNamespace = new LinkedHashMap<>();
    List<ExportFile> files = new ArrayList<>();
    List<Loss> losses = new ArrayList<>();
    for (AppSpec app : selected) {
      NomadApp group = new NomadApp(app, serviceNames.get(app.name()), settings);
      if (CronFields.isOneShot(app)) files.add(file(app.name(), group.periodicJob()));
      else groupsByNamespace.computeIfAbsent(app.namespace(), namespace -> new ArrayList<>()).add(group.group());
      losses.addAll(group.losses());
    }
    groupsByNamespace.forEach((namespace, groups) -> files.add(file(namespace, serviceJob(namespace, groups))));
    return new ExportResult.Exported(files, losses);
  }

  /** Long-running apps: a service job keeps every group's count running, replacing what exits. */
  private static Map<String, Object> serviceJob(String id, List<Object> groups) {
    return job(id, "service", null, groups);
  }

  /**
   * A job; {@code Datacenters ["*"]} places it in any datacenter (Nomad 1.5 reads the glob; 1.6 made it the default).
   */
  static Map<String, Object> job(String id, String type, Map<String, Object> periodic, List<Object> groups) {
    return Fields.of("Job", Fields.of("ID", id, "Name", id, "Type", type, "Datacenters", List.of("*"),
        "Periodic", periodic, "TaskGroups", groups));
  }

  private static ExportFile file(String id, Map<String, Object> job) {
    return new ExportFile(id + ".nomad.json", JSON.toPrettyJson(job) + "\n");
  }
}
