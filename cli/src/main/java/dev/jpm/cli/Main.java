package dev.jpm.cli;

import dev.jpm.cli.client.DaemonClient;
import dev.jpm.cli.client.WarmUp;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code jpm} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // The schema validator logs through slf4j, which finds its binding with a service lookup that opens every jar on
    // the class path (~20 ms of `jpm apply`). The CLI prints its own messages and none of a library's: it names
    // slf4j's no-op binding, and keeps slf4j's notice of that choice quiet.
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    Class<?> named = verb(args);
    if (Verbs.talksToDaemon(named) || Verbs.readsApps(named))
      WarmUp.start(Verbs.readsApps(named), Verbs.talksToDaemon(named));
    if (Verbs.startsDaemonAtOnce(named, args)) DaemonClient.startDaemonEarly(System.getenv());
    // Straight to fd 1, not through System.out: a PrintStream hides a closed pipe, and `jpm logs | head` must
    // see it to stop quietly.
    PrintWriter out = new PrintWriter(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192));
    PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true);
    CommandLine cli = forArguments(System.getenv(), args);
    cli.setOut(out);
    cli.setErr(err);
    int exit = cli.execute(args);
    out.flush();
    exit(exit);
  }

  /**
   * Ends the JVM without {@link System#exit}: since JDK 17 that logs the exit through {@link System.Logger}, whose
   * first use looks for a logger service in every jar of the class path: ~45 ms of CPU, ~25 ms of wall time, at the
   * end of every command. The CLI needs no shutdown hook (monit closes its terminal itself), so halting after a
   * flush of whatever may still hold output does what exit did.
   */
  private static void exit(int code) {
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /**
   * The command line for these arguments: only the verb they name; none for a bare {@code --version} (building forty
   * verbs' models doubled its time); every verb otherwise, for the usage that lists them.
   */
  static CommandLine forArguments(Map<String, String> environment, String... args) {
    return forArguments(environment, false, args);
  }

  /** The same, speaking PM2's output shapes when {@code pm2} (the verbs PM2's command line was turned into). */
  public static CommandLine forArguments(Map<String, String> environment, boolean pm2, String... args) {
    Class<?> verb = verb(args);
    List<Class<?>> verbs = verb != null ? List.of(verb) : asksVersionOnly(args) ? List.of() : Verbs.ALL;
    return commandLine(new JpmCommand(environment, pm2), verbs);
  }

  private static boolean asksVersionOnly(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /** The verb the first argument names, or null. */
  private static Class<?> verb(String... args) {
    return args.length == 0 ? null : Verbs.BY_WORD.get(args[0]);
  }

  /** The command line with every verb; tests call {@code execute} on it with their own writers and environment. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(new JpmCommand(environment), Verbs.ALL);
  }

  private static CommandLine commandLine(JpmCommand root, List<Class<?>> verbs) {
    // picocli's factory otherwise looks for groovy.lang.Closure, opening every jar of the class path to find none
    // (15 ms of every verb's start-up).
    System.setProperty("picocli.disable.closures", "true");
    CommandLine cli = new CommandLine(root.spec());
    verbs.forEach(verb -> cli.addSubcommand(Verbs.model(verb, root)));
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
