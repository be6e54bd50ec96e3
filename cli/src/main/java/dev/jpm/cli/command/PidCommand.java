package dev.jpm.cli.command;

import dev.jpm.cli.ExitCode;
import dev.jpm.engine.protocol.AppInstances;
import dev.jpm.engine.protocol.InstanceView;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpm pid [TARGET]}: the pids of the target's running instances (every app's without one), one per line. An
 * instance that does not run prints nothing, where PM2 prints 0: {@code kill $(jpm pid api)} must never signal 0,
 * the caller's own process group.
 */
@Command(name = "pid", description = "Print the pids of running instances, one per line.")
public final class PidCommand extends ClientCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", description = ControlVerb.TARGETS)
  String target;

  @Override
  public Integer call() throws Exception {
    List<String> targets = target == null ? List.of() : List.of(target);
    JlistCommand.describe(this, targets).apps().stream().map(AppInstances::instances).flatMap(List::stream)
        .mapToLong(InstanceView::pid).filter(pid -> pid > 0).forEach(out()::println);
    return ExitCode.OK;
  }
}
