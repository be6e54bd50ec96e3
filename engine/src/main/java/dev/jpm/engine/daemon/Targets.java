package dev.jpm.engine.daemon;

import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a verb's targets mean, decided in one place for every verb, against one snapshot of the table; pure. A
 * target is, in this order (PM2's {@code _operate}): {@code all}; a {@code /regex/} found in app names; a number,
 * PM2's {@code pm_id} (an app named by digits only is still found by its name when no pm_id matches); {@code
 * NAME#INDEX}; an app name; a namespace. Ecosystem files are turned into their app names by the CLI, which reads
 * them. Every target must match something: the ones that match nothing are named together in one {@link
 * ImperativeVerbs.NotFound}, and nothing is resolved.
 */
final class Targets {

  /**
   * The instances the targets name, by app in the order the targets first name them, instances by index.
   *
   * @param wholeApps the apps every instance of which is named (by the app, a namespace, a regex, {@code all}, or
   *     each instance one by one): {@code delete} forgets these apps, and only the named instances of the others
   */
  record Resolved(Map<String, List<InstanceId>> byApp, Set<String> wholeApps) {

    List<InstanceId> instances() {
      return byApp.values().stream().flatMap(List::stream).toList();
    }

    /** The only instance named; a sentence saying what to give instead when there are several. */
    InstanceId single(String verb, String target) {
      List<InstanceId> all = instances();
      if (all.size() != 1)
        throw new IllegalArgumentException(verb + " takes one instance; '" + target + "' matches " + all.size()
            + " (" + all.stream().map(InstanceId::toString).limit(8).toList() + "): give its pm_id or NAME#INDEX");
      return all.getFirst();
    }
  }

  private Targets() {}

  static Resolved resolve(List<String> targets, ObservedState state) {
    if (targets == null || targets.isEmpty())
      throw new IllegalArgumentException("name a target: all, an app, NAME#INDEX, a pm_id, a namespace or /regex/");
    Map<String, Set<InstanceId>> picked = new LinkedHashMap<>();
    Set<String> named = new LinkedHashSet<>();
    List<String> unmatched = new ArrayList<>();
    for (String target : targets) {
      Match match = match(target, state);
      if (match.isEmpty() && !target.equals("all")) unmatched.add(target);
      match.apps().forEach(app -> {
        named.add(app.applied().name());
        picked.computeIfAbsent(app.applied().name(), name -> new TreeSet<>());
        app.instances().forEach(r -> picked.get(name(r)).add(r.id()));
      });
      match.instances().forEach(id -> picked.computeIfAbsent(id.app(), app -> new TreeSet<>()).add(id));
    }
    if (!unmatched.isEmpty()) throw new ImperativeVerbs.NotFound(unmatched);
    Map<String, List<InstanceId>> byApp = new LinkedHashMap<>();
    Set<String> whole = new LinkedHashSet<>();
    picked.forEach((app, ids) -> {
      byApp.put(app, List.copyOf(ids));
      boolean everyInstance = state.apps().get(app).instances().stream().allMatch(r -> ids.contains(r.id()));
      if (named.contains(app) || everyInstance) whole.add(app);
    });
    return new Resolved(byApp, whole);
  }

  /** What one target matches: whole apps, or single instances. */
  private record Match(List<ObservedApp> apps, List<InstanceId> instances) {
    static Match apps(List<ObservedApp> apps) {
      return new Match(apps, List.of());
    }

    boolean isEmpty() {
      return apps.isEmpty() && instances.isEmpty();
    }
  }

  private static Match match(String target, ObservedState state) {
    if (target == null || target.isBlank())
      throw new IllegalArgumentException("an empty target: give all, an app, NAME#INDEX, a pm_id, a namespace or /regex/");
    List<ObservedApp> apps = List.copyOf(state.apps().values());
    if (target.equals("all")) return Match.apps(apps);
    if (target.length() > 2 && target.startsWith("/") && target.endsWith("/")) {
      Pattern pattern = regex(target);
      return Match.apps(apps.stream().filter(app -> pattern.matcher(app.applied().name()).find()).toList());
    }
    if (target.chars().allMatch(Character::isDigit)) {
      String pmId = stripZeros(target);
      List<InstanceId> byPmId = records(state).stream()
          .filter(r -> r.pmId() != null && Integer.toString(r.pmId()).equals(pmId)).map(ProcessRecord::id).toList();
      if (!byPmId.isEmpty()) return new Match(List.of(), byPmId);
    }
    ObservedApp app = state.apps().get(target);
    if (app != null) return Match.apps(List.of(app));
    if (target.indexOf('#') > 0) {
      InstanceId id = InstanceId.parse(target);
      return new Match(List.of(), records(state).stream().map(ProcessRecord::id).filter(id::equals).toList());
    }
    return Match.apps(apps.stream().filter(a -> target.equals(a.applied().namespace())).toList());
  }

  private static String name(ProcessRecord record) {
    return record.id().app();
  }

  private static Pattern regex(String target) {
    try {
      return Pattern.compile(target.substring(1, target.length() - 1));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("target " + target + " is not a valid regular expression: "
          + e.getDescription() + " (near index " + e.getIndex() + ")");
    }
  }

  private static String stripZeros(String digits) {
    String stripped = digits.replaceFirst("^0+(?=\\d)", "");
    return stripped.length() > 9 ? "-" : stripped; // beyond any pm_id: matches none
  }

  private static List<ProcessRecord> records(ObservedState state) {
    return state.apps().values().stream().flatMap(app -> app.instances().stream()).toList();
  }

}
