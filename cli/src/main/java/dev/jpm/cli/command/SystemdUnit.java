package dev.jpm.cli.command;

import dev.jpm.engine.export.SystemdSyntax;
import java.nio.file.Path;
import java.util.List;

/**
 * The systemd unit {@code jpm startup} writes: the daemon itself in the foreground ({@code jpm daemon --foreground},
 * {@code Type=notify}: systemd counts jpm started once its control socket answers, so units ordered after it find
 * it serving), stopped by SIGTERM to the daemon alone ({@code KillMode=mixed}) so that it stops every app with the
 * app's own signal and timeout and saves the table as it was; at boot the daemon restores that table. PM2's unit is
 * {@code Type=forking} with a PIDFile: systemd watches a CLI that forks a daemon and learns its pid from a file, and
 * at stop runs {@code pm2 kill}, which empties the list the next boot resurrects from.
 *
 * @param name the unit's file name, e.g. {@code jpm-root.service}
 * @param launcher absolute path of the {@code jpm} launcher
 * @param user the account the daemon runs as (system units only), or null for a user unit
 * @param home that account's home; {@code JPM_HOME} is {@code home/.jpm} unless {@code jpmHome} says otherwise
 * @param jpmHome the daemon's {@code JPM_HOME}
 * @param path the {@code PATH} apps and interpreters are found on (the caller's, as PM2 records it)
 */
record SystemdUnit(String name, Path launcher, String user, Path home, Path jpmHome, String path) {

  /** Whether this is a {@code systemctl --user} unit. */
  boolean userUnit() {
    return user == null;
  }

  String render() {
    StringBuilder unit = new StringBuilder();
    lines(unit, "[Unit]",
        "Description=jpm process manager" + (userUnit() ? "" : " of " + user),
        "After=network-online.target",
        "Wants=network-online.target",
        "",
        "[Service]",
        "Type=notify",
        "NotifyAccess=main");
    if (!userUnit()) lines(unit, "User=" + user);
    lines(unit,
        "Environment=" + quote("JPM_HOME=" + jpmHome),
        "Environment=" + quote("HOME=" + home),
        "Environment=" + quote("PATH=" + path),
        "ExecStart=" + quote(launcher.toString()) + " daemon --foreground",
        "KillMode=mixed",
        // A JVM ends by SIGTERM with exit status 143: that is the clean stop asked for.
        "SuccessExitStatus=143",
        // Each app gets its kill_timeout; this bounds the whole stop of every app in dependency order.
        "TimeoutStopSec=120",
        // On failure only: `jpm kill` ends the daemon with 0 on purpose. `jpm update` keeps the unit: the old daemon
        // starts its successor inside it and names it the main process (MAINPID=), which NotifyAccess=main allows.
        "Restart=on-failure",
        "RestartSec=2",
        "LimitNOFILE=infinity",
        "",
        "[Install]",
        "WantedBy=" + (userUnit() ? "default.target" : "multi-user.target"));
    return unit.toString();
  }

  private static void lines(StringBuilder unit, String... lines) {
    for (String line : lines) unit.append(line).append('\n');
  }

  /** systemd's quoting, as every unit jpm writes has it. */
  static String quote(String value) {
    return SystemdSyntax.quote(value);
  }

  /** The commands that enable (or, with {@code disable}, disable) the unit, as a person would type them. */
  List<String> systemctl(String verb, Path root) {
    List<String> command = new java.util.ArrayList<>(List.of("systemctl"));
    if (userUnit()) command.add("--user");
    if (root != null) command.add("--root=" + root);
    command.add(verb);
    command.add(name);
    return command;
  }
}
