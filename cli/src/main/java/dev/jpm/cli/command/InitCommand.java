package dev.jpm.cli.command;

import dev.jpm.cli.CliFailure;
import dev.jpm.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpm init [FILE]}: writes a commented starter ecosystem file; never overwrites one. */
@Command(name = "init", description = "Write a commented starter ecosystem.yaml.")
public final class InitCommand implements Callable<Integer> {

  @ParentCommand dev.jpm.cli.JpmCommand jpm;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "File to write (default ecosystem.yaml).")
  String file = "ecosystem.yaml";

  @Override
  public Integer call() throws IOException {
    Path target = jpm.workingDirectory().resolve(file);
    if (Files.exists(target))
      throw new CliFailure(ExitCode.FAILURE, target + " already exists; jpm init never overwrites a file");
    try (InputStream starter = InitCommand.class.getResourceAsStream("starter-ecosystem.yaml")) {
      if (starter == null) throw new IllegalStateException("starter-ecosystem.yaml missing from the jar");
      Files.write(target, starter.readAllBytes());
    }
    spec.commandLine().getOut().println("wrote " + target + "; jpm apply " + file + " starts it");
    return ExitCode.OK;
  }
}
