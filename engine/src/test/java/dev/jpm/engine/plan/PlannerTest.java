package dev.jpm.engine.plan;

import static dev.jpm.engine.model.ProcessStatus.ERRORED;
import static dev.jpm.engine.model.ProcessStatus.LAUNCHING;
import static dev.jpm.engine.model.ProcessStatus.ONLINE;
import static dev.jpm.engine.model.ProcessStatus.STOPPED;
import static dev.jpm.engine.model.ProcessStatus.WAITING_RESTART;
import static dev.jpm.engine.plan.ProcessTable.file;
import static dev.jpm.engine.plan.ProcessTable.instance;
import static dev.jpm.engine.plan.ProcessTable.observed;
import static dev.jpm.engine.plan.ProcessTable.restartRequested;
import static dev.jpm.engine.plan.ProcessTable.running;
import static dev.jpm.engine.plan.ProcessTable.table;
import static dev.jpm.engine.plan.SpecBuilder.app;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessStatus;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden plans: each case states a file, a process table and options, and the exact text the plan renders. */
class PlannerTest {

  record Case(String name, DesiredState desired, ObservedState observed, PlanOptions options, String golden) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(String name, DesiredState desired, ObservedState observed, String golden) {
    return new Case(name, desired, observed, PlanOptions.DEFAULT, golden);
  }

  private static final PlanOptions PRUNE = new PlanOptions(true, Set.of());

  private static SpecBuilder api() {
    return app("api").env("DB_URL", "postgres://db/shop").instances(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"newApps", "inSync", "shapeChanges", "supervisionChanges", "scaling", "stoppedInstances", "pruning",
      "onlySomeApps", "ordering", "restartRequests"})
  void appsOfTheFile(Case c) {
    assertThat(Planner.plan(c.desired(), c.observed(), c.options()).toString()).isEqualTo(c.golden().strip());
  }

  static Stream<Case> newApps() {
    return Stream.of(
        of("new app starts every instance", file(app("api").instances(3).build()), ObservedState.EMPTY, """
            + start api#0 (new app)
            + start api#1 (new app)
            + start api#2 (new app)
            """),
        of("new app with autostart false is only registered",
            file(app("worker").instances(2).noAutostart().build()), ObservedState.EMPTY, """
            + register worker (autostart: false)
            """));
  }

  static Stream<Case> inSync() {
    AppSpec spec = api().build();
    return Stream.of(
        of("plan right after apply is empty", file(spec), table(running(spec)), ""),
        of("runtime facts and active states never produce a step", file(spec),
            table(observed(spec, instance(spec, 0, LAUNCHING), instance(spec, 1, WAITING_RESTART))), ""),
        of("registered app that does not autostart stays stopped", file(app("worker").noAutostart().build()),
            table(observed(app("worker").noAutostart().build(),
                instance(app("worker").noAutostart().build(), 0, STOPPED))), ""));
  }

  private static dev.jpm.engine.model.Traffic twoDown() {
    return new dev.jpm.engine.model.Traffic(null, false, null, null, 1, 2, 10_000, false);
  }

  static Stream<Case> shapeChanges() {
    AppSpec before = api().env("OLD", "1").build();
    return Stream.of(
        of("env change restarts each instance in index order",
            file(api().env("DB_URL", "postgres://db2/shop").build()), table(running(api().build())), """
            ~ restart api#0 (env.DB_URL changed) [rolling: capacity −1]
            ~ restart api#1 (env.DB_URL changed) [rolling: capacity −1]
            """),
        of("max_unavailable 2 costs two instances at a time",
            file(api().traffic(twoDown()).env("DB_URL", "x").build()), table(running(api().traffic(twoDown()).build())),
            """
            ~ restart api#0 (env.DB_URL changed) [rolling: capacity −2]
            ~ restart api#1 (env.DB_URL changed) [rolling: capacity −2]
            """),
        of("several changes are listed, three at most",
            file(api().args("--verbose").env("DB_URL", "x").env("NEW", "1").instances(1).build()),
            table(running(before.withInstances(1))), """
            ~ restart api#0 (args changed, env.DB_URL changed, env.NEW added, +1 more) [downtime: single instance]
            """),
        of("port and exec mode show their values", file(app("web").cluster(3001).build()),
            table(running(app("web").port(3000).build())), """
            ~ restart web#0 (port 3000 → 3001, exec_mode fork → cluster) [zero-downtime: surge, ready, drain]
            """),
        of("interpreter, node_args and instance_var are named",
            file(app("job").interpreter("/usr/bin/node", "--max-old-space-size=512").instanceVar("ID").build()),
            table(running(app("job").interpreter("/usr/bin/node").build())), """
            ~ restart job#0 (node_args changed, instance_var changed) [downtime: single instance]
            """),
        of("an instance on an older spec than the one applied is restarted",
            file(api().build()),
            table(observed(api().build(), instance(api().build(), 0, ONLINE),
                instance(api().env("DB_URL", "old").build(), 1, ONLINE))), """
            ~ restart api#1 (spec changed) [rolling: capacity −1]
            """));
  }

  static Stream<Case> supervisionChanges() {
    return Stream.of(
        of("supervision only is one update without restart",
            file(api().maxRestarts(5).minUptimeMs(2000).build()), table(running(api().build())), """
            = update api (max_restarts 16 → 5, min_uptime 1000ms → 2000ms, no restart)
            """),
        of("sizes read like the file, long values are only named",
            file(api().maxMemoryBytes(200L << 20).outFile("/var/log/shop/api-out.log").stopSignal("TERM").build()),
            table(running(api().build())), """
            = update api (stop_signal INT → TERM, max_memory_restart none → 200M, out_file changed, no restart)
            """),
        of("update comes before the restarts it goes with",
            file(api().env("DB_URL", "x").stopExitCodes(0, 2).build()), table(running(api().build())), """
            = update api (stop_exit_codes [] → [0, 2], no restart)
            ~ restart api#0 (env.DB_URL changed) [rolling: capacity −1]
            ~ restart api#1 (env.DB_URL changed) [rolling: capacity −1]
            """),
        of("an app started by hand is adopted by the file", file(api().build()),
            table(running(api().source(null).build())), """
            = update api (source by hand → ecosystem.yaml, no restart)
            """));
  }

  static Stream<Case> scaling() {
    return Stream.of(
        of("scale up starts the lowest free indexes only", file(api().instances(4).build()),
            table(running(api().build())), """
            + start api#2 (instances 2 → 4)
            + start api#3 (instances 2 → 4)
            """),
        of("scale down removes the highest indexes, highest first", file(api().build()),
            table(running(api().instances(4).build())), """
            - remove api#3 (instances 4 → 2)
            - remove api#2 (instances 4 → 2) after api#3
            """),
        of("scale up with a spec change restarts the kept ones",
            file(api().instances(3).env("DB_URL", "x").build()), table(running(api().build())), """
            ~ restart api#0 (env.DB_URL changed) [rolling: capacity −1]
            ~ restart api#1 (env.DB_URL changed) [rolling: capacity −1]
            + start api#2 (instances 2 → 3)
            """),
        of("scale down with spec and policy changes",
            file(api().instances(1).env("DB_URL", "x").maxRestarts(3).build()),
            table(running(api().instances(3).build())), """
            = update api (max_restarts 16 → 3, no restart)
            - remove api#2 (instances 3 → 1)
            - remove api#1 (instances 3 → 1) after api#2
            ~ restart api#0 (env.DB_URL changed) [downtime: single instance] after api#1
            """),
        of("an app that does not autostart records a scale up without starting",
            file(app("worker").instances(2).noAutostart().build()),
            table(observed(app("worker").noAutostart().build(),
                instance(app("worker").noAutostart().build(), 0, STOPPED))), """
            = update worker (instances 1 → 2, no restart)
            """));
  }

  static Stream<Case> stoppedInstances() {
    AppSpec three = api().instances(3).build();
    AppSpec changed = api().instances(3).env("X", "1").build();
    AppSpec worker = app("worker").noAutostart().build();
    return Stream.of(
        of("stopped and errored instances are started again", file(three),
            table(observed(three, instance(three, 0, STOPPED), instance(three, 1, ERRORED),
                instance(three, 2, ONLINE))), """
            + start api#0 (stopped)
            + start api#1 (errored)
            """),
        of("a start also says what changed in the spec", file(changed),
            table(observed(three, instance(three, 0, ONLINE), instance(three, 1, ERRORED),
                instance(three, 2, ONLINE))), """
            ~ restart api#0 (env.X added) [rolling: capacity −1]
            ~ restart api#2 (env.X added) [rolling: capacity −1]
            + start api#1 (errored; env.X added)
            """),
        of("an instance still stopping is started again too", file(api().build()),
            table(observed(api().build(), instance(api().build(), 0, ONLINE),
                instance(api().build(), 1, ProcessStatus.STOPPING))), """
            + start api#1 (stopping)
            """),
        of("a missing instance record is started", file(api().build()),
            table(observed(api().build(), instance(api().build(), 0, ONLINE))), """
            + start api#1 (missing)
            """),
        of("an app that does not autostart is never started, only updated",
            file(app("worker").noAutostart().env("X", "1").build()),
            table(observed(worker, instance(worker, 0, ERRORED))), """
            = update worker (env.X added, no restart)
            """));
  }

  static Stream<Case> pruning() {
    AppSpec old = app("old").build();
    AppSpec otherFile = app("billing").source("/srv/billing/ecosystem.yaml").build();
    AppSpec byHand = app("adhoc").source(null).build();
    ObservedState table = table(running(api().build()), running(old), running(otherFile), running(byHand));
    return Stream.of(
        of("without --prune an app the file dropped is only noted", file(api().build()), table, """
            ! old is no longer in ecosystem.yaml; jpm apply --prune deletes it
            """),
        new Case("with --prune it is deleted", file(api().build()), table, PRUNE, """
            - delete old (not in file; --prune)
            """),
        new Case("apps from another file or started by hand are never pruned", file(api().build()),
            table(running(api().build()), running(otherFile), running(byHand)), PRUNE, ""),
        new Case("a file without a path prunes nothing", new DesiredState(null, null, java.util.List.of()),
            table(running(old)), PRUNE, ""));
  }

  static Stream<Case> onlySomeApps() {
    DesiredState changedBoth = file(api().env("DB_URL", "x").build(), app("web").env("A", "1").build());
    ObservedState table = table(running(api().build()), running(app("web").build()), running(app("old").build()),
        running(app("gone").build()));
    return Stream.of(
        new Case("--only plans the named apps and leaves the others", changedBoth, table,
            new PlanOptions(false, Set.of("web")), """
            ~ restart web#0 (env.A added) [downtime: single instance]
            """),
        new Case("--only limits prune to the named apps too", changedBoth, table,
            new PlanOptions(true, Set.of("web", "gone")), """
            ~ restart web#0 (env.A added) [downtime: single instance]
            - delete gone (not in file; --prune)
            """),
        new Case("--only naming an app that is nowhere plans nothing", changedBoth, table,
            new PlanOptions(true, Set.of("nosuch")), ""));
  }

  static Stream<Case> restartRequests() {
    AppSpec api = api().build();
    AppSpec oneShot = app("report").noAutostart().build();
    ObservedState bothRequested = table(observed(api, restartRequested(instance(api, 0, ONLINE), "cron 0 3 * * *"),
        restartRequested(instance(api, 1, ONLINE), "cron 0 3 * * *")));
    ObservedState oneRequestedOneStopped = table(observed(api,
        restartRequested(instance(api, 0, ONLINE), "memory limit exceeded"), instance(api, 1, STOPPED)));
    PlanOptions requested = PlanOptions.requestedRestarts("api");
    return Stream.of(
        new Case("a requested restart replaces each instance, cause shown", file(api), bothRequested, requested, """
            ~ restart api#0 (cron 0 3 * * *) [rolling: capacity −1]
            ~ restart api#1 (cron 0 3 * * *) [rolling: capacity −1]
            """),
        new Case("a request for one instance leaves a stopped sibling alone", file(api), oneRequestedOneStopped,
            requested, """
            ~ restart api#0 (memory limit exceeded) [rolling: capacity −1]
            """),
        of("an apply honours pending requests and still starts stopped instances", file(api),
            oneRequestedOneStopped, """
            ~ restart api#0 (memory limit exceeded) [rolling: capacity −1]
            + start api#1 (stopped)
            """),
        new Case("a request starts a stopped app that does not autostart (a one-shot cron job)", file(oneShot),
            table(observed(oneShot, restartRequested(instance(oneShot, 0, STOPPED), "cron */5 * * * *"))),
            PlanOptions.requestedRestarts("report"), """
            + start report#0 (stopped; cron */5 * * * *)
            """),
        new Case("requested restarts of one app never touch another or prune", file(api, app("web").build()),
            table(observed(api, restartRequested(instance(api, 0, ONLINE), "watch: src/a.js changed"),
                instance(api, 1, ONLINE)), running(app("web").env("A", "1").build()), running(app("old").build())),
            requested, """
            ~ restart api#0 (watch: src/a.js changed) [rolling: capacity −1]
            """),
        new Case("no request, nothing to do", file(api), table(running(api)), requested, ""));
  }

  static Stream<Case> ordering() {
    DesiredState file = file(app("web").dependsOn("api").build(), app("api").dependsOn("db", "cache").build(),
        app("worker").build(), app("db").build(), app("cache").dependsOn("elsewhere").build());
    ObservedState orphans = table(running(app("a").build()), running(app("b").dependsOn("a").build()),
        running(app("c").build()), running(app("d").dependsOn("b").build()));
    return Stream.of(
        of("dependencies start first, ties in file order", file, ObservedState.EMPTY, """
            + start worker#0 (new app)
            + start db#0 (new app)
            + start cache#0 (new app) after elsewhere started
            + start api#0 (new app) after db started, cache started
            + start web#0 (new app) after api started
            """),
        new Case("deletes come last, dependents first", file(app("web").env("A", "1").build()),
            table(running(app("web").build()), running(app("a").build()), running(app("b").dependsOn("a").build()),
                running(app("c").build()), running(app("d").dependsOn("b").build())), PRUNE, """
            ~ restart web#0 (env.A added) [downtime: single instance]
            - delete c (not in file; --prune)
            - delete d (not in file; --prune)
            - delete b (not in file; --prune) after d
            - delete a (not in file; --prune) after b
            """),
        of("notes follow the same order", file(), orphans, """
            ! c is no longer in ecosystem.yaml; jpm apply --prune deletes it
            ! d is no longer in ecosystem.yaml; jpm apply --prune deletes it
            ! b is no longer in ecosystem.yaml; jpm apply --prune deletes it
            ! a is no longer in ecosystem.yaml; jpm apply --prune deletes it
            """));
  }

  @Test
  void samePlanForSameInputsWhateverTheRecordOrder() {
    AppSpec three = api().instances(3).build();
    DesiredState desired = file(app("web").dependsOn("api").env("A", "1").build(), api().env("DB_URL", "x").build(),
        app("db").build());
    ObservedState forward = table(observed(three, instance(three, 0, ONLINE), instance(three, 1, ERRORED),
        instance(three, 2, STOPPED)), running(app("web").dependsOn("api").build()), running(app("old").build()));
    ObservedState backward = table(running(app("old").build()), running(app("web").dependsOn("api").build()),
        observed(three, instance(three, 2, STOPPED), instance(three, 1, ERRORED), instance(three, 0, ONLINE)));

    Plan first = Planner.plan(desired, forward, PRUNE);

    assertThat(Planner.plan(desired, forward, PRUNE)).isEqualTo(first);
    assertThat(Planner.plan(desired, backward, PRUNE)).isEqualTo(first);
    assertThat(first.toString()).isEqualTo("""
        - remove api#2 (instances 3 → 2)
        ~ restart api#0 (env.DB_URL changed) [rolling: capacity −1] after api#2
        + start api#1 (errored; env.DB_URL changed) after api#2
        ~ restart web#0 (env.A added) [downtime: single instance]
        + start db#0 (new app)
        - delete old (not in file; --prune)""");
  }
}
