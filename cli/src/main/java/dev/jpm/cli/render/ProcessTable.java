package dev.jpm.cli.render;

import dev.jpm.engine.protocol.InstanceView;
import java.util.List;

/**
 * The {@code jpm ls} table: PM2's {@code id} (pm_id) first, then the instance as jpm names it ({@code NAME#INDEX});
 * either is a target for every verb.
 */
public final class ProcessTable {

  private ProcessTable() {}

  public static List<String> lines(List<InstanceView> instances, Style style) {
    if (style.pm2()) return Pm2Table.lines(instances, style);
    if (instances.isEmpty()) return List.of("no apps (jpm apply FILE starts some)");
    TextTable table = new TextTable("id", "name", "mode", "pid", "status", "restarts", "uptime", "cpu", "mem");
    for (InstanceView row : instances) {
      table.row(Integer.toString(row.pmId()), row.id(), row.mode(), row.pid() > 0 ? Long.toString(row.pid()) : "-",
          status(row, style), Integer.toString(row.restarts()), Durations.compact(row.uptimeMs()),
          Usage.cpu(row.cpuPercent()), Usage.memory(row.memoryBytes()));
    }
    return table.lines(style);
  }

  /**
   * The state, with readiness where it is not simply ready ({@code online (starting)}); lost log lines are worth a
   * look, so they show next to it ({@code online, 12 log lines lost}).
   */
  public static String status(InstanceView row, Style style) {
    String word = row.status().equals("online") && row.readiness() != null && !row.readiness().equals("ready")
        ? style.yellow(row.status() + " (" + row.readiness() + ")")
        : switch (row.status()) {
          case "online" -> style.green(row.status());
          case "errored" -> style.red(row.status());
          case "stopped" -> style.dim(row.status());
          default -> style.yellow(row.status());
        };
    return row.logDropped() == 0 ? word : word + style.red(", " + row.logDropped() + " log lines lost");
  }
}
