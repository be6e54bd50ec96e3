package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.engine.home.JpmHome;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jpm} command: global options and the verbs. Its picocli model is written in code ({@link #spec}), as the
 * most run verbs' are (see {@code command/CodedSpec}): reading annotations costs every command the proxy classes
 * the JDK spins for them.
 */
public final class JpmCommand {

  private final Map<String, String> environment;
  private final boolean pm2;
  private DaemonClient client;

  JpmCommand(Map<String, String> environment) {
    this(environment, false);
  }

  /** @param pm2 whether output takes PM2's shapes ({@code jpm pm2 ...}, the launcher called as {@code pm2}) */
  JpmCommand(Map<String, String> environment, boolean pm2) {
    this.environment = Map.copyOf(environment);
    this.pm2 = pm2;
  }

  /** Whether this command line speaks PM2's output shapes (see {@code command/Pm2Command}). */
  public boolean pm2() {
    return pm2;
  }

  /**
   * The model of {@code jpm} itself: help and version (inherited by every verb: {@code jpm apply --help}, as PM2 users
   * type it) and {@code -v}; the verbs are registered by {@link Main} (see {@link Verbs}).
   */
  CommandSpec spec() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("jpm").version("jpm 0.1.0");
    spec.usageMessage().description("Process manager for any runtime, driven by ecosystem files.");
    spec.addOption(inherited("Show this help message and exit.", "-h", "--help").usageHelp(true).build());
    spec.addOption(inherited("Print version information and exit.", "-V", "--version").versionHelp(true).build());
    spec.addOption(inherited("Show stack traces with errors.", "-v").build());
    return spec.scopeType(ScopeType.INHERIT);
  }

  private static OptionSpec.Builder inherited(String description, String... names) {
    return OptionSpec.builder(names).arity("0").type(boolean.class).description(description)
        .scopeType(ScopeType.INHERIT);
  }

  /** The environment the command runs in (the process's, or a test's). */
  public Map<String, String> environment() {
    return environment;
  }

  public JpmHome home() {
    return JpmHome.fromEnvironment(environment);
  }

  /** The folder relative paths on the command line resolve against. */
  public Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }

  public DaemonClient client() {
    if (client == null) client = DaemonClient.forEnvironment(environment);
    return client;
  }
}
