package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** What {@code startup} and {@code unstartup} share: which unit, where it lives, and running systemctl. */
abstract class SystemdVerb extends ClientCommand {

  @Option(names = "--user", description = "A systemd --user unit (no root needed; runs while you are logged in,"
      + " or always after loginctl enable-linger).")
  boolean userUnit;

  @Option(names = {"-u", "--run-as"}, paramLabel = "USER", description = "Account of a system unit (default: you).")
  String runAs;

  @Option(names = "--hp", paramLabel = "HOME", description = "That account's home (default: from /etc/passwd).")
  Path homeOption;

  @Option(names = "--service-name", paramLabel = "NAME", description = "Unit name (default jpm-USER, or jpm).")
  String serviceName;

  @Option(names = "--root", paramLabel = "DIR", description = "Install into the OS tree at DIR (as systemctl --root).")
  Path root;

  SystemdUnit unit() {
    Map<String, String> env = jpm.environment();
    String me = System.getProperty("user.name");
    String user = userUnit ? null : Optional.ofNullable(runAs).orElse(me);
    Path home = homeOption != null ? homeOption.toAbsolutePath()
        : user == null || user.equals(me) ? Path.of(System.getProperty("user.home")) : homeOf(user);
    Path jpmHome = user == null || user.equals(me) ? jpm.home().dir() : home.resolve(".jpm");
    String launcher = env.get("JPM_LAUNCHER");
    if (launcher == null || launcher.isBlank())
      throw new CliFailure(ExitCode.USAGE, "cannot tell where the jpm launcher is (JPM_LAUNCHER is unset): run this"
          + " through the jpm command");
    String name = Optional.ofNullable(serviceName).map(n -> n.endsWith(".service") ? n : n + ".service")
        .orElse(user == null ? "jpm.service" : "jpm-" + user + ".service");
    return new SystemdUnit(name, Path.of(launcher).toAbsolutePath().normalize(), user, home, jpmHome,
        env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
  }

  /** Where the unit's file goes: the system's unit folder, or the user's, under {@code --root} when given. */
  Path unitFile(SystemdUnit unit) {
    Path folder = unit.userUnit() ? unit.home().resolve(".config/systemd/user") : Path.of("/etc/systemd/system");
    Path base = root == null ? folder : root.resolve(Path.of("/").relativize(folder));
    return base.resolve(unit.name());
  }

  /** A system unit needs root, unless it goes into a tree of the user's ({@code --root}). */
  boolean canWrite(SystemdUnit unit) {
    return unit.userUnit() || root != null || "root".equals(System.getProperty("user.name"));
  }

  /** The command to run as root, PM2's way: the same verb through sudo, with this PATH. */
  int printSudo(String verb) {
    out().println("a system unit needs root; run:");
    out().println("  sudo env PATH=" + SystemdUnit.quote(jpm.environment().getOrDefault("PATH", ""))
        + " " + jpm.environment().get("JPM_LAUNCHER") + " " + verb + " systemd --run-as "
        + System.getProperty("user.name") + " --hp " + System.getProperty("user.home"));
    out().println("or, without root: jpm " + verb + " --user");
    return ExitCode.OK;
  }

  static boolean systemdRuns() {
    return Files.isDirectory(Path.of("/run/systemd/system"));
  }

  /** Runs a systemctl command, printing it and its output; a failure is the user's to see, with the command. */
  void systemctl(List<String> command) throws IOException, InterruptedException {
    out().println("$ " + String.join(" ", command));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    if (!output.isEmpty()) out().println(output);
    if (process.exitValue() != 0)
      throw new CliFailure(ExitCode.FAILURE, String.join(" ", command) + " failed (exit " + process.exitValue()
          + "); the unit file is written, run the command yourself once the cause is fixed");
  }

  /** The home of another account, from the passwd database. */
  private static Path homeOf(String user) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] fields = line.split(":");
        if (fields.length >= 6 && fields[0].equals(user)) return Path.of(fields[5]);
      }
    } catch (IOException unreadable) {
      // Fall through to the error below.
    }
    throw new CliFailure(ExitCode.USAGE, "no account " + user + " in /etc/passwd; give its home with --hp");
  }
}
