package dev.jpm.cli.render;

import dev.jpm.engine.protocol.InstanceView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ls --sort FIELD[:asc|desc]} as PM2 reads it: name, id (pm_id), pid, cpu, memory, uptime, restarts or
 * status, ascending unless {@code :desc}. Ties keep the table's order. Pure.
 */
public final class ListOrder {

  private static final Map<String, Comparator<InstanceView>> FIELDS = Map.of(
      "name", Comparator.comparing(InstanceView::name),
      "id", Comparator.comparingInt(InstanceView::pmId),
      "pid", Comparator.comparingLong(InstanceView::pid),
      "cpu", Comparator.comparingDouble(row -> row.cpuPercent() == null ? 0 : row.cpuPercent()),
      "memory", Comparator.comparingLong(row -> row.memoryBytes() == null ? 0 : row.memoryBytes()),
      "uptime", Comparator.comparingLong(InstanceView::uptimeMs),
      "restarts", Comparator.comparingInt(InstanceView::restarts),
      "status", Comparator.comparing(InstanceView::status));

  private ListOrder() {}

  /** The rows in the order {@code sort} asks for; throws with the accepted fields when it names none. */
  public static List<InstanceView> sorted(List<InstanceView> rows, String sort) {
    String[] parts = sort.toLowerCase(Locale.ROOT).split(":", -1);
    Comparator<InstanceView> order = FIELDS.get(parts[0]);
    boolean known = order != null && parts.length <= 2;
    String direction = parts.length == 2 ? parts[1] : "asc";
    if (!known || !(direction.equals("asc") || direction.equals("desc")))
      throw new IllegalArgumentException("cannot sort by '" + sort + "': give one of "
          + FIELDS.keySet().stream().sorted().toList() + ", optionally followed by :asc or :desc (e.g. memory:desc)");
    return rows.stream().sorted(direction.equals("desc") ? order.reversed() : order).toList();
  }
}
