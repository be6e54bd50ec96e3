package dev.jpm.engine.daemon;

import dev.jpm.engine.logs.LogBus;
import dev.jpm.engine.logs.LogLine;
import dev.jpm.engine.logs.LogPaths;
import dev.jpm.engine.logs.LogRouter;
import dev.jpm.engine.logs.LogTail;
import dev.jpm.engine.model.InstanceId;
import dev.jpm.engine.model.ObservedApp;
import dev.jpm.engine.model.ObservedState;
import dev.jpm.engine.model.ProcessRecord;
import dev.jpm.engine.protocol.ErrorCode;
import dev.jpm.engine.protocol.LogEntry;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.supervise.Supervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code jpm logs}: the last lines of each file of the target, then its live lines from the bus. The
 * subscription is taken before the files are read, so no line falls between the two. A follower that stops
 * reading only loses lines of its own (the bus drops for it and says how many); one that goes away is noticed
 * at the next batch or heartbeat.
 */
final class LogStreamer {

  /** Frames to the peer; throws once it has gone. */
  interface Sink {
    void send(Response frame) throws IOException;
  }

  private static final long HEARTBEAT_MS = 1000;
  private static final int BATCH = 512;

  private final Supervisor supervisor;
  private final LogRouter logs;

  LogStreamer(Supervisor supervisor, LogRouter logs) {
    this.supervisor = supervisor;
    this.logs = logs;
  }

  void stream(Request.Logs request, Sink sink) throws IOException {
    boolean out = !"err".equals(request.stream());
    boolean err = !"out".equals(request.stream());
    ObservedState state = supervisor.observe();
    boolean everything = request.target() == null || request.target().isBlank() || request.target().equals("all");
    Targets.Resolved target;
    try {
      target = Targets.resolve(List.of(everything ? "all" : request.target()), state);
    } catch (ImperativeVerbs.NotFound missing) {
      sink.send(ErrorCode.NOT_FOUND.failure(missing.getMessage()));
      return;
    }
    List<ObservedApp> apps = target.byApp().keySet().stream().map(state.apps()::get).toList();
    Map<String, Set<Integer>> only = new HashMap<>();
    // An app named as a whole is followed with the instances it gets later (an empty set), all with later apps too.
    target.byApp().forEach((app, ids) -> only.put(app, target.wholeApps().contains(app) ? Set.of()
        : ids.stream().map(InstanceId::index).collect(Collectors.toSet())));
    LogBus.Subscription live = request.follow()
        ? logs.bus().subscribe(new LogBus.Filter(everything ? null : only, out, err)) : null;
    try {
      // A batch per app: the CLI parses and prints the first while the next are read and encoded here.
      List<List<LogEntry>> batches = tails(apps, target, request.lines(), out, err);
      if (batches.isEmpty()) sink.send(new Response.LogBatch(List.of(), 0));
      for (List<LogEntry> batch : batches) sink.send(new Response.LogBatch(batch, 0));
      if (live == null) {
        sink.send(new Response.Done(""));
        return;
      }
      follow(live, sink);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (live != null) live.close();
    }
  }

  private static void follow(LogBus.Subscription live, Sink sink) throws IOException, InterruptedException {
    while (true) {
      List<LogLine> lines = live.poll(HEARTBEAT_MS, BATCH);
      sink.send(new Response.LogBatch(lines.stream().map(LogStreamer::entry).toList(), live.takeMissed()));
    }
  }

  /** The last lines of each app's files, one list per app that has any, in the table's order. */
  private List<List<LogEntry>> tails(List<ObservedApp> apps, Targets.Resolved target, int count, boolean out,
      boolean err) {
    List<List<LogEntry>> batches = new ArrayList<>();
    Set<Path> seen = new HashSet<>(); // merged instances share their files: each file once
    for (ObservedApp app : apps) {
      List<LogEntry> entries = new ArrayList<>();
      for (ProcessRecord record : app.instances()) {
        InstanceId id = record.id();
        if (!target.byApp().get(id.app()).contains(id)) continue;
        LogPaths paths = logs.paths(id, app.applied().logs());
        boolean shared = app.applied().logs().merge() && app.instances().size() > 1;
        int instance = shared ? LogEntry.SHARED : id.index();
        if (out) tail(paths.out(), id.app(), instance, "out", count, seen, entries);
        if (err) tail(paths.error(), id.app(), instance, "err", count, seen, entries);
      }
      if (!entries.isEmpty()) batches.add(entries);
    }
    return batches;
  }

  private static void tail(Optional<Path> file, String app, int instance, String stream, int count, Set<Path> seen,
      List<LogEntry> into) {
    if (file.isEmpty() || !seen.add(file.get())) return;
    try {
      for (String line : LogTail.lastLines(file.get(), count)) into.add(new LogEntry(app, instance, stream, line, 0));
    } catch (IOException e) {
      into.add(new LogEntry(app, instance, "event", "cannot read " + file.get() + ": " + e.getMessage(), 0));
    }
  }

  private static LogEntry entry(LogLine line) {
    return new LogEntry(line.app(), line.instance(), line.stream().word(), line.text(), line.timeMs());
  }
}
