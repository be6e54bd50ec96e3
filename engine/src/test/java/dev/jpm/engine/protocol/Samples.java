package dev.jpm.engine.protocol;

import dev.jpm.engine.model.AppSpec;
import dev.jpm.engine.model.CronSchedule;
import dev.jpm.engine.model.Dependency;
import dev.jpm.engine.model.DesiredState;
import dev.jpm.engine.model.ExecMode;
import dev.jpm.engine.model.HealthCheck;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.LogDateFormat;
import dev.jpm.engine.model.LogRotation;
import dev.jpm.engine.model.LogSpec;
import dev.jpm.engine.model.MetricsEndpoint;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.model.ProcessStatus;
import dev.jpm.engine.model.RestartEvent;
import dev.jpm.engine.model.RestartPolicy;
import dev.jpm.engine.model.RunAs;
import dev.jpm.engine.model.StopPolicy;
import dev.jpm.engine.model.Traffic;
import dev.jpm.engine.model.Versioning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One value of every protocol message and every model record, each field set to something other than its default
 * (and other than its neighbours'), so that a field written under the wrong name or read into the wrong place shows.
 */
public final class Samples {

  private Samples() {}

  public static final HealthCheck HEALTH = new HealthCheck(HealthCheck.Type.HTTP, "/healthz", 9091, 2000, 700, 2, 3, 9);
  public static final Traffic TRAFFIC = new Traffic("127.0.0.2", true, HEALTH, "listening on", 2, 1, 4500, true);
  public static final LogRotation ROTATION = new LogRotation(10_485_760, LogRotation.Interval.DAILY, 4, true);
  public static final LogSpec LOGS = new LogSpec("/var/log/api-out.log", "/var/log/api-err.log", "/var/log/api.log",
      true, true, LogDateFormat.parse("YYYY-MM-DD"), true, "/run/api.pid", ROTATION);
  public static final RestartPolicy RESTART = new RestartPolicy(false, 7, 1500, 20, 100, Set.of(3));
  public static final StopPolicy STOP = new StopPolicy("TERM", 3000);
  public static final Versioning VERSIONING = new Versioning(false, List.of("npm ci", "make"));
  public static final Dependency DEPENDENCY = new Dependency("db", Dependency.Condition.READY);
  public static final RunAs RUN_AS = new RunAs("www", "web");
  public static final AppSpec SPEC = new AppSpec("api", "shop", "/srv/eco.yaml", "server.js", List.of("--port", "x y"),
      "node", List.of("--max-old-space-size=64"), List.of("node", "--max-old-space-size=64", "server.js"), "/srv/api",
      new LinkedHashMap<>(Map.of("B", "2", "A", "1")), 3, ExecMode.CLUSTER, "MY_INSTANCE", "PORT", 18080, RESTART,
      STOP, LOGS, 4000, 314_572_800, CronSchedule.parse("0 3 * * *"), List.of("src"), List.of("*.tmp"), 250,
      List.of(DEPENDENCY), false, VERSIONING, TRAFFIC, RUN_AS, List.of("DATABASE_URL"), "node:22-slim");
  public static final InstanceId ID = new InstanceId("api", 2);
  public static final ProcessRecord RECORD = new ProcessRecord(ID, ProcessStatus.WAITING_RESTART, 4242,
      1_795_000_000_123L, "13247f56471d8075", 1_795_000_000_456L, 5, 2, 137, "KILL", "memory limit", "cron", 20001, 7);
  public static final ProcessRecord SURGE = new ProcessRecord(new InstanceId("api", 3), ProcessStatus.LAUNCHING, 4343,
      1_795_000_001_000L, "13247f56471d8075", 1_795_000_001_001L, 0, 0, null, null, null, null, 20002, 9);
  public static final ObservedApp APP = new ObservedApp(SPEC, List.of(RECORD), List.of(SURGE), 3000);
  public static final ObservedState STATE = new ObservedState(Map.of("api", APP));
  public static final MetricsEndpoint METRICS = new MetricsEndpoint("0.0.0.0", 9209);
  public static final DesiredState DESIRED = new DesiredState("/srv/eco.yaml", "production", List.of(SPEC), METRICS);
  public static final RestartEvent RESTART_EVENT = new RestartEvent(1_795_000_002_000L, "crashed", 1, "SEGV");

  public static final InstanceView VIEW = new InstanceView("api", "api#2", 2, "shop", "cluster", 4242, "online", 5, 2,
      61_000, 137, "KILL", "memory limit", "/var/log/api-out.log", "/var/log/api-err.log", "/srv/eco.yaml", 12.5,
      52_428_800L, "ready", 3, 1000, 64_000, 7, 12, 1_795_000_009_000L);
  public static final InstanceView BARE_VIEW = new InstanceView("w", "w#0", 0, "default", "fork", 0, "stopped", 0, 0,
      0, null, null, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0);
  public static final AppInstances APP_INSTANCES = new AppInstances(SPEC, List.of(VIEW));
  public static final GitOpsSource SOURCE = new GitOpsSource("shop", "https://git.example/shop.git", "release",
      "deploy/eco.yaml", "production", 30_000, true);
  public static final GitOpsStatus STATUS = new GitOpsStatus("a".repeat(40), "b".repeat(40), "OutOfSync", "Degraded",
      "bbbbbbb failed: api#0 errored", 1_795_000_003_000L);
  public static final GitOpsState GITOPS = new GitOpsState(SOURCE, STATUS);
  public static final LogEntry LOG_ENTRY = new LogEntry("api", 2, "err", "boom \"quoted\" é", 1_795_000_004_000L);
  public static final RestartView RESTART_VIEW = new RestartView("api#2", 1_795_000_005_000L, "cron", 143, "TERM");
  public static final RevisionView REVISION = new RevisionView("git", "/srv", "main", "c".repeat(40), "Fix it",
      "Ada", 1_795_000_006_000L, "https://git.example/srv.git", 1, 2, true, 1_795_000_007_000L);
  public static final ScheduleView SCHEDULE = new ScheduleView(1_795_000_008_000L, "watching 120 files every 1000ms");

  /** Every request type. */
  public static final List<Request> REQUESTS = List.of(
      new Request.Ping(),
      new Request.Plan(DESIRED, true, List.of("api", "db")),
      new Request.Apply(DESIRED, true, List.of("api")),
      new Request.List(),
      new Request.Show("api"),
      new Request.Control(Request.Verb.RESTART, List.of("api#1", "db")),
      new Request.Scale("api", "+2"),
      new Request.StartScript(SPEC),
      new Request.Kill(),
      new Request.Update(),
      new Request.RevisionMove(Request.Move.BACKWARD, "api", "d".repeat(40)),
      new Request.GitOpsAdd(SOURCE),
      new Request.GitOpsList(),
      new Request.GitOpsSync("shop"),
      new Request.GitOpsRemove("shop"),
      new Request.GitOpsDiff("shop"),
      new Request.Reload(List.of("api", "db")),
      new Request.Logs("api#2", 50, "err", true),
      new Request.Flush("all"),
      new Request.ReloadLogs(),
      new Request.Describe(List.of("/^api/", "3")),
      new Request.Environment("api#2"),
      new Request.Reset(List.of("all")),
      new Request.SendSignal("SIGUSR2", List.of("shop")),
      new Request.StartOrRestart(DESIRED, List.of("api"), "startOrReload"),
      new Request.Save(true),
      new Request.Resurrect(),
      new Request.ClearDump());

  /** Every response type. */
  public static final List<Response> RESPONSES = List.of(
      new Response.Progress("+ start api#0 (new app)"),
      new Response.Failure(3, "no app named x"),
      new Response.Pong(1, 4242, 61_000, 3),
      new Response.Invalid(List.of("eco.yaml:2:3: bad"), List.of("eco.yaml:4:1: odd")),
      new Response.Planned(List.of("+ start api#0"), List.of("careful"), true),
      new Response.Applied(List.of("+ start api#0"), List.of("careful"), List.of("api#0 errored"), List.of(VIEW, BARE_VIEW)),
      new Response.Table(List.of(VIEW, BARE_VIEW)),
      new Response.AppDetail(SPEC, List.of(VIEW), SCHEDULE, REVISION, List.of(RESTART_VIEW), 18080),
      new Response.Moved("api", "e".repeat(40), "f".repeat(40), List.of("api#1 errored"), List.of(VIEW)),
      new Response.GitOpsSources(List.of(GITOPS)),
      new Response.LogBatch(List.of(LOG_ENTRY, new LogEntry("api", LogEntry.SHARED, "out", "", 0)), 12),
      new Response.Done("flushed 3 files"),
      new Response.Apps(List.of(APP_INSTANCES)),
      new Response.Environment("api#2", new java.util.TreeMap<>(Map.of("PORT", "20001", "NODE_APP_INSTANCE", "2")),
          List.of("DATABASE_URL")));

  /** Every model record, and the protocol's records that are parts of messages or files. */
  public static final List<Record> PARTS = List.of(HEALTH, TRAFFIC, ROTATION, LOGS, RESTART, STOP, VERSIONING,
      DEPENDENCY, SPEC, ID, RECORD, SURGE, APP, STATE, METRICS, DESIRED, RESTART_EVENT, VIEW, BARE_VIEW, SOURCE,
      STATUS, GITOPS, LOG_ENTRY, RESTART_VIEW, REVISION, SCHEDULE, APP_INSTANCES, RUN_AS);
}
