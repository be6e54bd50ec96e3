package dev.jpm.cli;

import dev.jpm.cli.command.AotTrainCommand;
import dev.jpm.cli.command.AotTrainDaemonCommand;
import dev.jpm.cli.command.ApplyCommand;
import dev.jpm.cli.command.BackwardCommand;
import dev.jpm.cli.command.ClearDumpCommand;
import dev.jpm.cli.command.DeleteCommand;
import dev.jpm.cli.command.DiffCommand;
import dev.jpm.cli.command.ExportCommand;
import dev.jpm.cli.command.ForwardCommand;
import dev.jpm.cli.command.GitOpsCommand;
import dev.jpm.cli.command.FlushCommand;
import dev.jpm.cli.command.InitCommand;
import dev.jpm.cli.command.KillCommand;
import dev.jpm.cli.command.ListCommand;
import dev.jpm.cli.command.LogsCommand;
import dev.jpm.cli.command.MonitCommand;
import dev.jpm.cli.command.PingCommand;
import dev.jpm.cli.command.Pm2Command;
import dev.jpm.cli.command.PullCommand;
import dev.jpm.cli.command.ReloadCommand;
import dev.jpm.cli.command.ReloadLogsCommand;
import dev.jpm.cli.command.RestartCommand;
import dev.jpm.cli.command.ResurrectCommand;
import dev.jpm.cli.command.SaveCommand;
import dev.jpm.cli.command.ScaleCommand;
import dev.jpm.cli.command.ShowCommand;
import dev.jpm.cli.command.StartCommand;
import dev.jpm.cli.command.StartupCommand;
import dev.jpm.cli.command.StopCommand;
import dev.jpm.cli.command.UnstartupCommand;
import dev.jpm.cli.command.UpdateCommand;
import dev.jpm.cli.command.ValidateCommand;
import dev.jpm.cli.command.EnvCommand;
import dev.jpm.cli.command.IdCommand;
import dev.jpm.cli.command.JlistCommand;
import dev.jpm.cli.command.LinkCommand;
import dev.jpm.cli.command.PidCommand;
import dev.jpm.cli.command.PrettylistCommand;
import dev.jpm.cli.command.ResetCommand;
import dev.jpm.cli.command.SendSignalCommand;
import dev.jpm.cli.command.StartOrReloadCommand;
import dev.jpm.cli.command.StartOrRestartCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The verbs, by every word that calls them (names and aliases, as their models say; a test keeps the two in step).
 * {@link Main} registers only the verb being run: picocli builds a model of each registered verb at start-up, and one
 * instead of forty is a good part of {@code jpm ls}'s time. The verbs run most often have their model written in
 * code ({@code command/CodedSpec}); the others are read from their annotations.
 */
final class Verbs {

  static final List<Class<?>> ALL = List.of(
      ApplyCommand.class, DiffCommand.class, ValidateCommand.class, ListCommand.class, ShowCommand.class,
      StartCommand.class, StopCommand.class, RestartCommand.class, DeleteCommand.class, ScaleCommand.class,
      LogsCommand.class, PingCommand.class, KillCommand.class, InitCommand.class, AotTrainCommand.class,
      AotTrainDaemonCommand.class, PullCommand.class, ForwardCommand.class, BackwardCommand.class,
      GitOpsCommand.class, MonitCommand.class, ReloadCommand.class, FlushCommand.class, ReloadLogsCommand.class,
      SaveCommand.class, ResurrectCommand.class, ClearDumpCommand.class, StartupCommand.class,
      UnstartupCommand.class,
      JlistCommand.class, PrettylistCommand.class, EnvCommand.class, IdCommand.class, PidCommand.class,
      SendSignalCommand.class, ResetCommand.class, StartOrRestartCommand.class, StartOrReloadCommand.class,
      LinkCommand.class, Pm2Command.class, UpdateCommand.class, ExportCommand.class);

  static final Map<String, Class<?>> BY_WORD = byWord();

  /** The verbs that never talk to the daemon: no use warming up the client for them ({@code client/WarmUp}). */
  private static final Set<Class<?>> OFFLINE = Set.of(ValidateCommand.class, InitCommand.class, ExportCommand.class);

  /** Verbs that read apps, from a file or their own arguments, through the schema. */
  private static final Set<Class<?>> READS_APPS = Set.of(ApplyCommand.class, DiffCommand.class,
      ValidateCommand.class, ExportCommand.class, StartCommand.class, StartOrReloadCommand.class,
      StartOrRestartCommand.class);

  /**
   * Verbs that ask the daemon whatever else their arguments say (no file to read first, which could be refused), so
   * the daemon may be started before the arguments are parsed; not when they ask for help or the version.
   */
  private static final Set<Class<?>> ALWAYS_ASK_DAEMON =
      Set.of(PingCommand.class, ListCommand.class, JlistCommand.class, PrettylistCommand.class);

  private static final Map<Class<?>, Function<JpmCommand, CommandSpec>> CODED = Map.ofEntries(
      Map.entry(ListCommand.class, ListCommand::spec), Map.entry(LogsCommand.class, LogsCommand::spec),
      Map.entry(ApplyCommand.class, ApplyCommand::spec), Map.entry(DiffCommand.class, DiffCommand::spec),
      Map.entry(ValidateCommand.class, ValidateCommand::spec), Map.entry(StopCommand.class, StopCommand::spec),
      Map.entry(RestartCommand.class, RestartCommand::spec), Map.entry(DeleteCommand.class, DeleteCommand::spec),
      Map.entry(PingCommand.class, PingCommand::spec), Map.entry(KillCommand.class, KillCommand::spec),
      Map.entry(JlistCommand.class, JlistCommand::spec), Map.entry(PrettylistCommand.class, PrettylistCommand::spec));

  private Verbs() {}

  /** What picocli registers for {@code verb} under {@code jpm}: its coded model, or its annotated class. */
  static Object model(Class<?> verb, JpmCommand jpm) {
    Function<JpmCommand, CommandSpec> coded = CODED.get(verb);
    return coded == null ? verb : coded.apply(jpm);
  }

  /** Whether {@code verb} (null: none named, as in {@code jpm --help}) may talk to the daemon. */
  static boolean talksToDaemon(Class<?> verb) {
    return verb != null && !OFFLINE.contains(verb);
  }

  /** Whether {@code verb} (null: none named) reads apps through the schema, whose validator may be built early. */
  static boolean readsApps(Class<?> verb) {
    return verb != null && READS_APPS.contains(verb);
  }

  /** True when {@code verb} with {@code args} will ask the daemon, which may then be started at once. */
  static boolean startsDaemonAtOnce(Class<?> verb, String... args) {
    if (verb == null || !ALWAYS_ASK_DAEMON.contains(verb)) return false;
    for (String arg : args)
      if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) return false;
    return true;
  }

  private static Map<String, Class<?>> byWord() {
    Map<String, Class<?>> words = new LinkedHashMap<>();
    words.put("apply", ApplyCommand.class);
    words.put("diff", DiffCommand.class);
    words.put("validate", ValidateCommand.class);
    for (String word : List.of("ls", "list", "ps", "status")) words.put(word, ListCommand.class);
    for (String word : List.of("show", "describe", "desc", "info")) words.put(word, ShowCommand.class);
    words.put("start", StartCommand.class);
    words.put("stop", StopCommand.class);
    words.put("restart", RestartCommand.class);
    for (String word : List.of("delete", "del")) words.put(word, DeleteCommand.class);
    words.put("scale", ScaleCommand.class);
    words.put("logs", LogsCommand.class);
    words.put("ping", PingCommand.class);
    words.put("kill", KillCommand.class);
    words.put("init", InitCommand.class);
    words.put("aot-train", AotTrainCommand.class);
    words.put("aot-train-daemon", AotTrainDaemonCommand.class);
    words.put("pull", PullCommand.class);
    words.put("forward", ForwardCommand.class);
    words.put("backward", BackwardCommand.class);
    words.put("gitops", GitOpsCommand.class);
    for (String word : List.of("monit", "dashboard", "dash")) words.put(word, MonitCommand.class);
    for (String word : List.of("reload", "gracefulReload")) words.put(word, ReloadCommand.class);
    words.put("flush", FlushCommand.class);
    words.put("reloadLogs", ReloadLogsCommand.class);
    for (String word : List.of("save", "dump")) words.put(word, SaveCommand.class);
    words.put("resurrect", ResurrectCommand.class);
    words.put("cleardump", ClearDumpCommand.class);
    words.put("startup", StartupCommand.class);
    words.put("unstartup", UnstartupCommand.class);
    words.put("jlist", JlistCommand.class);
    words.put("prettylist", PrettylistCommand.class);
    words.put("env", EnvCommand.class);
    words.put("id", IdCommand.class);
    words.put("pid", PidCommand.class);
    words.put("sendSignal", SendSignalCommand.class);
    words.put("reset", ResetCommand.class);
    words.put("startOrRestart", StartOrRestartCommand.class);
    for (String word : List.of("startOrReload", "startOrGracefulReload")) words.put(word, StartOrReloadCommand.class);
    words.put("link", LinkCommand.class);
    words.put("pm2", Pm2Command.class);
    words.put("update", UpdateCommand.class);
    words.put("export", ExportCommand.class);
    return Map.copyOf(words);
  }
}
