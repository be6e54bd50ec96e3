package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.engine.home.JpmHome;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code jpm} command: global options and the verbs. */
@Command(
    name = "jpm",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every verb takes -h/--help too: `jpm apply --help`, as PM2 users type it
    version = "jpm 0.1.0",
    description = "Process manager for any runtime, driven by ecosystem files.")
// The verbs are registered by Main (see Verbs), not listed here.
public final class JpmCommand {

  @Option(names = "-v", scope = ScopeType.INHERIT, description = "Show stack traces with errors.")
  boolean verbose;

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
