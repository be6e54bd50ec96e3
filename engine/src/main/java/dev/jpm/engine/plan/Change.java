package dev.jpm.engine.plan;

/**
 * One field that differs between the applied spec and the desired one, named by the ecosystem file's key so the
 * user recognises it: {@code env.DB_URL changed}, {@code port 3000 → 3001}.
 *
 * @param key the file's key ({@code max_restarts}, {@code env.DB_URL})
 * @param detail what happened to it: {@code changed}, {@code added}, {@code removed} or {@code OLD → NEW}
 */
record Change(String key, String detail) {

  /** Values longer than this are only said to have changed, so a cause stays one readable line. */
  static final int SHORT_VALUE = 24;

  static Change changed(String key) {
    return new Change(key, "changed");
  }

  static Change added(String key) {
    return new Change(key, "added");
  }

  static Change removed(String key) {
    return new Change(key, "removed");
  }

  /** {@code key OLD → NEW} when both values are short, else {@code key changed}. */
  static Change between(String key, String before, String after) {
    if (before.length() > SHORT_VALUE || after.length() > SHORT_VALUE) return changed(key);
    return new Change(key, before + " → " + after);
  }

  @Override
  public String toString() {
    return key + " " + detail;
  }
}
