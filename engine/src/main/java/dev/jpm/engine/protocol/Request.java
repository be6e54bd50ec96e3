package dev.jpm.engine.protocol;

import dev.jpm.engine.json.TypeFamily;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import java.util.List;
import java.util.Map;

/** What the CLI asks of the daemon. Each request gets exactly one final {@link Response}. */
public sealed interface Request {

  /** The name of each request on the wire, in its {@code type} property (see {@link TypeFamily}). */
  TypeFamily<Request> TYPES = new TypeFamily<>(Request.class,
      Map.ofEntries(
          Map.entry("ping", Ping.class),
          Map.entry("plan", Plan.class),
          Map.entry("apply", Apply.class),
          Map.entry("list", List.class),
          Map.entry("show", Show.class),
          Map.entry("control", Control.class),
          Map.entry("scale", Scale.class),
          Map.entry("start_script", StartScript.class),
          Map.entry("kill", Kill.class),
          Map.entry("update", Update.class),
          Map.entry("revision_move", RevisionMove.class),
          Map.entry("gitops_add", GitOpsAdd.class),
          Map.entry("gitops_list", GitOpsList.class),
          Map.entry("gitops_sync", GitOpsSync.class),
          Map.entry("gitops_remove", GitOpsRemove.class),
          Map.entry("gitops_diff", GitOpsDiff.class),
          Map.entry("reload", Reload.class),
          Map.entry("logs", Logs.class),
          Map.entry("flush", Flush.class),
          Map.entry("reload_logs", ReloadLogs.class),
          Map.entry("save", Save.class),
          Map.entry("resurrect", Resurrect.class),
          Map.entry("clear_dump", ClearDump.class),
          Map.entry("describe", Describe.class),
          Map.entry("environment", Environment.class),
          Map.entry("reset", Reset.class),
          Map.entry("send_signal", SendSignal.class),
          Map.entry("start_or_restart", StartOrRestart.class)));

  /** Is the daemon there, and which protocol does it speak? */
  record Ping() implements Request {}

  /**
   * The plan for a file, without touching anything ({@code diff}).
   *
   * @param desired the file as the CLI read and validated it (see {@link Apply})
   */
  record Plan(DesiredState desired, boolean prune, java.util.List<String> only) implements Request {}

  /**
   * Converge the process table with a file; progress frames precede the final answer.
   *
   * @param desired the file as the CLI read, validated and normalised it with the config package, in the CLI's
   *     process: there its classes come from the CLI's AOT cache, where a daemon would load and interpret them cold
   *     (about 0.4 s of CPU for each file read after the daemon has idled). Nothing of the caller's shell is in it
   *     beyond the {@code ${VAR}}s the file names.
   */
  record Apply(DesiredState desired, boolean prune, java.util.List<String> only) implements Request {}

  /** The process table. */
  record List() implements Request {}

  /** One app in detail. */
  record Show(String name) implements Request {}

  /**
   * An imperative verb on targets: {@code all}, an app name, {@code NAME#INDEX}, a {@code pm_id}, a namespace or a
   * {@code /regex/} of app names (an ecosystem file is turned into its app names by the CLI).
   */
  record Control(Verb verb, java.util.List<String> targets) implements Request {}

  /** The verbs of {@link Control}. */
  enum Verb {
    START,
    STOP,
    RESTART,
    DELETE
  }

  /** Set an app's instance count: {@code N}, {@code +N}, {@code -N} or {@code max}. */
  record Scale(String app, String count) implements Request {}

  /**
   * PM2's one-liner: run a script as an app without an ecosystem file.
   *
   * @param app the app the CLI built from its command line ({@code jpm start SCRIPT --name N -i N -- args}), through
   *     the normalisation an ecosystem file gets
   */
  record StartScript(AppSpec app) implements Request {}

  /** Stop every app, then the daemon. */
  record Kill() implements Request {}

  /**
   * PM2's {@code update}: save the table and end the daemon WITHOUT stopping any app, so that the next daemon (a new
   * jpm version, or the same) adopts them.
   */
  record Update() implements Request {}

  /**
   * Move an app's git checkout ({@code pull}, {@code forward}, {@code backward}), run its {@code post_update}
   * commands, then restart it.
   *
   * @param commit for {@code pull}: the commit to move to, or null for the remote-tracking branch's head
   */
  record RevisionMove(Move move, String app, String commit) implements Request {}

  /** The moves of {@link RevisionMove}. */
  enum Move {
    PULL,
    FORWARD,
    BACKWARD
  }

  /** Follow an ecosystem file in a git repository; the first sync runs before the answer. */
  record GitOpsAdd(GitOpsSource source) implements Request {}

  /** The GitOps sources and their status. */
  record GitOpsList() implements Request {}

  /** Poll one source now; a revision already attempted is attempted again. */
  record GitOpsSync(String name) implements Request {}

  /** Stop following a source (its apps keep running). */
  record GitOpsRemove(String name) implements Request {}

  /** The plan for a source's newest revision, without touching anything. */
  record GitOpsDiff(String name) implements Request {}
  /** Replace the processes of apps ({@code name} or {@code all}) one at a time, with no refused connection. */
  record Reload(java.util.List<String> targets) implements Request {}

  /**
   * The last lines of an app's files, then (with {@code follow}) its live lines and daemon events: answered by
   * {@link Response.LogBatch} frames, ended by {@link Response.Done} (only without {@code follow}; a follower
   * stops by closing the connection).
   *
   * @param target app name, {@code name#i}, or {@code all}
   * @param lines lines to send from the end of each file first
   * @param stream which streams: {@code out}, {@code err} or {@code both}
   * @param follow keep sending new lines
   */
  record Logs(String target, int lines, String stream, boolean follow) implements Request {}

  /** Empty the log files of a target ({@code all} for every app). */
  record Flush(String target) implements Request {}

  /** Reopen every open log file (after an outside tool moved them). */
  record ReloadLogs() implements Request {}

  /** Write the table's apps to the dump ({@code jpm save}); an empty table only with {@code force}. */
  record Save(boolean force) implements Request {}

  /** Start the dump's apps that are not in the table. */
  record Resurrect() implements Request {}

  /** Empty the dump, keeping the previous one as its backup. */
  record ClearDump() implements Request {}

  /**
   * The apps and instances that targets name (as {@link Control} reads them), with each app's spec: for {@code
   * jlist}, {@code prettylist}, {@code id} and {@code pid}. Null or empty targets: every app.
   */
  record Describe(java.util.List<String> targets) implements Request {}

  /** The environment one instance's process was started with ({@code jpm env ID}). */
  record Environment(String target) implements Request {}

  /** PM2's {@code reset}: restart counters to 0 for the targets' instances; no process is touched. */
  record Reset(java.util.List<String> targets) implements Request {}

  /** Send an OS signal ({@code SIGUSR2}, {@code USR2} or a number) to the targets' processes ({@code sendSignal}). */
  record SendSignal(String signal, java.util.List<String> targets) implements Request {}

  /**
   * PM2's {@code startOrRestart}/{@code startOrReload FILE}: apps of the file that are in the table are replaced
   * (one instance at a time, with the file's spec; their instance count stays), the others are started; nothing
   * is pruned.
   *
   * @param desired the file as the CLI read it (see {@link Apply})
   * @param only the apps of the file to act on ({@code --only}); empty for all
   * @param cause what the user typed, shown as the cause of each replacement
   */
  record StartOrRestart(DesiredState desired, java.util.List<String> only, String cause) implements Request {}
}
