package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.MonitFrame;
import dev.jpm.engine.logs.LogTail;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jpm monit}: a live dashboard of every instance (status, cpu, memory, restarts, uptime), the selected
 * one's details and the tail of its logs. On a terminal it redraws every second until {@code q}; with no terminal
 * (a pipe, a script) it prints one frame of 80×24 and exits, as {@code top -b -n 1} does. The terminal library is
 * loaded by {@link MonitSession} only, so no other verb pays for it.
 */
@Command(name = "monit", aliases = {"dashboard", "dash"}, description = "Live dashboard of cpu, memory and logs.")
public final class MonitCommand extends ClientCommand {

  static final int PLAIN_WIDTH = 80;
  static final int PLAIN_HEIGHT = 24;

  @Override
  public Integer call() throws Exception {
    try (MonitSession session = MonitSession.open(this::frame, style())) {
      if (session.interactive()) {
        session.run();
      } else {
        MonitFrame.render(frame(0), PLAIN_WIDTH, PLAIN_HEIGHT, style()).forEach(out()::println);
      }
    }
    return ExitCode.OK;
  }

  /** The data of one frame with instance {@code selected} selected: the table, then that instance's log tail. */
  MonitFrame.View frame(int selected) throws IOException {
    List<InstanceView> rows = expect(send(new Request.List()), Response.Table.class).instances();
    if (rows.isEmpty()) return new MonitFrame.View(rows, 0, List.of());
    int index = Math.clamp(selected, 0, rows.size() - 1);
    return new MonitFrame.View(rows, index, logTail(rows.get(index), PLAIN_HEIGHT));
  }

  /** The last lines of the instance's files; stderr lines are marked, and share the space when both have some. */
  static List<String> logTail(InstanceView row, int lines) throws IOException {
    List<String> out = tail(row.outLog(), lines);
    List<String> err = tail(row.errLog(), lines);
    List<String> tail = new ArrayList<>(out.subList(Math.max(0, out.size() - (err.isEmpty() ? lines : lines / 2)),
        out.size()));
    for (String line : err.subList(Math.max(0, err.size() - (out.isEmpty() ? lines : lines / 2)), err.size()))
      tail.add("err | " + line);
    return tail;
  }

  private static List<String> tail(String file, int lines) throws IOException {
    if (file == null || !Files.isRegularFile(Path.of(file))) return List.of();
    return LogTail.lastLines(Path.of(file), lines);
  }
}
