package dev.jpm.engine.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${NAME}} and {@code ${NAME:-default}} references of an ecosystem file ({@code $$} writes a literal
 * {@code $}). Deliberately tiny and free of YAML classes: the CLI scans the raw text to send the daemon only the
 * shell variables the file uses.
 */
public final class VariableReferences {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private VariableReferences() {}

  /** The names referenced anywhere in {@code content}, sorted. */
  public static Set<String> scan(String content) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = REFERENCE.matcher(content);
    while (matcher.find()) {
      if (matcher.group(1) != null) names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * {@code value} with every reference replaced by its variable, else its default; a name with neither is passed
   * to {@code unset} and replaced by the empty string.
   */
  static String expand(String value, Map<String, String> variables, Consumer<String> unset) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement;
      if (name == null) replacement = "$";
      else if (variables.containsKey(name)) replacement = variables.get(name);
      else if (matcher.group(2) != null) replacement = matcher.group(2);
      else {
        unset.accept(name);
        replacement = "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
