package dev.jpm.engine.supervise;

import dev.jpm.engine.model.AppSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete environment of one instance. Only a small base is taken from the daemon (so a secret in the shell
 * that once started the daemon never reaches apps), then the declared env, then what jpm injects: {@code JPM_APP},
 * the instance variable, {@code PORT} and PM2's {@code increment_var}; for a balanced Node app also {@code
 * JPM_PRIVATE_PORT} and, when declared, {@code JPM_APP_PORT}: jpm's preload moves {@code listen()} of the app's port
 * to the private one; for a socket-activated app {@code LISTEN_FDS=1} and {@code LISTEN_FDNAMES} (its name), and for
 * a Node one {@code JPM_APP_PORT}, which its preload moves onto the inherited socket.
 */
public final class ChildEnvironment {

  static final List<String> BASE = List.of("PATH", "HOME", "USER", "LANG", "TZ");

  private ChildEnvironment() {}

  /** The environment of instance {@code index} of {@code spec}, given the daemon's own environment. */
  public static Map<String, String> of(AppSpec spec, int index, Map<String, String> daemonEnv) {
    return of(spec, index, daemonEnv, 0);
  }

  /**
   * The same, for a run of a balanced app that listens on {@code privatePort} (0 = not balanced): there {@code
   * PORT} is the private port, since jpm itself listens on the app's port.
   */
  static Map<String, String> of(AppSpec spec, int index, Map<String, String> daemonEnv, int privatePort) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String key : BASE) {
      String value = daemonEnv.get(key);
      if (value != null) env.put(key, value);
    }
    env.putAll(spec.env());
    env.put("JPM_APP", spec.name());
    env.put(spec.instanceVar(), Integer.toString(index));
    if (spec.sharesPort()) env.put("JPM_REUSEPORT", "1");
    if (spec.inheritsSocket()) {
      // systemd's socket activation: one socket at fd 3 (LISTEN_PID is set by the spawn: it is the child's own pid).
      env.put("LISTEN_FDS", "1");
      env.put("LISTEN_FDNAMES", spec.name());
      if (spec.runsOnNode()) env.put("JPM_APP_PORT", spec.port().toString()); // the preload's listen() onto fd 3
    }
    if (spec.port() != null) env.put("PORT", Integer.toString(privatePort > 0 ? privatePort : spec.port()));
    if (privatePort > 0 && spec.runsOnNode()) {
      env.put("JPM_PRIVATE_PORT", Integer.toString(privatePort));
      // Without it the preload learns the app's port from its first listen().
      if (spec.port() != null) env.put("JPM_APP_PORT", spec.port().toString());
    }
    // A balanced instance's PORT is its own private port already: incrementing it would point elsewhere.
    boolean privatePortVar = privatePort > 0 && "PORT".equals(spec.incrementVar());
    if (spec.incrementVar() != null && !privatePortVar) increment(env, spec.incrementVar(), index);
    return env;
  }

  /** PM2's increment_var: instance i gets the declared numeric value + i; a non-numeric value is left alone. */
  private static void increment(Map<String, String> env, String key, int index) {
    String declared = env.get(key);
    if (declared == null) return;
    try {
      env.put(key, Long.toString(Long.parseLong(declared.trim()) + index));
    } catch (NumberFormatException e) {
      // Not a number: PM2 would produce "NaN"; keeping the declared text is the useful reading.
    }
  }
}
