package dev.jpm.engine.export;

import dev.jpm.engine.model.AppSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Kubernetes name of each app, also its Nomad service's name: a DNS-1035 label (lower-case letters, digits and
 * '-', starting with a letter, at most 63 characters), which Services require and every other kind accepts. jpm names
 * may hold capitals, '_' and '.', so they are spelled into that alphabet; two apps that end up with one name are
 * refused.
 */
final class KubernetesNames {

  static final int MAX_LENGTH = 63;

  private KubernetesNames() {}

  /** Names by app name; a collision is added to {@code problems}. */
  static Map<String, String> assign(List<AppSpec> apps, List<ExportProblem> problems) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (AppSpec app : apps) {
      String name = of(app.name());
      String owner = owners.putIfAbsent(name, app.name());
      if (owner != null)
        problems.add(new ExportProblem(app.name(), "name", "its DNS name \"" + name + "\" (of Kubernetes objects and"
            + " Nomad services) is also app \"" + owner + "\"'s (names are lower-case letters, digits and '-');"
            + " rename one of them"));
      names.put(app.name(), name);
    }
    return names;
  }

  /** {@code Hello_Web.v2} becomes {@code hello-web-v2}; a name starting with a digit gets {@code app-} in front. */
  static String of(String appName) {
    String spelled = appName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (spelled.isEmpty() || !Character.isLetter(spelled.charAt(0))) spelled = "app-" + spelled;
    if (spelled.length() > MAX_LENGTH) spelled = spelled.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    return spelled.endsWith("-") ? spelled.substring(0, spelled.length() - 1) : spelled;
  }
}
