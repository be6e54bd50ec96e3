package dev.jpm.engine.model;

/** One instance of an app, written {@code name#index} as in {@code api#0}. */
public record InstanceId(String app, int index) implements Comparable<InstanceId> {

  public InstanceId {
    if (app == null || app.isBlank()) throw new IllegalArgumentException("app must not be blank");
    if (index < 0) throw new IllegalArgumentException("index must be >= 0, got " + index);
  }

  /** Parses {@code api#2}; throws with the bad text when it is not of that form. */
  public static InstanceId parse(String text) {
    int hash = text.lastIndexOf('#');
    if (hash <= 0 || hash == text.length() - 1)
      throw new IllegalArgumentException("expected NAME#INDEX, got '" + text + "'");
    try {
      return new InstanceId(text.substring(0, hash), Integer.parseInt(text.substring(hash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected NAME#INDEX with a number after '#', got '" + text + "'");
    }
  }

  @Override
  public int compareTo(InstanceId other) {
    int byApp = app.compareTo(other.app);
    return byApp != 0 ? byApp : Integer.compare(index, other.index);
  }

  @Override
  public String toString() {
    return app + "#" + index;
  }
}
