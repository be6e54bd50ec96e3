package dev.jpm.cli.render;

import dev.jpm.engine.protocol.GitOpsSource;
import dev.jpm.engine.protocol.GitOpsState;
import dev.jpm.engine.protocol.GitOpsStatus;
import java.util.ArrayList;
import java.util.List;

/** The {@code jpm gitops ls} table, and below it why each source that is not synced and healthy is not. */
public final class GitOpsTable {

  private GitOpsTable() {}

  public static List<String> lines(List<GitOpsState> sources, long nowMs, Style style) {
    if (sources.isEmpty()) return List.of("no GitOps sources (jpm gitops add NAME --repo URL --ref BRANCH --path FILE)");
    TextTable table = new TextTable("name", "source", "applied", "attempted", "sync", "health", "checked");
    List<String> reasons = new ArrayList<>();
    for (GitOpsState state : sources) {
      GitOpsSource source = state.source();
      GitOpsStatus status = state.status();
      table.row(source.name(), source.repo() + "@" + source.ref() + ":" + source.path(), abbrev(status.lastApplied()),
          abbrev(status.lastAttempted()), sync(status.sync(), style), health(status.health(), style),
          status.checkedAtMs() == 0 ? "never" : Durations.compact(nowMs - status.checkedAtMs()) + " ago");
      if (!"Synced".equals(status.sync()) || !"Healthy".equals(status.health()))
        reasons.add(source.name() + ": " + status.message());
    }
    List<String> lines = new ArrayList<>(table.lines(style));
    if (!reasons.isEmpty()) lines.add("");
    reasons.forEach(reason -> lines.add(style.yellow(reason)));
    return lines;
  }

  private static String sync(String sync, Style style) {
    return "Synced".equals(sync) ? style.green(sync) : style.yellow(sync);
  }

  private static String health(String health, Style style) {
    return switch (health) {
      case "Healthy" -> style.green(health);
      case "Degraded" -> style.red(health);
      default -> style.yellow(health);
    };
  }

  private static String abbrev(String revision) {
    return revision == null ? "-" : revision.substring(0, Math.min(7, revision.length()));
  }
}
