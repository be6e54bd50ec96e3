package dev.jpm.cli.command;

import dev.jpm.engine.protocol.Request;
import dev.jpm.engine.protocol.Response;
import java.util.List;

/** Shared by stop, start (of existing apps), restart and delete: send the verb, print the outcome. */
abstract class ControlVerb extends ClientCommand {

  /** What a target is, for every verb's help. */
  static final String TARGETS = "all, an app name, NAME#INDEX, a pm_id (jpm ls: id), a namespace, a /regex/ of app"
      + " names, or an ecosystem file (its apps, by name). Several at once act on them all.";

  /** What --update-env means in jpm, for restart's and reload's help. */
  static final String UPDATE_ENV = "Accepted for PM2's scripts. An app's env comes from its ecosystem file, never"
      + " from this shell: to change it, edit the file and run jpm startOrRestart FILE (or apply FILE).";

  /** PM2's {@code restart FILE} and {@code reload FILE}: each file is started or refreshed; the exit code. */
  int refreshFiles(List<String> files, FileTargets.Options options, String cause) throws Exception {
    int exit = dev.jpm.cli.ExitCode.OK;
    for (String file : files) {
      int one = StartOrRestartCommand.refresh(this, FileTargets.load(jpm, file, options), options.only, cause);
      exit = Math.max(exit, one);
    }
    return exit;
  }

  /** The targets of a verb with a coded model ({@link CodedSpec#targets()}), each file replaced by its apps' names. */
  List<String> parsedTargets() {
    return FileTargets.expand(jpm, parsed().matchedPositionalValue(0, List.of()), FileTargets.Options.parsed(this));
  }

  int control(Request.Verb verb, List<String> targets) throws Exception {
    return printApplied(expect(send(new Request.Control(verb, targets)), Response.Applied.class));
  }
}
