package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.cli.render.Inspected;
import dev.jpm.engine.protocol.AppInstances;
import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpm id NAME}: the pm_ids of the target's instances, as PM2 prints them ({@code [ 0, 1 ]}). */
@Command(name = "id", description = "Print the pm_ids of an app's instances, as PM2 does: [ 0, 1 ].")
public final class IdCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  String target;

  @Override
  public Integer call() throws Exception {
    List<Integer> ids = JlistCommand.describe(this, List.of(target)).apps().stream()
        .map(AppInstances::instances).flatMap(List::stream).map(InstanceView::pmId).toList();
    out().println(Inspected.of(ids));
    return ExitCode.OK;
  }
}
