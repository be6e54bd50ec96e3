package dev.jpm.engine.daemon;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * PM2's {@code save}, {@code resurrect} and {@code cleardump}. jpm already saves its table on every change and a new
 * daemon restores it; the dump is the list a user chose to keep ({@code pm2 save} after changes), which
 * {@code resurrect} brings back on a machine or home whose table is gone. Resurrect is idempotent: an app whose name
 * runs already is left as it is, so running it twice duplicates nothing.
 */
final class DumpVerbs {

  /** A save was refused; nothing was written. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final Supervisor supervisor;
  private final Reconciler reconciler;
  private final Views views;
  private final DumpStore store;
  private final Clock clock;

  DumpVerbs(Supervisor supervisor, Reconciler reconciler, Views views, DumpStore store, Clock clock) {
    this.supervisor = supervisor;
    this.reconciler = reconciler;
    this.views = views;
    this.store = store;
    this.clock = clock;
  }

  Response save(boolean force) {
    List<AppSpec> apps = supervisor.observe().apps().values().stream().map(ObservedApp::applied).toList();
    if (apps.isEmpty() && !force)
      throw new Refused("nothing to save: the process table is empty, and an empty dump would make resurrect bring"
          + " back nothing; jpm save --force writes it anyway (jpm cleardump too)");
    write(new DumpStore.Dump(clock.millis(), apps));
    return new Response.Done("saved " + apps.size() + " apps to " + store.file());
  }

  Response clear() {
    write(new DumpStore.Dump(clock.millis(), List.of()));
    return new Response.Done("emptied " + store.file() + " (the previous dump is in dump.json.bak)");
  }

  private void write(DumpStore.Dump dump) {
    try {
      store.save(dump);
    } catch (IOException e) {
      throw new Refused("could not write " + store.file() + ": " + e.getMessage()
          + "; the previous dump is unchanged");
    }
  }

  /** Starts every app of the dump whose name is not in the table, each group as its file applied it. */
  Response resurrect(Consumer<String> progress) {
    DumpStore.Dump dump = store.load().orElseThrow(() -> new Refused(
        "nothing to resurrect: " + store.file() + " is missing or unreadable, and so is its backup (jpm save writes it)"));
    ObservedState table = supervisor.observe();
    List<AppSpec> missing = dump.apps().stream().filter(app -> !table.apps().containsKey(app.name())).toList();
    List<String> plan = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    dump.apps().stream().filter(app -> table.apps().containsKey(app.name()))
        .forEach(app -> plan.add("= keep " + app.name() + " (runs already)"));
    for (Map.Entry<String, List<AppSpec>> group : bySource(missing).entrySet()) {
      String source = group.getKey().isEmpty() ? null : group.getKey();
      Set<String> names = group.getValue().stream().map(AppSpec::name).collect(Collectors.toSet());
      Reconciler.Outcome outcome = reconciler.apply(new DesiredState(source, null, group.getValue()),
          new PlanOptions(false, names), progress);
      plan.addAll(outcome.plan().lines());
      failures.addAll(outcome.failures());
    }
    return new Response.Applied(plan, List.of(), failures, views.table(supervisor.observe()));
  }

  private static Map<String, List<AppSpec>> bySource(List<AppSpec> apps) {
    Map<String, List<AppSpec>> groups = new LinkedHashMap<>();
    for (AppSpec app : apps)
      groups.computeIfAbsent(Objects.requireNonNullElse(app.source(), ""), source -> new ArrayList<>()).add(app);
    return groups;
  }
}
