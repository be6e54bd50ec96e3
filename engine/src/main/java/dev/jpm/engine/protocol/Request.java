package dev.jpm.engine.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/** What the CLI asks of the daemon. Each request gets exactly one final {@link Response}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Request.Ping.class, name = "ping"),
  @JsonSubTypes.Type(value = Request.Plan.class, name = "plan"),
  @JsonSubTypes.Type(value = Request.Apply.class, name = "apply"),
  @JsonSubTypes.Type(value = Request.List.class, name = "list"),
  @JsonSubTypes.Type(value = Request.Show.class, name = "show"),
  @JsonSubTypes.Type(value = Request.Control.class, name = "control"),
  @JsonSubTypes.Type(value = Request.Scale.class, name = "scale"),
  @JsonSubTypes.Type(value = Request.StartScript.class, name = "start_script"),
  @JsonSubTypes.Type(value = Request.Kill.class, name = "kill"),
  @JsonSubTypes.Type(value = Request.RevisionMove.class, name = "revision_move"),
  @JsonSubTypes.Type(value = Request.GitOpsAdd.class, name = "gitops_add"),
  @JsonSubTypes.Type(value = Request.GitOpsList.class, name = "gitops_list"),
  @JsonSubTypes.Type(value = Request.GitOpsSync.class, name = "gitops_sync"),
  @JsonSubTypes.Type(value = Request.GitOpsRemove.class, name = "gitops_remove"),
  @JsonSubTypes.Type(value = Request.GitOpsDiff.class, name = "gitops_diff"),
  @JsonSubTypes.Type(value = Request.Reload.class, name = "reload"),
  @JsonSubTypes.Type(value = Request.Logs.class, name = "logs"),
  @JsonSubTypes.Type(value = Request.Flush.class, name = "flush"),
  @JsonSubTypes.Type(value = Request.ReloadLogs.class, name = "reload_logs"),
})
public sealed interface Request {

  /**
   * An ecosystem file as the CLI read it: the daemon parses it, so apply, diff and later GitOps share one path.
   *
   * @param file absolute path (for messages and relative paths)
   * @param content the file's text
   * @param profile {@code --env}, or null
   * @param variables the applying shell's values of the {@code ${VAR}}s the file uses
   */
  record Ecosystem(String file, String content, String profile, Map<String, String> variables) {}

  /** Is the daemon there, and which protocol does it speak? */
  record Ping() implements Request {}

  /** The plan for a file, without touching anything ({@code diff}). */
  record Plan(Ecosystem ecosystem, boolean prune, java.util.List<String> only) implements Request {}

  /** Converge the process table with a file; progress frames precede the final answer. */
  record Apply(Ecosystem ecosystem, boolean prune, java.util.List<String> only) implements Request {}

  /** The process table. */
  record List() implements Request {}

  /** One app in detail. */
  record Show(String name) implements Request {}

  /** An imperative verb on targets ({@code name}, {@code name#i} or {@code all}). */
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

  /** PM2's one-liner: run a script as an app without an ecosystem file. */
  record StartScript(String script, String name, String instances, java.util.List<String> args, String cwd)
      implements Request {}

  /** Stop every app, then the daemon. */
  record Kill() implements Request {}

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
}
