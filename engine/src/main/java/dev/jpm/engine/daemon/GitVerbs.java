package dev.jpm.engine.daemon;

import dev.jpm.engine.gitops.GitOpsSources;
import dev.jpm.engine.gitops.RevisionCache;
import dev.jpm.engine.gitops.RevisionMoves;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.RevisionView;
import dev.jpm.engine.supervise.Supervisor;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The git requests: revision info for {@code show}, {@code pull/forward/backward}, and the GitOps verbs. */
final class GitVerbs {

  private final Supervisor supervisor;
  private final RevisionCache revisions;
  private final Supplier<RevisionMoves> newMoves;
  private final GitOpsSources gitops;
  private final Views views;
  private RevisionMoves moves;

  /**
   * @param newMoves builds the moves on the first {@code pull/forward/backward}: linking them reads JGit's signed jar
   *     (its manifest verified, ~2 MiB held for good), which a daemon that never moves a checkout need not pay
   */
  GitVerbs(Supervisor supervisor, RevisionCache revisions, Supplier<RevisionMoves> newMoves, GitOpsSources gitops,
      Views views) {
    this.supervisor = supervisor;
    this.revisions = revisions;
    this.newMoves = newMoves;
    this.gitops = gitops;
    this.views = views;
  }

  /** The app folder's revision, refreshed when older than the app's newest start; null outside a repository. */
  RevisionView revision(ObservedApp app) {
    long lastStart = app.instances().stream().mapToLong(ProcessRecord::startedAtMs).max().orElse(0);
    return revisions.revision(app.applied(), lastStart).orElse(null);
  }

  Response move(Request.RevisionMove request, Consumer<String> progress) {
    if (request.move() == null) throw new IllegalArgumentException("name a move: pull, forward or backward");
    var spec = RequestHandler.requireApp(supervisor, request.app());
    RevisionMoves.Moved moved = moves().move(request.move(), spec, request.commit(), progress);
    return new Response.Moved(spec.name(), moved.from(), moved.to(), moved.failures(),
        views.table(supervisor.observe()));
  }

  private synchronized RevisionMoves moves() {
    if (moves == null) moves = newMoves.get();
    return moves;
  }

  Response gitops(Request request, Consumer<String> progress) {
    return switch (request) {
      case Request.GitOpsAdd add -> {
        if (add.source() == null) throw new IllegalArgumentException("gitops add needs a source");
        gitops.add(add.source(), progress);
        yield new Response.GitOpsSources(gitops.list());
      }
      case Request.GitOpsList list -> new Response.GitOpsSources(gitops.list());
      case Request.GitOpsSync sync -> new Response.GitOpsSources(List.of(gitops.sync(sync.name(), progress)));
      case Request.GitOpsRemove remove -> new Response.GitOpsSources(List.of(gitops.remove(remove.name())));
      case Request.GitOpsDiff diff -> pending(diff.name(), progress);
      default -> throw new IllegalArgumentException("not a gitops request: " + request);
    };
  }

  /** The pending revision's plan, as {@code jpm diff} shows a file's; an invalid revision as its problems. */
  private Response pending(String name, Consumer<String> progress) {
    GitOpsSources.Pending pending = gitops.pending(name);
    progress.accept("gitops " + name + ": applied " + abbrev(pending.current()) + ", remote at "
        + abbrev(pending.revision()));
    if (!pending.errors().isEmpty()) return new Response.Invalid(pending.errors(), pending.warnings());
    return new Response.Planned(pending.plan(), pending.warnings(), pending.plan().isEmpty());
  }

  private static String abbrev(String revision) {
    return revision == null ? "none" : revision.substring(0, Math.min(7, revision.length()));
  }
}
