package dev.jpm.engine.export;

/**
 * One line of the fidelity report: a setting of an app that the target cannot express, and what happens instead.
 *
 * @param app the app's name in the file
 * @param key the ecosystem file's key ({@code watch}, {@code depends_on.db})
 * @param instead what the exported objects do in its place
 */
public record Loss(String app, String key, String instead) {

  /** {@code app.key: what happens instead}. */
  public String render() {
    return app + "." + key + ": " + instead;
  }
}
