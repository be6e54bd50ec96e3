package dev.jpm.engine.daemon;

import dev.jpm.engine.git.GitFailure;
import dev.jpm.engine.metrics.PrometheusEndpoint;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.plan.Plan;
import dev.jpm.engine.plan.PlanOptions;
import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import dev.jpm.engine.reconcile.Reconciler;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Answers each protocol request by composing planner, reconciler and supervisor. What a user gives (an ecosystem
 * file, PM2's one-liner) arrives read and normalised by the CLI ({@link Request.Apply}, {@link Request.StartScript}).
 */
final class RequestHandler implements ControlServer.Handler {

  private final Supervisor supervisor;
  private final Reconciler reconciler;
  private final ImperativeVerbs verbs;
  private final Persister persister;
  private final Views views;
  private final GitVerbs git;
  private final PrometheusEndpoint metricsEndpoint;
  private final Clock clock;
  private final long startedAtMs;
  private final LogStreamer logStreamer;
  private final LogVerbs logVerbs;
  private final DumpVerbs dumps;

  RequestHandler(Supervisor supervisor, Reconciler reconciler,
      Persister persister, Views views, GitVerbs git, PrometheusEndpoint metricsEndpoint, Clock clock,
      LogRouter logs, DumpStore dumpStore) {
    this.supervisor = supervisor;
    this.reconciler = reconciler;
    this.verbs = new ImperativeVerbs(supervisor, reconciler, views);
    this.views = views;
    this.git = git;
    this.metricsEndpoint = metricsEndpoint;
    this.persister = persister;
    this.clock = clock;
    this.startedAtMs = clock.millis();
    this.logStreamer = new LogStreamer(supervisor, logs);
    this.logVerbs = new LogVerbs(supervisor, logs);
    this.dumps = new DumpVerbs(supervisor, reconciler, views, dumpStore, clock);
  }

  /** A new home's daemon (no saved table) brings back what the dump lists, as a boot on a fresh machine should. */
  void resurrectIntoNewHome(boolean tableExisted) {
    if (tableExisted) return;
    try {
      Response outcome = dumps.resurrect(line -> {});
      if (outcome instanceof Response.Applied applied && !applied.plan().isEmpty())
        System.getLogger(RequestHandler.class.getName()).log(System.Logger.Level.INFO,
            "no saved table: resurrected the dump: " + String.join("; ", applied.plan()));
    } catch (DumpVerbs.Refused noDump) {
      // A new home with no dump either: nothing to bring back.
    }
  }

  @Override
  public boolean stream(Request request, LogStreamer.Sink frames) throws IOException {
    if (!(request instanceof Request.Logs logsRequest)) return false;
    try {
      logStreamer.stream(logsRequest, frames);
    } catch (IllegalArgumentException badInput) {
      frames.send(ErrorCode.INVALID_ARGUMENT.failure(badInput.getMessage()));
    }
    return true;
  }

  @Override
  public Response handle(Request request, Consumer<String> progress) {
    try {
      Response response = dispatch(request, progress);
      persister.awaitSaved();
      return response;
    } catch (IllegalArgumentException badInput) {
      return ErrorCode.INVALID_ARGUMENT.failure(badInput.getMessage());
    } catch (ImperativeVerbs.NotFound missing) {
      return ErrorCode.NOT_FOUND.failure(missing.getMessage());
    } catch (GitFailure | DumpVerbs.Refused refused) {
      return ErrorCode.FAILED.failure(refused.getMessage());
    }
  }

  private Response dispatch(Request request, Consumer<String> progress) {
    return switch (request) {
      case Request.Ping ping -> new Response.Pong(Wire.VERSION, ProcessHandle.current().pid(),
          clock.millis() - startedAtMs, supervisor.observe().apps().size());
      case Request.Plan plan -> plan(plan);
      case Request.Apply apply -> apply(apply, progress);
      case Request.List list -> new Response.Table(views.table(supervisor.observe()));
      case Request.Show show -> show(show.name());
      case Request.Control control -> verbs.control(control, progress);
      case Request.Scale scale -> verbs.scale(scale, progress);
      case Request.StartScript script -> verbs.startScript(script, progress);
      case Request.Kill kill -> verbs.stopAll(progress);
      case Request.Update update -> verbs.handOver(progress);
      case Request.RevisionMove move -> git.move(move, progress);
      case Request.GitOpsAdd add -> git.gitops(add, progress);
      case Request.GitOpsList list -> git.gitops(list, progress);
      case Request.GitOpsSync sync -> git.gitops(sync, progress);
      case Request.GitOpsRemove remove -> git.gitops(remove, progress);
      case Request.GitOpsDiff diff -> git.gitops(diff, progress);
      case Request.Reload reload -> verbs.reload(reload, progress);
      case Request.Logs logs -> throw new IllegalArgumentException("logs is answered as a stream");
      case Request.Flush flush -> logVerbs.flush(flush.target());
      case Request.ReloadLogs reload -> logVerbs.reload();
      case Request.Save save -> dumps.save(save.force());
      case Request.Resurrect resurrect -> dumps.resurrect(progress);
      case Request.ClearDump clear -> dumps.clear();
      case Request.Describe describe -> describe(describe.targets());
      case Request.Environment environment -> environment(environment.target());
      case Request.Reset reset -> verbs.reset(reset, progress);
      case Request.SendSignal signal -> verbs.signal(signal, progress);
      case Request.StartOrRestart file -> verbs.startOrRestart(file, progress);
    };
  }

  private Response plan(Request.Plan request) {
    Plan plan = reconciler.plan(required(request.desired()), options(request.prune(), request.only()));
    return new Response.Planned(plan.lines(), List.of(), plan.isEmpty());
  }

  private Response apply(Request.Apply request, Consumer<String> progress) {
    DesiredState desired = required(request.desired());
    Reconciler.Outcome outcome = reconciler.apply(desired, options(request.prune(), request.only()), progress);
    List<String> warnings = new ArrayList<>();
    // A file that says metrics: starts or moves the endpoint; one that says nothing leaves it as it is.
    if (desired.metrics() != null) metricsEndpoint.configure(Optional.of(desired.metrics())).ifPresent(warnings::add);
    return new Response.Applied(outcome.plan().lines(), warnings, outcome.failures(),
        views.table(supervisor.observe()));
  }

  /** One app: any target that names exactly one ({@code show 3} shows the app of pm_id 3). */
  private Response show(String target) {
    if (target == null || target.isBlank()) throw new IllegalArgumentException("name an app: jpm show NAME");
    ObservedState state = supervisor.observe();
    Targets.Resolved resolved = Targets.resolve(List.of(target), state);
    if (resolved.byApp().size() != 1)
      throw new IllegalArgumentException("show takes one app; '" + target + "' matches " + resolved.byApp().keySet());
    ObservedApp app = state.apps().get(resolved.byApp().keySet().iterator().next());
    return new Response.AppDetail(app.applied(), views.instances(app), views.schedule(app.applied().name()),
        git.revision(app), views.restarts(app), app.applied().balanced() ? app.frontPort() : null);
  }

  private Response describe(List<String> targets) {
    ObservedState state = supervisor.observe();
    boolean all = targets == null || targets.isEmpty();
    return new Response.Apps(views.apps(state, Targets.resolve(all ? List.of("all") : targets, state)));
  }

  private Response environment(String target) {
    ObservedState state = supervisor.observe();
    InstanceId id = Targets.resolve(target == null ? List.of() : List.of(target), state).single("env", target);
    return new Response.Environment(id.toString(), new TreeMap<>(supervisor.launchedEnvironment(id)),
        state.apps().get(id.app()).applied().secretEnv());
  }

  private static DesiredState required(DesiredState desired) {
    if (desired == null) throw new IllegalArgumentException("the request carries no apps (desired)");
    return desired;
  }

  private static PlanOptions options(boolean prune, List<String> only) {
    return new PlanOptions(prune, only == null ? Set.of() : Set.copyOf(only));
  }

  static AppSpec requireApp(Supervisor supervisor, String name) {
    ObservedApp app = supervisor.observe().apps().get(name);
    if (app == null) throw new ImperativeVerbs.NotFound(name);
    return app.applied();
  }
}
