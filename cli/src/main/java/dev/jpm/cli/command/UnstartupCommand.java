package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm unstartup}: disable and remove the unit {@code jpm startup} wrote; the daemon and apps keep running. */
@Command(name = "unstartup", sortOptions = false, description = "Stop running jpm at boot: disable and remove its unit.")
public final class UnstartupCommand extends SystemdVerb {

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLATFORM", description = "Only systemd (the default).")
  String platform;

  @Override
  public Integer call() throws Exception {
    StartupCommand.requireSystemd(platform);
    SystemdUnit unit = unit();
    if (!canWrite(unit)) return printSudo("unstartup");
    Path file = unitFile(unit);
    if (!Files.exists(file)) {
      out().println("no unit at " + file + ": nothing to undo");
      return ExitCode.OK;
    }
    if (unit.userUnit() && root != null)
      out().println("its user disables it in the OS tree with: " + String.join(" ", unit.systemctl("disable", null)));
    else if (root != null || systemdRuns()) systemctl(unit.systemctl("disable", root));
    else out().println("systemd is not running here; where it runs: " + String.join(" ", unit.systemctl("disable", null)));
    Files.delete(file);
    out().println("removed " + file + " (the daemon and its apps keep running until jpm kill)");
    return ExitCode.OK;
  }
}
