package dev.jpm.cli.command;

import dev.jpm.cli.render.ProcessTable;
import dev.jpm.cli.render.Style;
import dev.jpm.engine.protocol.InstanceView;
import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import dev.jpm.engine.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the launcher's training run for the JDK's AOT cache. Walks the classes {@code ls} needs (picocli
 * parsing, protocol encoding both ways, table rendering) without a daemon, so the cache covers the hot path.
 */
@Command(name = "aot-train", hidden = true)
public final class AotTrainCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    dev.jpm.cli.Main.commandLine(java.util.Map.of()).parseArgs("ls", "--json");
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    Wire.write(frame, new Request.List());
    Wire.read(new ByteArrayInputStream(frame.toByteArray()), Request.class);
    InstanceView row = new InstanceView("api", "api#0", 0, "default", "fork", 42, "online", 0, 0, 1000, null, null,
        null, "/tmp/out.log", "/tmp/err.log", null);
    frame.reset();
    Wire.write(frame, new Response.Table(List.of(row)));
    Response.Table table = (Response.Table) Wire.read(new ByteArrayInputStream(frame.toByteArray()), Response.class);
    ProcessTable.lines(table.instances(), new Style(true));
    Wire.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(table.instances());
    return 0;
  }
}
